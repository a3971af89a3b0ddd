"""Forms stay files: a form saved from the browser keeps its comments and key order, reads back as
the data the browser sent, and renders byte-identical through `vanban render`."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli
from generator.kinds import KINDS
from generator.labels import LABELS, kind_schema
from generator.web.roundtrip import read_text_data, updated_yaml, yaml_matches
from tests.conftest import SAMPLES, SEED_FORM


def test_a_form_saved_unchanged_is_the_same_file():
    text = SEED_FORM.read_text(encoding="utf-8")
    assert updated_yaml(text, read_text_data(text)) == text


def test_an_edited_form_keeps_its_comments_and_key_order():
    text = SEED_FORM.read_text(encoding="utf-8")
    data = read_text_data(text)
    data["so"] = "1627"
    data["noi_nhan"].append("Lưu: VT, VP")
    saved = updated_yaml(text, data)
    assert "# Những chỗ đã sửa so với bản quét" in saved and "so: 1627\n" in saved
    assert [k for k in read_text_data(saved)] == list(data)
    assert yaml_matches(saved, data)


scalars = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40) | st.text("\n ab:#-'\"", max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trich_yeu=scalars, extra=st.lists(scalars, max_size=4))
def test_any_text_typed_in_the_browser_reads_back_as_typed(trich_yeu, extra):
    text = SEED_FORM.read_text(encoding="utf-8")
    data = read_text_data(text)
    data["trich_yeu"] = trich_yeu or None
    data["noi_nhan"] = [*data["noi_nhan"], *[e or None for e in extra]]
    assert yaml_matches(updated_yaml(text, data), data)


def test_a_form_saved_from_the_browser_renders_byte_identical_through_vanban_render(client, folder, runner):
    shutil.copy(SEED_FORM, folder / "ke-hoach.yaml")
    opened = client.get("/api/form", params={"name": "ke-hoach.yaml"}).json()
    data = opened["data"]
    data["trich_yeu"] = "Phát động thi đua: đợt 2 (sửa trong trình duyệt)"
    data["giai_doan"][0]["han_bao_cao"] = "02/5/2023"
    data["noi_nhan"].insert(0, data["noi_nhan"].pop())  # reordered
    rendered = client.post("/api/render", json={"name": "ke-hoach.yaml", "base": opened["yaml"], "form": data})
    assert rendered.status_code == 200
    saved = client.post("/api/save", json={"name": "ke-hoach.yaml", "base": opened["yaml"], "form": data})
    assert saved.status_code == 200, saved.text
    result = runner.invoke(cli.main, ["render", str(folder / "ke-hoach.yaml"), "-o", str(folder / "out")])
    assert result.exit_code == 0, result.output
    assert (folder / "out" / "ke-hoach.docx").read_bytes() == rendered.content
    assert "# Kế hoạch số 1626/KH-BQL" in (folder / "ke-hoach.yaml").read_text(encoding="utf-8")


def test_every_field_of_every_kind_has_a_label_and_help_in_both_languages():
    for kind, spec in KINDS.items():
        for lang in ("vi", "en"):
            schema = kind_schema(spec.model, lang)
            untitled = []

            def walk(node, untitled=untitled):
                if isinstance(node, dict):
                    for name, prop in (node.get("properties") or {}).items():
                        if not prop.get("description"):
                            untitled.append(name)
                    for value in node.values():
                        walk(value, untitled)
                elif isinstance(node, list):
                    for value in node:
                        walk(value, untitled)

            walk(schema)
            assert not untitled, (kind, lang, untitled)
    assert all(len(entry) == 4 and all(entry) for entry in LABELS.values())


def test_vanban_schema_shows_the_labels(runner):
    result = runner.invoke(cli.main, ["schema", "ke-hoach"])
    assert '"title": "Trích yếu"' in result.output
    english = runner.invoke(cli.main, ["--lang", "en", "schema", "ke-hoach"])
    assert '"title": "Subject"' in english.output


def test_issuing_takes_the_number_from_the_register_and_shows_it(client, folder, runner):
    init = runner.invoke(cli.main, ["so", "init", "--register", str(folder / "so-van-ban.sqlite3")])
    assert init.exit_code == 0, init.output
    text = (SAMPLES / "ke-hoach-1626-KH-BQL.yaml").read_text(encoding="utf-8").replace("so: 1626", "so:")
    (folder / "ke-hoach.yaml").write_text(text, encoding="utf-8")
    issued = client.post("/api/issue", json={"name": "ke-hoach.yaml"})
    assert issued.status_code == 200, issued.text
    body = issued.json()
    assert body["numbers"] == ["01/KH-BQL"] and "01/KH-BQL" in body["message"]
    assert (folder / body["files"][0]).is_file()
    listed = client.get("/api/register").json()["entries"]
    assert [e["number"] for e in listed] == ["01/KH-BQL"] and listed[0]["file"] == body["files"][0]
    assert client.get("/api/file", params={"name": body["files"][0]}).status_code == 200
    again = client.post("/api/issue", json={"name": "ke-hoach.yaml"})
    assert again.status_code == 409  # the file exists: nothing overwritten, no number taken
    voided = client.post("/api/register/void", json={"number": "01/KH-BQL", "year": 2023, "reason": "Ban hành nhầm"})
    assert voided.status_code == 200, voided.text
    assert client.get("/api/register?q=nhầm").json()["entries"][0]["status"] == "voided"
    export = client.get("/api/register/export?format=csv&year=2023")
    assert export.status_code == 200 and "01" in export.content.decode("utf-8-sig")
    no_reason = client.post("/api/register/void", json={"number": "01/KH-BQL", "year": 2023, "reason": " "})
    assert no_reason.status_code == 400


def test_issuing_without_a_register_offers_to_create_it_as_so_init_does(client, folder, runner):
    text = (SAMPLES / "ke-hoach-1626-KH-BQL.yaml").read_text(encoding="utf-8").replace("so: 1626", "so:")
    (folder / "ke-hoach.yaml").write_text(text, encoding="utf-8")
    refused = client.post("/api/issue", json={"name": "ke-hoach.yaml"})
    assert refused.status_code == 409
    assert refused.json()["register_missing"] == "so-van-ban.sqlite3"
    assert "vanban so init" not in refused.json()["issues"][0]["message"]  # no command to run
    assert not (folder / "so-van-ban.sqlite3").exists() and not (folder / "out").exists()
    assert client.get("/api/register").json()["exists"] is False

    created = client.post("/api/register/init", json={"form": "ke-hoach.yaml"})
    assert created.status_code == 200 and created.json()["created"] is True
    assert "so-van-ban.sqlite3" in created.json()["message"]
    again = client.post("/api/register/init", json={})  # the folder's register: the same one, kept
    assert again.json()["created"] is False
    checked = runner.invoke(cli.main, ["so", "list", "--register", str(folder / "so-van-ban.sqlite3")])
    assert checked.exit_code == 0, checked.output  # a register vanban so opens as its own

    issued = client.post("/api/issue", json={"name": "ke-hoach.yaml"})
    assert issued.status_code == 200 and issued.json()["numbers"] == ["01/KH-BQL"]
    assert client.get("/api/register").json()["exists"] is True


def test_a_register_outside_the_working_folder_is_not_created(client, folder, tmp_path):
    profile = (folder / "co-quan.yaml").read_text(encoding="utf-8")
    outside = tmp_path / "elsewhere.sqlite3"
    (folder / "co-quan.yaml").write_text(profile + f"\nso_van_ban:\n  duong_dan: {outside}\n", encoding="utf-8")
    text = (SAMPLES / "ke-hoach-1626-KH-BQL.yaml").read_text(encoding="utf-8")
    (folder / "ke-hoach.yaml").write_text(text, encoding="utf-8")
    refused = client.post("/api/register/init", json={"form": "ke-hoach.yaml"})
    assert refused.status_code == 409 and refused.json()["issues"][0]["code"] == "web_register_outside"
    assert not outside.exists()
