"""The web app on an office's PostgreSQL register (``so_van_ban.url`` in the folder's profile):
created, numbered, listed and voided through the same pages as a register file."""

from __future__ import annotations

import uuid

from tests.conftest import SAMPLES


def test_the_web_app_issues_lists_and_voids_on_the_offices_postgresql_register(client, folder, pg_url):
    agency = f"web-{uuid.uuid4().hex[:8]}"
    profile = folder / "co-quan.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + f"so_van_ban:\n  url: {pg_url}\n  co_quan: {agency}\n",
                       encoding="utf-8")
    text = (SAMPLES / "ke-hoach-1626-KH-BQL.yaml").read_text(encoding="utf-8").replace("so: 1626", "so:")
    (folder / "ke-hoach.yaml").write_text(text, encoding="utf-8")

    before = client.get("/api/register").json()
    assert before["ok"] and before["entries"] == [], before  # this agency has no entry yet
    if not before["exists"]:  # a database without the register: issuing offers to create it first
        refused = client.post("/api/issue", json={"name": "ke-hoach.yaml"})
        assert refused.status_code == 409 and refused.json()["register_missing"].startswith("postgresql://")
    created = client.post("/api/register/init", json={"form": "ke-hoach.yaml"})
    assert created.status_code == 200, created.text
    assert client.get("/api/register").json()["exists"] is True
    issued = client.post("/api/issue", json={"name": "ke-hoach.yaml"})
    assert issued.status_code == 200, issued.text
    assert issued.json()["numbers"] == ["01/KH-BQL"]
    listed = client.get("/api/register").json()
    assert [e["number"] for e in listed["entries"]] == ["01/KH-BQL"]
    assert listed["path"].startswith("postgresql://")
    voided = client.post("/api/register/void", json={"number": "01/KH-BQL", "year": 2023, "reason": "Ban hành nhầm"})
    assert voided.status_code == 200, voided.text
    assert client.get("/api/register").json()["entries"][0]["status"] == "voided"
    assert not list(folder.glob("*.sqlite3"))  # nothing fell back to a file
