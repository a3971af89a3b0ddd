"""Errors of electronic signing and verification, with their exit codes.

``SignError`` (exit 10): a file cannot be signed (no signature block found, wrong password,
missing key, a step out of ND30 order). ``SignReadError`` (exit 2, like ``vanban lint``): a file
cannot be read as a PDF at all.
"""

from __future__ import annotations

from ..errors import InputError, VanbanError


class SignError(VanbanError):
    """Signing refused or failed; the file is left as it was."""

    exit_code = 10
    code = "sign_error"


class SignReadError(InputError):
    """The file is not a readable PDF (verify exits 2 for it, like lint for a broken .docx)."""

    exit_code = 2
    code = "sign_unreadable"
