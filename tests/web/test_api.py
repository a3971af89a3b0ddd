"""The HTTP API drives the same pipeline as the CLI: same checks, same bytes."""

from __future__ import annotations

import io
import zipfile

import pytest

import cli
from generator.resources import starters_dir
from tests.conftest import SAMPLES, SEED_FORM

YAML = {"content-type": "application/yaml"}
SEED_NAME = "samples:ke-hoach-1626-KH-BQL.yaml"


def test_the_kinds_are_listed_with_their_vietnamese_names(client):
    kinds = {k["kind"]: k["name"] for k in client.get("/api/kinds").json()}
    assert kinds["ke-hoach"] == "Kế hoạch" and "quyet-dinh-khen-thuong" in kinds


def test_a_schema_carries_vietnamese_titles_and_help_and_english_on_request(client):
    schema = client.get("/api/schema/ke-hoach").json()
    assert schema["properties"]["trich_yeu"]["title"] == "Trích yếu"
    assert "ô 5a" in schema["properties"]["trich_yeu"]["description"]
    assert schema["$defs"]["Phase"]["properties"]["han_bao_cao"]["title"] == "Hạn báo cáo"
    english = client.get("/api/schema/ke-hoach?lang=en").json()
    assert english["properties"]["trich_yeu"]["title"] == "Subject"


def test_an_unknown_kind_has_no_schema(client):
    response = client.get("/api/schema/khong-co")
    assert response.status_code == 404 and "khong-co" in response.json()["issues"][0]["message"]


def test_the_openapi_description_lists_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/kinds", "/api/schema/{kind}", "/api/check", "/api/render"} <= set(paths)


def test_rendering_the_seed_plan_gives_the_bytes_vanban_render_writes(client, runner, tmp_path):
    result = runner.invoke(cli.main, ["render", str(SEED_FORM), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    expected = (tmp_path / "ke-hoach-1626-KH-BQL.docx").read_bytes()
    response = client.post(f"/api/render?name={SEED_NAME}", content=SEED_FORM.read_bytes(), headers=YAML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "du-thao-ke-hoach-1626-KH-BQL.docx" in response.headers["content-disposition"]  # a draft says so
    assert response.content == expected


def test_a_form_sent_as_json_data_renders_like_the_same_form_as_yaml(client):
    opened = client.get("/api/form", params={"name": SEED_NAME}).json()
    as_data = client.post("/api/render", json={"name": SEED_NAME, "base": opened["yaml"], "form": opened["data"]})
    as_yaml = client.post(f"/api/render?name={SEED_NAME}", content=opened["yaml"].encode(), headers=YAML)
    assert as_data.status_code == 200 and as_data.content == as_yaml.content


def test_a_check_reports_every_problem_with_its_line_and_field(client):
    text = (starters_dir() / "ke-hoach.yaml").read_text(encoding="utf-8")
    text = text.replace("ngay: 05/01/2026", "ngay: 31/02/2026").replace("trich_yeu: Phát", "trich_yeu_sai: Phát")
    response = client.post("/api/check?name=ke-hoach.yaml", content=text.encode(), headers=YAML)
    assert response.status_code == 422
    issues = {i["field"]: i for i in response.json()["issues"]}
    assert issues["ngay"]["line"] == text.splitlines().index(
        next(line for line in text.splitlines() if line.startswith("ngay:"))) + 1
    assert "không phải là ngày hợp lệ" in issues["ngay"]["message"]
    assert issues["ngay"]["where"].startswith("ke-hoach.yaml:")  # the browser's name, not a server path
    # one typo is one error: the misspelt field, with the field it meant suggested (issue 14)
    assert "trich_yeu_sai" in issues and "trich_yeu" in issues["trich_yeu_sai"]["message"]


def test_a_valid_form_checks_clean_and_a_final_needs_its_number(client):
    text = (starters_dir() / "ke-hoach.yaml").read_text(encoding="utf-8")
    assert client.post("/api/check?name=k.yaml", content=text.encode(), headers=YAML).json()["ok"] is True
    final = client.post("/api/check?name=k.yaml&mode=final", content=text.encode(), headers=YAML)
    assert final.status_code == 422 and final.json()["issues"][0]["field"] == "so"


def test_a_yaml_syntax_error_is_one_located_issue(client):
    response = client.post("/api/check?name=x.yaml", content=b"loai: ke-hoach\ntrich_yeu: a: b\n", headers=YAML)
    assert response.status_code == 400
    issue = response.json()["issues"][0]
    assert issue["code"].startswith("yaml_") and issue["line"] == 2 and "x.yaml:2" in issue["message"]


@pytest.mark.libreoffice
def test_pdf_on_request(client):
    from generator.pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    response = client.post(f"/api/render?pdf=1&name={SEED_NAME}", content=SEED_FORM.read_bytes(), headers=YAML)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response.headers["content-type"] == "application/pdf"


def test_the_plain_preview_escapes_the_text_of_the_document(client):
    text = (starters_dir() / "ke-hoach.yaml").read_text(encoding="utf-8")
    text = text.replace("trich_yeu: Phát động", "trich_yeu: <script>alert(1)</script> & Phát động")
    response = client.post("/api/preview?plain=1&name=k.yaml", content=text.encode(), headers=YAML)
    html = response.json()["html"]
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Phát động" in html


def test_forms_of_the_folder_and_the_samples_are_listed(client, folder):
    (folder / "mine.yaml").write_text((starters_dir() / "thong-bao.yaml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    names = [f["name"] for f in client.get("/api/forms").json()]
    assert "mine.yaml" in names and SEED_NAME in names and "co-quan.yaml" not in names


def test_a_starter_opens_with_the_profile_signers_when_it_names_one(client):
    opened = client.get("/api/form", params={"name": SEED_NAME}).json()
    assert opened["profile"]["signers"]["pho-truong-ban-hai"]["ho_ten"]
    assert "noi-bo" in opened["profile"]["lists"]
    new = client.get("/api/starter/ke-hoach").json()
    assert new["name"] == "ke-hoach.yaml" and new["data"]["loai"] == "ke-hoach"


def test_the_starter_workbook_downloads(client):
    response = client.get("/api/starter-workbook")
    assert response.status_code == 200 and zipfile.is_zipfile(io.BytesIO(response.content))


def test_lint_findings_quote_the_paragraph(client, seed_docx):
    import docx

    document = docx.Document(str(seed_docx))
    paragraph = next(p for p in document.paragraphs if "Phát huy truyền thống" in p.text)
    for run in paragraph.runs:
        run.font.name = "Arial"
    buffer = io.BytesIO()
    document.save(buffer)
    response = client.post("/api/lint?name=bad.docx", content=buffer.getvalue(),
                           headers={"content-type": "application/octet-stream"})
    report = response.json()["report"]
    assert response.json()["ok"] is False
    quoted = [f["location"]["excerpt"] for f in report["findings"] if f["severity"] == "error"]
    assert any("Phát huy truyền thống" in q for q in quoted)


def test_an_unreadable_docx_is_a_message_not_a_crash(client):
    response = client.post("/api/lint?name=x.docx", content=b"not a zip", headers={"content-type": "application/octet-stream"})
    assert response.status_code in (400, 422) and response.json()["issues"][0]["message"]


def test_a_batch_of_the_sample_sheet_runs_to_the_end(client, folder):
    import time

    start = client.post("/api/batch", json={"sheet": "samples:khen-thuong/danh-sach.xlsx",
                                           "form": "samples:khen-thuong/quyet-dinh.yaml",
                                           "group_by": "Quyết định", "output": "out/kt"})
    assert start.status_code == 200, start.text
    job = start.json()["job"]
    for _ in range(600):
        state = client.get(f"/api/batch/{job}").json()
        if state["state"] != "running":
            break
        time.sleep(0.1)
    assert state["state"] == "done" and state["done"] == state["total"] == start.json()["total"]
    assert "out/kt/in-an.docx" in state["written"]
    assert all((folder / name).is_file() for name in state["written"])


def test_a_batch_pushes_its_progress_as_server_sent_events_to_the_end(client, folder):
    import json

    start = client.post("/api/batch", json={"sheet": "samples:khen-thuong/danh-sach.xlsx",
                                           "form": "samples:khen-thuong/quyet-dinh.yaml",
                                           "group_by": "Quyết định", "output": "out/sse"})
    assert start.status_code == 200, start.text
    events: list[tuple[str, dict]] = []
    with client.stream("GET", f"/api/batch/{start.json()['job']}/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        name = None
        for line in stream.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                events.append((name, json.loads(line[6:])))
    names = [name for name, _ in events]
    assert names[-1] == "done" and set(names[:-1]) <= {"progress"}  # the stream ends with the job
    done = [state["done"] for _, state in events]
    assert done == sorted(done) and done[-1] == events[-1][1]["total"] == start.json()["total"]
    assert "out/sse/in-an.docx" in events[-1][1]["written"]
    assert all((folder / name).is_file() for name in events[-1][1]["written"])


def test_the_progress_of_an_unknown_batch_is_not_found(client):
    assert client.get("/api/batch/khong-co/events").status_code == 404


def test_batch_row_problems_come_back_as_sheet_cells(client, folder):
    import openpyxl

    book = openpyxl.load_workbook(SAMPLES / "khen-thuong" / "danh-sach.xlsx")
    sheet = book.worksheets[0]
    header_row = next(r for r in range(1, 10) if any(c.value == "Họ và tên" for c in sheet[r]))
    name_col = next(c.column_letter for c in sheet[header_row] if c.value == "Họ và tên")
    sheet[f"{name_col}{header_row + 1}"] = None
    book.save(folder / "danh-sach.xlsx")
    response = client.post("/api/batch", json={"sheet": "danh-sach.xlsx", "form": "samples:khen-thuong/quyet-dinh.yaml",
                                              "group_by": "Quyết định"})
    assert response.status_code == 422
    cells = [f"{i['sheet']}!{i['cell']}" for i in response.json()["issues"] if i["sheet"]]
    assert f"{sheet.title}!{name_col}{header_row + 1}" in cells
    assert not (folder / "out").exists()
