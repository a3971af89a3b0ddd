"""Safe by default: host and token checks, CSRF, size limits, the working folder, escaping, and
the hostile-input corpus of tests/hostile replayed through the API."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from generator.resources import starters_dir
from tests.hostile import test_forms as hostile

YAML = {"content-type": "application/yaml"}


def test_a_post_without_the_csrf_token_is_refused(app):
    with TestClient(app, base_url="http://127.0.0.1:8000") as bare:
        response = bare.post("/api/check", content=b"loai: ke-hoach\n", headers=YAML)
    assert response.status_code == 403 and "CSRF" in response.json()["issues"][0]["message"]


def test_a_post_from_another_origin_is_refused_even_with_the_token(client):
    response = client.post("/api/check", content=b"loai: ke-hoach\n", headers={**YAML, "origin": "http://evil.example"})
    assert response.status_code == 403


def test_a_request_for_another_host_name_is_refused(app):
    """DNS rebinding: a page of evil.example resolving to 127.0.0.1 cannot talk to the desk."""
    with TestClient(app, base_url="http://evil.example:8000") as other:
        assert other.get("/api/kinds").status_code == 421


def test_a_server_beyond_loopback_needs_its_token(folder):
    from generator.web.app import create_app

    with pytest.raises(ValueError):
        create_app(folder, host="0.0.0.0")
    app = create_app(folder, host="192.0.2.10", token="s3cret", csrf="c")
    with TestClient(app, base_url="http://192.0.2.10:8000") as c:
        assert c.get("/api/kinds").status_code == 401
        assert c.get("/api/kinds?token=wrong").status_code == 401
        first = c.get("/?token=s3cret")
        assert first.status_code == 200 and "HttpOnly" in first.headers["set-cookie"]
        assert c.get("/api/kinds").status_code == 200  # the cookie now
    with TestClient(app, base_url="http://192.0.2.10:8000") as api:
        answer = api.post("/api/check", content=(starters_dir() / "ke-hoach.yaml").read_bytes(),
                          headers={**YAML, "authorization": "Bearer s3cret"})
        assert answer.status_code == 200  # another system: the bearer token stands for CSRF too


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_an_oversized_body_is_refused_before_it_is_read(client):
    response = client.post("/api/check", content=b"x" * (3 * 1024 * 1024), headers=YAML)
    assert response.status_code == 413


@pytest.mark.parametrize("name", ["../escape.yaml", "/etc/passwd", "a/../../b.yaml", "samples:../pyproject.toml",
                                  "x\x00.yaml"], ids=["dotdot", "absolute", "nested-dotdot", "sample-dotdot", "nul"])
def test_files_outside_the_working_folder_cannot_be_read_or_written(client, name):
    assert client.get("/api/form", params={"name": name}).status_code == 400
    assert client.get("/api/file", params={"name": name}).status_code == 400
    saved = client.post("/api/save", json={"name": name, "yaml": "loai: ke-hoach\n"})
    assert saved.status_code in (400, 409)


def test_a_symlink_out_of_the_folder_is_not_followed(client, folder, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("loai: ke-hoach\ntrich_yeu: bí mật\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(secret)
    response = client.get("/api/form", params={"name": "link.yaml"})
    assert response.status_code == 400 and "bí mật" not in response.text


def test_a_form_cannot_pull_a_profile_from_outside_the_folder(client, tmp_path):
    outside = tmp_path / "other.yaml"
    outside.write_text("co_quan_ban_hanh: Cơ quan lạ\n", encoding="utf-8")
    text = (starters_dir() / "thong-bao.yaml").read_text(encoding="utf-8") + f"co_quan: {outside}\n"
    response = client.post("/api/check?name=tb.yaml", content=text.encode(), headers=YAML)
    assert response.status_code == 422
    issue = next(i for i in response.json()["issues"] if i["field"] == "co_quan")
    assert "ngoài thư mục làm việc" in issue["message"]


def test_a_sample_is_read_only_and_a_new_form_never_overwrites_without_force(client, folder):
    assert client.post("/api/save", json={"name": "samples:ke-hoach-1626-KH-BQL.yaml", "yaml": "loai: x\n"}
                       ).status_code == 409
    (folder / "tb.yaml").write_text("loai: thong-bao\n", encoding="utf-8")
    clash = client.post("/api/save", json={"name": "tb.yaml", "yaml": "loai: thong-bao\ntrich_yeu: mới\n"})
    assert clash.status_code == 409 and (folder / "tb.yaml").read_text(encoding="utf-8") == "loai: thong-bao\n"
    forced = client.post("/api/save", json={"name": "tb.yaml", "yaml": "loai: thong-bao\ntrich_yeu: mới\n",
                                            "force": True})
    assert forced.status_code == 200 and "mới" in (folder / "tb.yaml").read_text(encoding="utf-8")


INTERNALS = hostile.INTERNALS


@pytest.mark.parametrize("text, code, says", [c[1:] for c in hostile.CASES], ids=[c[0] for c in hostile.CASES])
def test_the_hostile_corpus_gets_located_messages_through_the_api(client, folder, monkeypatch, text, code, says):
    from generator import sources

    monkeypatch.setattr(sources, "MAX_NODES", hostile.SMALL_NODES)
    text = text(folder) if callable(text) else text
    body = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    suffix = ".json" if body.startswith(b"{") else ".yaml"
    response = client.post(f"/api/check?name=form{suffix}", content=body, headers=YAML)
    assert response.status_code in (400, 413, 422), response.text
    issues = response.json()["issues"]
    assert issues and all(i["message"] for i in issues)
    joined = " ".join(i["text"] for i in issues)
    assert not INTERNALS.search(joined), joined
    if code == 3 and response.status_code != 413:
        assert says in joined or "UTF-8" in joined or "JSON" in joined, joined
    if code == 4:  # a profile that is not a regular file is outside the folder or refused: located at co_quan
        assert any(i["field"] or i["line"] for i in issues)


def test_hostile_text_in_a_form_comes_back_escaped_in_the_page(client):
    """The pages never put user text into HTML themselves: the issue JSON carries it as data and
    the script writes it with textContent; the only server HTML (plain preview) is escaped."""
    text = (starters_dir() / "ke-hoach.yaml").read_text(encoding="utf-8").replace(
        "ngay: 05/01/2026", 'ngay: "<img src=x onerror=alert(1)>"')
    response = client.post("/api/check?name=k.yaml", content=text.encode(), headers=YAML)
    assert response.headers["content-type"].startswith("application/json")
    assert any("<img src=x onerror=alert(1)>" in i["message"] for i in response.json()["issues"])
    script = client.get("/static/app.js").text
    assert re.findall(r"\.innerHTML\s*=", script) == [".innerHTML ="]  # the escaped preview only


def _holds_data(text) -> bool:
    """A hostile file whose content a form in the browser could hold: it reads as a mapping (the
    rest is refused while the file is read, before any check). Made in the test: files named
    relative to the working folder."""
    from generator.errors import InputError
    from generator.web.roundtrip import read_text_data

    if callable(text):
        return True
    body = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    try:
        return isinstance(read_text_data(body.decode("utf-8"), "form.yaml"), dict) and not body.startswith(b"{")
    except (InputError, UnicodeDecodeError):
        return False


AS_DATA = [c for c in hostile.CASES if _holds_data(c[1])]


@pytest.mark.parametrize("text, code, says", [c[1:] for c in AS_DATA], ids=[c[0] for c in AS_DATA])
def test_the_hostile_corpus_as_browser_data_gets_the_messages_of_its_yaml(client, folder, monkeypatch, text, code,
                                                                           says):
    """What the form can send (the data a hostile file reads as) is checked as data — no YAML
    written — with the located messages the same file gets."""
    from generator import sources
    from generator.errors import InputError
    from generator.web.roundtrip import read_text_data

    monkeypatch.setattr(sources, "MAX_NODES", hostile.SMALL_NODES)
    text = text(folder) if callable(text) else text
    body = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    try:
        data = read_text_data(body.decode("utf-8"), "form.yaml")
    except (InputError, UnicodeDecodeError):
        pytest.skip("not a form the browser can hold: refused while reading, before any check")
    if not isinstance(data, dict) or body.startswith(b"{"):
        pytest.skip("not a YAML mapping")
    if len(body) > sources.MAX_FORM_BYTES:
        pytest.skip("a file over the size cap is refused before it is read")
    as_yaml = client.post("/api/check?name=form.yaml", content=body, headers=YAML)
    # as a browser sends it: JSON.stringify escapes a lone surrogate
    sent = json.dumps({"name": "form.yaml", "base": "", "form": data}).encode("ascii")
    as_data = client.post("/api/check", content=sent, headers={"content-type": "application/json"})
    assert as_data.status_code == as_yaml.status_code, as_data.text
    said = [(i["code"], i["field"], i["message"]) for i in as_data.json()["issues"]]
    assert said == [(i["code"], i["field"], i["message"]) for i in as_yaml.json()["issues"]]
    assert not INTERNALS.search(" ".join(i["text"] for i in as_data.json()["issues"]))
