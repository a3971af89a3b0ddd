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


# A Giấy khen certificate is not an administrative document under ND30 Phụ lục I (its layout is
# set by the commendation decree: landscape, red lines, no Số or Nơi nhận); only the checks that
# apply to any official print are run on it.
CERTIFICATE_CATEGORY = "giay-khen"
CERTIFICATE_CHECKS = {"CHK-03", "CHK-05"}


def lint_file(path: str | Path, only: set[str] | None = None) -> LintReport:
    """Run every implemented check on one .docx (or only the ``only`` ids)."""
    package = open_package(path)
    document = walk(package)
    if package.category == CERTIFICATE_CATEGORY:
        only = CERTIFICATE_CHECKS if only is None else only & CERTIFICATE_CHECKS
    return LintReport(str(path), run_checks(document, only))
