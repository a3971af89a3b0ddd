"""``vanban lint`` on the command line: text and JSON output, languages and exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import main

from .docx_edit import para, rewrite, set_text


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture
def broken_docx(good_docx, tmp_path):
    def edit(root):
        set_text(para(root, "Hải Phòng"), "Hải Phòng, ngày 13 tháng 09 năm 2023")

    return rewrite(good_docx, tmp_path / "thang-09.docx", {"word/document.xml": edit})


def test_a_clean_file_exits_0(runner, good_docx):
    result = runner.invoke(main, ["lint", str(good_docx)])
    assert result.exit_code == 0, result.output
    assert "0 lỗi" in result.output


def test_a_file_with_errors_exits_1_and_names_the_check_in_vietnamese(runner, broken_docx):
    result = runner.invoke(main, ["lint", str(broken_docx)])
    assert result.exit_code == 1
    assert "CHK-15 lỗi" in result.output
    assert "bảng 1, hàng 2, cột 2" in result.output
    assert "Nghị định 30 yêu cầu" in result.output


def test_english_messages_with_lang_en(runner, broken_docx):
    result = runner.invoke(main, ["--lang", "en", "lint", str(broken_docx)])
    assert result.exit_code == 1
    assert "table 1, row 2, column 2" in result.output
    assert "ND30 requires" in result.output


def test_json_output_lists_findings_with_location(runner, broken_docx, good_docx):
    result = runner.invoke(main, ["lint", "--format", "json", str(broken_docx), str(good_docx)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    first = data["files"][0]
    finding = next(f for f in first["findings"] if f["check"] == "CHK-15")
    assert finding["severity"] == "error"
    assert finding["location"]["table"] == 1 and finding["location"]["row"] == 2
    assert "tháng 09" in finding["found"]
    assert data["files"][1]["errors"] == 0


def test_an_unreadable_file_exits_2(runner, tmp_path, good_docx):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    result = runner.invoke(main, ["lint", str(good_docx), str(bad)])
    assert result.exit_code == 2
    assert "không phải tệp Word" in result.stderr


def test_an_unreadable_file_is_reported_in_json(runner, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    result = runner.invoke(main, ["lint", "--format", "json", str(bad)])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["unreadable"][0]["code"] == "lint_not_docx"
