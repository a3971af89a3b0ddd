"""Lint is bounded on what it accepts (issue 12, item 8).

A 55 KB .docx once inflated to millions of empty paragraphs (60 s, 2.9 GB, 986 794 findings
printed). Now a part with more elements than a document needs is refused before it is parsed, the
walk refuses more paragraphs, runs or sections than the limits, a print file is split without
copying it per document, and repeated findings are grouped. The files are generated here.
"""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path

import pytest

import cli
from generator.lint import LintReadError, lint_file
from generator.lint import document as lint_document
from generator.lint import package as lint_package
from generator.lint.report import SHOWN_PER_GROUP
from tests.lint.docx_edit import rewrite


def with_body(good: Path, out: Path, filler: str, *, repeat_body: int = 0) -> Path:
    """``good`` with ``filler`` appended to its body (before the final section properties)."""
    doc = zipfile.ZipFile(good).read("word/document.xml").decode("utf-8")
    head, body = doc.split("<w:body>", 1)
    body, tail = body.rsplit("<w:sectPr", 1)
    return rewrite(good, out, extra={"word/document.xml": (head + "<w:body>" + body * (1 + repeat_body)
                                                           + filler + "<w:sectPr" + tail).encode("utf-8")})


HOSTILE = [
    # id, filler appended to the body, what the refusal counts
    ("two-million-empty-paragraphs", "<w:p/>" * 2_000_000, "XML elements"),
    ("paragraphs-past-the-limit", "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * (lint_document.MAX_PARAGRAPHS + 100),
     "paragraphs"),
    ("runs-past-the-limit", "<w:p>" + "<w:r><w:t>x</w:t></w:r>" * (lint_document.MAX_RUNS + 100) + "</w:p>", "runs"),
    ("sections-past-the-limit", "<w:p><w:pPr><w:sectPr/></w:pPr></w:p>" * (lint_document.MAX_SECTIONS + 10),
     "sections"),
    ("cells-past-the-limit", "<w:tbl>" + ("<w:tr>" + "<w:tc><w:p/></w:tc>" * 50 + "</w:tr>")
     * (lint_document.MAX_PARAGRAPHS // 50 + 10) + "</w:tbl>", "paragraphs"),
]


@pytest.mark.parametrize("filler, what", [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_a_file_past_a_limit_is_refused_at_once_with_a_clear_message(runner, seed_docx, tmp_path, filler, what):
    path = with_body(seed_docx, tmp_path / "hostile.docx", filler)
    assert path.stat().st_size < 200_000  # small on disk, huge inflated
    started = time.perf_counter()
    with pytest.raises(LintReadError) as info:
        lint_file(path)
    assert time.perf_counter() - started < 3
    assert info.value.code == "lint_too_complex" and info.value.exit_code == 2
    result = runner.invoke(cli.main, ["--lang", "en", "lint", str(path)])
    assert result.exit_code == 2 and what in result.stderr and "Traceback" not in result.output


def test_headers_walked_once_per_section_are_bounded_too(seed_docx, tmp_path, monkeypatch):
    monkeypatch.setattr(lint_document, "MAX_HEADER_PARAGRAPHS", 50)
    path = with_body(seed_docx, tmp_path / "many-sections.docx", "<w:p><w:pPr><w:sectPr/></w:pPr></w:p>" * 100)
    with pytest.raises(LintReadError, match="lint_too_complex"):
        lint_file(path)


def test_the_element_count_is_taken_before_parsing(monkeypatch):
    monkeypatch.setattr(lint_package, "MAX_ELEMENTS", 10)
    data = b"<?xml version='1.0'?><a>" + b"<b/>" * 11 + b"<!-- c --></a>"
    assert lint_package.element_count(data) == 12
    with pytest.raises(LintReadError, match="lint_too_complex"):
        lint_package.parse_xml(data, "x.docx", "word/document.xml")


def test_repeated_findings_are_grouped_with_the_first_locations_and_a_count(runner, seed_docx, tmp_path):
    filler = ('<w:p><w:pPr><w:sectPr><w:pgSz w:w="100" w:h="100"/></w:sectPr></w:pPr>'
              '<w:r><w:t>x</w:t></w:r></w:p>') * 1500
    path = with_body(seed_docx, tmp_path / "repeated.docx", filler)
    started = time.perf_counter()
    report = lint_file(path)
    assert time.perf_counter() - started < 10
    assert len(report.findings) > 1500
    text = report.to_text("vi").splitlines()
    assert len(text) < 80
    groups = report.groups("vi")
    assert sum(len(g) for g in groups) == len(report.findings)
    big = max(groups, key=len)
    listed = [line for line in text if line.startswith(f"{path}: {big[0].check} ") and "[" in line
              and big[0].message("vi") in line]
    assert len(listed) == SHOWN_PER_GROUP
    assert any(re.search(rf"… và {len(big) - SHOWN_PER_GROUP} chỗ khác", line) for line in text)
    data = json.loads(runner.invoke(cli.main, ["lint", "--format", "json", str(path)]).stdout)
    [entry] = data["files"]
    assert entry["errors"] + entry["warnings"] == len(report.findings)
    assert len(entry["findings"]) < 400 and entry["repeated"]
    assert max(r["count"] for r in entry["repeated"]) == len(big)


def test_a_long_document_under_the_limits_is_still_checked(seed_docx, tmp_path):
    path = with_body(seed_docx, tmp_path / "long.docx", "", repeat_body=40)
    started = time.perf_counter()
    report = lint_file(path)
    assert time.perf_counter() - started < 10
    assert report.path == str(path)
