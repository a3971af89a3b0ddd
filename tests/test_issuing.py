"""Issuing a document a clerk can trust (issue 14, items 9–11).

9. An unedited starter cannot become an official document: ``check`` warns at each placeholder's
   line, ``render --final`` refuses with an error per placeholder (no number, no file), ``lint``
   warns about dots left in a document.
10. ``render --final`` says the number it took and names the file after it; a draft carries the
    "DỰ THẢO" mark on page 1, a final does not, and the pages are the same; ``so void`` asks first.
11. A command that falls back to the bundled sample profile says so, once.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cli
from generator import forms, pipeline, placeholders
from generator.errors import OutputError, ValidationFailed
from generator.lint import lint_file
from generator.naming import DRAFT_MARK, final_file_name
from generator.register import Register
from generator.resources import sample_profile, samples_dir
from tests.conftest import SEED_FORM, SHARED
from tests.docx_helpers import part
from tests.forms import FILLED_IN, STARTER, starter_with
from tests.libreoffice import needs_libreoffice

# What a clerk fills in before a starter may become a final: its placeholders, agency and signer.
VALIDATOR = SHARED / "tools" / "ooxml" / "ooxml_validate.py"


def invoke(runner, *args, **kwargs):
    return runner.invoke(cli.main, list(map(str, args)), catch_exceptions=False, **kwargs)


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def starter(tmp_path, *replacements, name: str = "ke-hoach.yaml"):
    return starter_with(tmp_path, *replacements, name=name)[0]


# --------------------------------------------------------------------------------------------
# 9. Placeholders


def test_check_warns_at_the_line_of_every_placeholder_an_unedited_starter_keeps(runner, tmp_path):
    path = tmp_path / "ke-hoach.yaml"
    written = invoke(runner, "new", "ke-hoach", "-o", path)
    assert written.exit_code == 0 and f"vanban check {path} chỉ ra từng chỗ" in written.stderr
    result = invoke(runner, "check", path)
    assert result.exit_code == 0 and "hợp lệ" in result.stderr
    warnings = [line for line in result.stderr.splitlines() if "cảnh báo" in line]
    assert len(warnings) == 4, result.stderr
    mo_dau, agency, signer = (line_of(STARTER, key) for key in ("  Thực hiện Kế hoạch", "co_quan_ban_hanh:",
                                                                "  ho_ten:"))
    assert sum(line.startswith(f"{path}:{mo_dau} mo_dau:") for line in warnings) == 2  # "số ..." and "ngày ..."
    assert "“…Kế hoạch số .../KH-UBND ngày ... của" in result.stderr
    assert any(line.startswith(f"{path}:{agency} co_quan_ban_hanh:") and "cơ quan ví dụ" in line for line in warnings)
    assert any(line.startswith(f"{path}:{signer} nguoi_ky.ho_ten:") and "'Nguyễn Văn An' là người ký ví dụ" in line
               for line in warnings)
    english = invoke(runner, "--lang", "en", "check", path)
    assert "placeholder dots '...' left unfilled" in english.stderr and "cảnh báo" not in english.stderr


def test_render_final_refuses_an_unedited_starter_with_an_error_per_placeholder_and_takes_no_number(
        runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = starter(tmp_path)
    assert invoke(runner, "so", "init").exit_code == 0
    result = invoke(runner, "render", path, "-o", tmp_path / "out", "--final")
    assert result.exit_code == ValidationFailed.exit_code
    errors = [line for line in result.stderr.splitlines() if line.startswith("lỗi: ")]
    assert len(errors) == 4 and "có 4 lỗi; chưa ghi tệp nào" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()
    with Register(tmp_path / "so-van-ban.sqlite3") as register:
        assert register.list() == []  # no number taken, not even voided


def test_a_filled_in_starter_becomes_a_final_without_a_warning(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = starter(tmp_path, *FILLED_IN)
    assert invoke(runner, "so", "init").exit_code == 0
    result = invoke(runner, "render", path, "-o", tmp_path / "out", "--final")
    assert result.exit_code == 0, result.stderr
    assert "cảnh báo" not in result.stderr


@pytest.mark.parametrize("text, runs", [
    ("Thực hiện Kế hoạch số .../KH-UBND ngày ... của UBND tỉnh", ["...", "..."]),
    ("...", ["..."]),
    ("Họ và tên: ……", ["……"]),
    ("Số.../QĐ-UBND", ["..."]),
    ("an ninh, quốc phòng… và các lĩnh vực khác", []),
    ("chuyển đổi số, xây dựng chính quyền số, kinh tế số...", []),
    ("thị trường thiếu ổn định; … Tuy nhiên", []),
    ("các đơn vị A, B, ...", []),
    ("[...] (nguồn lược bỏ phần giữa)", []),
    ("dòng \"…......\" trong bản lưu", []),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", []),
], ids=["number-and-date", "a-field-of-dots", "after-a-colon", "number-glued", "ellipsis-after-a-word",
        "dots-after-a-word", "after-a-semicolon", "list-and-so-on", "bracketed-elision", "quoted", "no-dots"])
def test_a_placeholder_is_a_run_of_dots_standing_for_a_value_not_the_ellipsis_of_prose(text, runs):
    assert placeholders.dot_runs(text) == runs


NO_DOTS = st.text(alphabet=st.characters(blacklist_characters=".…", blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=300, deadline=None)
@given(NO_DOTS, NO_DOTS)
def test_dots_typed_as_a_word_of_their_own_are_found_unless_they_close_a_list(before, after):
    assert placeholders.dot_runs(before + after) == []
    closes_a_list = before.rstrip()[-1:] in (",", ";")
    assert placeholders.dot_runs(f"{before} ... {after}") == ([] if closes_a_list else ["..."])
    assert placeholders.dot_runs(f"{before}ngày ... {after}") == ["..."]


def test_no_bundled_sample_or_demo_form_keeps_a_placeholder():
    bundled = pipeline.sample_forms(samples_dir()) + [form for _, form in pipeline.sample_batches(samples_dir())]
    bundled += sorted((samples_dir() / "thuc-te" / "du-thao").glob("*.yaml"))
    assert len(bundled) > 20
    for form in bundled:
        _, located, _ = forms.read(form, pipeline.loaders())
        assert placeholders.find(located) == [], form


def test_the_examples_come_from_the_starters_themselves():
    agencies, signers = placeholders.examples()
    assert {"co_quan_chu_quan": "UBND tỉnh Nam Định", "co_quan_ban_hanh": "Ban Quản lý các khu công nghiệp",
            "dia_danh": "Nam Định"} in agencies
    assert ("Nguyễn Văn An", ("Trưởng ban", "Phó Trưởng ban")) in signers
    assert len(agencies) >= 2 and len(signers) >= 3


def test_a_form_that_names_the_bundled_sample_profile_is_warned_and_refused_as_a_final(runner, tmp_path):
    path = starter(tmp_path, *FILLED_IN)
    text = path.read_text(encoding="utf-8").replace("loai: ke-hoach", f"loai: ke-hoach\nco_quan: {sample_profile()}")
    path.write_text(text, encoding="utf-8")
    result = invoke(runner, "check", path)
    assert result.exit_code == 0
    assert f"{path}:{line_of(text, 'co_quan:')} co_quan: cảnh báo: đang dùng hồ sơ MẪU" in result.stderr
    assert invoke(runner, "render", path, "-o", tmp_path, "--final", "--no-register").exit_code == 4


def test_lint_warns_about_dots_left_in_a_document_and_quotes_the_paragraph(runner, tmp_path):
    path = starter(tmp_path)
    assert invoke(runner, "render", path, "-o", tmp_path).exit_code == 0
    result = invoke(runner, "lint", tmp_path / "ke-hoach.docx")
    assert result.exit_code == 0, result.output  # warnings only
    line = next(line for line in result.output.splitlines() if "CHK-PH" in line)
    assert "cảnh báo" in line and "“Thực hiện Kế hoạch số .../KH-UBND ngày ... của" in line
    english = invoke(runner, "--lang", "en", "lint", tmp_path / "ke-hoach.docx")
    assert "Placeholder: found “Thực hiện Kế hoạch số" in english.output


# --------------------------------------------------------------------------------------------
# 10. Draft and final


def test_render_final_says_the_number_it_took_and_names_the_file_after_it(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = starter(tmp_path, *FILLED_IN)
    assert invoke(runner, "so", "init").exit_code == 0
    draft = invoke(runner, "render", path, "-o", tmp_path / "out")
    assert draft.exit_code == 0 and "đã ghi" in draft.stderr
    final = invoke(runner, "render", path, "-o", tmp_path / "out", "--final")
    assert final.exit_code == 0, final.stderr
    target = tmp_path / "out" / "01-kh-bql.docx"
    assert f"Đã lấy số 01/KH-BQL cho bản chính thức: {target}" in final.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["01-kh-bql.docx", "ke-hoach.docx"]
    with Register(tmp_path / "so-van-ban.sqlite3") as register:
        assert [(e.number_text, e.path.name) for e in register.list()] == [("01", "01-kh-bql.docx")]


def test_the_same_document_issued_twice_takes_no_second_number(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = starter(tmp_path, *FILLED_IN)
    assert invoke(runner, "so", "init").exit_code == 0
    assert invoke(runner, "render", path, "--final").exit_code == 0
    again = invoke(runner, "--lang", "en", "render", path, "--final")
    assert again.exit_code == OutputError.exit_code
    assert "already issued as 01/KH-BQL of 2026" in again.stderr and "vanban so void" in again.stderr
    with Register(tmp_path / "so-van-ban.sqlite3") as register:
        assert len(register.list()) == 1


def test_a_final_whose_numbered_file_exists_is_refused_before_a_number_is_taken(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = starter(tmp_path, *FILLED_IN)
    assert invoke(runner, "so", "init").exit_code == 0
    (tmp_path / "01-kh-bql.docx").write_bytes(b"someone else's")
    result = invoke(runner, "render", path, "--final")
    assert result.exit_code == OutputError.exit_code and "--force" in result.stderr
    with Register(tmp_path / "so-van-ban.sqlite3") as register:
        assert register.list() == []


def test_one_function_names_a_final_from_its_number_and_ky_hieu():
    assert final_file_name(1626, "KH-BQL") == "1626-kh-bql.docx"
    assert final_file_name(5, "QĐ-UBND", ".pdf") == "05-qd-ubnd.pdf"
    assert final_file_name(2890, "QĐ-BQL", label="Nguyễn Thị Thu Hà") == "2890-qd-bql-nguyen-thi-thu-ha.docx"


def test_a_draft_carries_the_mark_in_its_first_page_header_and_a_final_does_not(runner, tmp_path):
    assert invoke(runner, "render", SEED_FORM, "-o", tmp_path / "draft.docx").exit_code == 0
    assert invoke(runner, "render", SEED_FORM, "-o", tmp_path, "--final", "--no-register").exit_code == 0
    draft, final = tmp_path / "draft.docx", tmp_path / "1626-kh-bql.docx"
    assert DRAFT_MARK in "".join(part(draft, "word/header2.xml").itertext())
    assert DRAFT_MARK not in "".join(t for name in ("word/header1.xml", "word/header2.xml")
                                     for t in part(final, name).itertext())
    assert part(draft, "word/document.xml") is not None
    for path, draft_findings in ((draft, 1), (final, 0)):
        report = lint_file(path)
        assert not report.errors, report.to_text("vi")
        assert len([f for f in report.findings if f.check == "CHK-DT"]) == draft_findings
    result = invoke(runner, "lint", draft)
    assert result.exit_code == 0 and "văn bản là dự thảo" in result.output


def test_a_draft_passes_the_ooxml_validator(runner, tmp_path):
    if not VALIDATOR.exists():
        pytest.skip("the OOXML schema validator is not installed")
    assert invoke(runner, "render", SEED_FORM, "-o", tmp_path).exit_code == 0
    result = subprocess.run([sys.executable, str(VALIDATOR), "--word", str(tmp_path / "ke-hoach-1626-KH-BQL.docx")],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _pages(pdf) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                           check=True).stdout).group(1))
    return [" ".join(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout.split()) for n in range(1, count + 1)]


@needs_libreoffice
def test_the_mark_is_on_page_1_of_the_draft_pdf_only_and_leaves_every_page_as_the_final_has_it(runner, tmp_path):
    assert invoke(runner, "render", SEED_FORM, "-o", tmp_path, "--pdf").exit_code == 0
    final = invoke(runner, "render", SEED_FORM, "-o", tmp_path, "--final", "--no-register", "--pdf")
    assert final.exit_code == 0, final.stderr
    assert (tmp_path / "1626-kh-bql.pdf").is_file()  # --pdf keeps the final's name
    draft_pages, final_pages = _pages(tmp_path / "ke-hoach-1626-KH-BQL.pdf"), _pages(tmp_path / "1626-kh-bql.pdf")
    assert draft_pages[0].startswith(DRAFT_MARK)
    assert not any(DRAFT_MARK in page for page in draft_pages[1:] + final_pages)
    assert len(draft_pages) == len(final_pages) > 1
    assert [page.replace(DRAFT_MARK, "").strip() for page in draft_pages] == final_pages  # same pagination


def test_so_void_refuses_without_yes_when_stdin_is_not_a_terminal(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "so", "init").exit_code == 0
    assert invoke(runner, "render", starter(tmp_path, *FILLED_IN), "--final").exit_code == 0
    refused = invoke(runner, "so", "void", "1", "--reason", "Ghi nhầm")
    assert refused.exit_code == 2 and "--yes" in refused.stderr and "hủy số cần xác nhận" in refused.stderr
    english = invoke(runner, "--lang", "en", "so", "void", "1", "--reason", "Ghi nhầm")
    assert "needs confirmation" in english.stderr
    with Register(tmp_path / "so-van-ban.sqlite3") as register:
        assert register.show(1).status == "issued"
    done = invoke(runner, "so", "void", "1", "--reason", "Ghi nhầm", "--yes")
    assert done.exit_code == 0 and "đã hủy số 01/KH-BQL" in done.stderr


@pytest.mark.parametrize("answer, status, said", [("y\n", "voided", "đã hủy số"), ("n\n", "issued", "đã thôi")],
                         ids=["yes", "no"])
def test_so_void_asks_in_a_terminal_and_does_what_the_clerk_answers(runner, tmp_path, monkeypatch, answer, status,
                                                                     said):
    import os
    import pty

    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "so", "init").exit_code == 0
    assert invoke(runner, "render", starter(tmp_path, *FILLED_IN), "--final").exit_code == 0
    main, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, str(cli.__file__), "so", "void", "1", "--reason", "Ghi nhầm"],
                               stdin=secondary, stdout=secondary, stderr=secondary, cwd=tmp_path)
    os.close(secondary)
    shown = b""
    while b"[y/N]" not in shown:
        shown += os.read(main, 1024)
    assert "Hủy số 01/KH-BQL (2026)? Số đã hủy không bao giờ được dùng lại" in shown.decode("utf-8")
    os.write(main, answer.encode())
    process.wait(timeout=60)
    try:
        while chunk := os.read(main, 1024):
            shown += chunk
    except OSError:  # the terminal closes with the process
        pass
    os.close(main)
    assert said in shown.decode("utf-8")
    with Register(tmp_path / "so-van-ban.sqlite3") as register:
        assert register.show(1).status == status


# --------------------------------------------------------------------------------------------
# 11. The bundled sample profile


@pytest.mark.parametrize("command", [["lists"], ["giay-khen-can-chinh", "-o", "can-chinh.docx"]],
                         ids=["lists", "giay-khen-can-chinh"])
def test_a_command_that_falls_back_to_the_sample_profile_says_so_once(runner, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, *command)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("đang dùng hồ sơ MẪU đi kèm") == 1
    english = invoke(runner, "--lang", "en", *command, "--force") if command[0] != "lists" else \
        invoke(runner, "--lang", "en", *command)
    assert english.stderr.count("using the bundled SAMPLE profile") == 1 and "hồ sơ" not in english.stderr
    shutil.copy(sample_profile(), tmp_path / "co-quan.yaml")  # the folder's own profile: nothing to say
    again = invoke(runner, *command, "--force") if command[0] != "lists" else invoke(runner, *command)
    assert again.exit_code == 0 and "MẪU" not in again.stderr


@pytest.mark.parametrize("profile", [False, True], ids=["no-profile", "own-profile"])
def test_vanban_web_says_at_startup_when_its_folder_has_no_agency_profile(tmp_path, profile):
    if profile:
        shutil.copy(sample_profile(), tmp_path / "co-quan.yaml")
    process = subprocess.Popen([sys.executable, str(cli.__file__), "web", "--port", "0", "--folder", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        said = []
        for line in process.stderr:  # the server runs until stopped: read up to its address
            said.append(line)
            if "Bàn làm việc văn thư:" in line:
                break
    finally:
        process.terminate()
        process.wait(timeout=30)
    warned = [line for line in said if "chưa có hồ sơ cơ quan co-quan.yaml" in line]
    assert len(warned) == (0 if profile else 1), said
    if not profile:
        assert "MẪU" in warned[0] and str(tmp_path.resolve()) in warned[0]


def test_the_copy_to_sign_electronically_is_a_draft_without_the_mark(runner, tmp_path):
    result = invoke(runner, "render", SEED_FORM, "-o", tmp_path, "--no-draft-mark")
    assert result.exit_code == 0, result.stderr
    assert DRAFT_MARK not in "".join(part(tmp_path / "ke-hoach-1626-KH-BQL.docx", "word/header2.xml").itertext())
    assert "--no-draft-mark" in invoke(runner, "--lang", "en", "render", "--help").output


def test_the_web_app_warns_and_refuses_placeholders_as_the_command_line_does(tmp_path):
    from fastapi.testclient import TestClient

    from generator.web.app import create_app

    folder = tmp_path / "van-thu"
    folder.mkdir()
    starter(folder)
    Register.create(folder / "so-van-ban.sqlite3").close()
    with TestClient(create_app(folder, csrf="t"), base_url="http://127.0.0.1:8000",
                    headers={"X-CSRF-Token": "t"}) as client:
        text = (folder / "ke-hoach.yaml").read_text(encoding="utf-8")
        checked = client.post("/api/check?name=ke-hoach.yaml", content=text.encode(),
                              headers={"Content-Type": "application/yaml"}).json()
        codes = sorted(issue["code"] for issue in checked["issues"] if issue["code"].startswith("placeholder_"))
        assert codes == ["placeholder_dots", "placeholder_dots", "placeholder_example_agency",
                         "placeholder_example_signer"]
        issued = client.post("/api/issue", json={"name": "ke-hoach.yaml"})
        assert issued.status_code == 422
        assert len([i for i in issued.json()["issues"] if i["severity"] == "error"]) == 4
        draft = client.post("/api/render?name=ke-hoach.yaml", content=text.encode(),
                            headers={"Content-Type": "application/yaml"})
        assert draft.status_code == 200 and "du-thao-ke-hoach.docx" in draft.headers["content-disposition"]
    (tmp_path / "draft.docx").write_bytes(draft.content)
    assert DRAFT_MARK in "".join(part(tmp_path / "draft.docx", "word/header2.xml").itertext())
    assert not (folder / "out").exists()
    with Register(folder / "so-van-ban.sqlite3") as register:
        assert register.list() == []
