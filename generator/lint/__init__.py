"""``vanban lint``: check a .docx against the ND30 layout rules (nd30-layout.md §7).

Public entry: ``lint_file(path) -> LintReport``. Unreadable or unsafe files raise
``LintReadError`` (an ``InputError``) with a message code.
"""

from __future__ import annotations

from pathlib import Path

from .checks import CHECKS, NOT_IMPLEMENTED, run_checks
from .document import walk
from .package import LintReadError, open_package
from .report import ERROR, WARNING, Finding, LintReport, reports_json

__all__ = ["CHECKS", "NOT_IMPLEMENTED", "ERROR", "WARNING", "Finding", "LintReadError", "LintReport",
           "lint_file", "reports_json"]


def lint_file(path: str | Path, only: set[str] | None = None) -> LintReport:
    """Run every implemented check on one .docx (or only the ``only`` ids)."""
    package = open_package(path)
    document = walk(package)
    return LintReport(str(path), run_checks(document, only))
