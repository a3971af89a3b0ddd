"""What the two Excel readers (awardee sheets, tables of a form) share about the .xlsx package."""

from __future__ import annotations

import re
from typing import IO

# A cell formula in a worksheet part: <f>, <f t="shared" …/>, with or without a namespace prefix.
FORMULA_TAG = re.compile(rb"<(?:[A-Za-z0-9_]+:)?f[\s>/]")


def stream_has_formula(stream: IO[bytes]) -> bool:
    """Whether a worksheet part holds a formula, read in 1 MiB chunks (a tag may span two)."""
    tail = b""
    while chunk := stream.read(1 << 20):
        if FORMULA_TAG.search(tail + chunk):
            return True
        tail = chunk[-32:]
    return False


# Excel's escapes of control characters inside shared strings (U+0000–U+001F, U+FFFE/F).
_EXCEL_ESCAPE = re.compile(r"_x(00[01][0-9a-f]|fff[ef])_", re.IGNORECASE)


def unescape(text: str) -> str:
    """``_x000D_`` → CR, ``_x0007_`` → BEL: openpyxl leaves Excel's escapes in the text."""
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text
