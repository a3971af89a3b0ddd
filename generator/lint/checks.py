"""The table of checks, one function per CHK id (nd30-layout.md §7), and running them."""

from __future__ import annotations

from typing import Callable, Iterable

from .checks_body import CHECKS as BODY_CHECKS
from .checks_closing import CHECKS as CLOSING_CHECKS
from .checks_draft import CHECKS as DRAFT_CHECKS
from .checks_header import CHECKS as HEADER_CHECKS
from .checks_page import CHECKS as PAGE_CHECKS
from .common import Parts, locate
from .document import Document
from .report import Finding

Check = Callable[[Document, Parts], Iterable[Finding]]

CHECKS: dict[str, Check] = dict(sorted({
    **PAGE_CHECKS, **HEADER_CHECKS, **BODY_CHECKS, **CLOSING_CHECKS, **DRAFT_CHECKS,
}.items()))

# Checks of §7 the lint does not run, with the reason (also in docs/lint.md).
NOT_IMPLEMENTED = {
    "CHK-33": "circulation/urgency marks are not produced by any kind yet; stamp boxes vary (shapes, frames)",
    "CHK-38": "signature and seal images need image decoding and anchor geometry (not in the generator yet)",
}


def run_checks(doc: Document, only: set[str] | None = None) -> list[Finding]:
    parts = locate(doc)
    findings: list[Finding] = []
    for check_id, check in CHECKS.items():
        if only and check_id not in only:
            continue
        findings.extend(check(doc, parts))
    return findings
