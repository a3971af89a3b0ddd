"""``vanban lint``: check a .docx against the ND30 layout rules (nd30-layout.md §7).

Public entry: ``lint_file(path) -> LintReport``. Unreadable or unsafe files raise
``LintReadError`` (an ``InputError``) with a message code.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

from lxml import etree

from .checks import CHECKS, NOT_IMPLEMENTED, run_checks
from .document import check_bounds, walk
from .package import LintReadError, open_package
from .report import ERROR, WARNING, Finding, LintReport, reports_json

__all__ = ["CHECKS", "NOT_IMPLEMENTED", "ERROR", "WARNING", "Finding", "LintReadError", "LintReport",
           "lint_file", "reports_json"]


# A Giấy khen certificate is not an administrative document under ND30 Phụ lục I (its layout is
# set by the commendation decree: landscape, red lines, no Số or Nơi nhận); only the checks that
# apply to any official print are run on it.
CERTIFICATE_CATEGORY = "giay-khen"
CERTIFICATE_CHECKS = {"CHK-03", "CHK-05"}

# An annex issued as its own file (category "phu-luc") has no header, title, Nơi nhận or signature
# of a document (ND30-PL-*): the page, font and page-number checks and the appendix check apply.
ANNEX_CATEGORY = "phu-luc"
ANNEX_CHECKS = {"CHK-01", "CHK-02", "CHK-03", "CHK-04", "CHK-05", "CHK-06", "CHK-07", "CHK-32", "CHK-DT", "CHK-PH"}


# A print file (category "ban-in") holds several documents one after another, each starting in a
# new section with its header table; each document is checked on its own.
PRINT_FILE_CATEGORY = "ban-in"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _documents_of_print_file(package) -> list:
    """Split a print file's body where a section ends and a new ND30 header table begins.

    The body's children are moved (not copied) into one shell ``w:document`` per document, so
    splitting costs time and memory in proportion to the file, however many documents it holds."""
    body = package.document.find(f"{_W}body")
    children = list(body)
    final = body.find(f"{_W}sectPr")
    starts = [0]
    for index, child in enumerate(children[:-1]):
        following = children[index + 1]
        caption = following.find(f"{_W}tblPr/{_W}tblCaption") if following.tag == f"{_W}tbl" else None
        if (child.tag == f"{_W}p" and child.find(f"{_W}pPr/{_W}sectPr") is not None and caption is not None
                and caption.get(f"{_W}val") == "vanban:header"):
            starts.append(index + 1)
    if len(starts) == 1:
        return [package]
    parts = []
    document = package.document
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(children)
        segment = [c for c in children[start:end] if c is not final]
        root = etree.Element(document.tag, attrib=dict(document.attrib), nsmap=document.nsmap)
        for child in document:
            if child.tag != f"{_W}body":
                root.append(copy.deepcopy(child))  # w:background and the like: small
        sub_body = etree.SubElement(root, f"{_W}body", attrib=dict(body.attrib))
        for child in segment:
            sub_body.append(child)  # moved from the print file's body
        last = segment[-1].find(f"{_W}pPr/{_W}sectPr") if segment and segment[-1].tag == f"{_W}p" else None
        if last is not None:
            last.getparent().remove(last)
            sub_body.append(last)
        elif final is not None:
            sub_body.append(copy.deepcopy(final))
        parts.append(replace(package, document=root))
    return parts


def lint_file(path: str | Path, only: set[str] | None = None) -> LintReport:
    """Run every implemented check on one .docx (or only the ``only`` ids)."""
    package = open_package(path)
    check_bounds(package)
    if package.category == CERTIFICATE_CATEGORY:
        only = CERTIFICATE_CHECKS if only is None else only & CERTIFICATE_CHECKS
    if package.category == ANNEX_CATEGORY:
        only = ANNEX_CHECKS if only is None else only & ANNEX_CHECKS
    if package.category == PRINT_FILE_CATEGORY:
        findings = []
        for number, part in enumerate(_documents_of_print_file(package), start=1):
            for finding in run_checks(walk(part), only):
                finding.where.document = number
                findings.append(finding)
        return LintReport(str(path), findings)
    return LintReport(str(path), run_checks(walk(package), only))
