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


_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_ROW_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_MERGE_TAG = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + char - 64
    return number


def stream_layout(stream: IO[bytes]) -> tuple[set[int], list[tuple[int, int, int, int]], bool]:
    """The hidden rows (1-based numbers), the merged ranges ``(min_col, min_row, max_col, max_row)``
    and whether a formula is there, in one scan of a worksheet part in 1 MiB chunks (openpyxl's
    streaming reader exposes none of them)."""
    hidden: set[int] = set()
    merges: set[tuple[int, int, int, int]] = set()
    formula = False
    tail = b""
    while chunk := stream.read(1 << 20):
        text = tail + chunk
        formula = formula or FORMULA_TAG.search(text) is not None
        for match in _ROW_TAG.finditer(text):
            attributes = match.group(1)
            if _ROW_HIDDEN.search(attributes) and (number := _ROW_NUMBER.search(attributes)):
                hidden.add(int(number.group(1)))
        for match in _MERGE_TAG.finditer(text):
            c1, r1, c2, r2 = match.groups()
            merges.add((_column_number(c1), int(r1), _column_number(c2), int(r2)))
        tail = chunk[-512:]
    return hidden, sorted(merges), formula


# Excel's escapes of control characters inside shared strings (U+0000–U+001F, U+FFFE/F).
_EXCEL_ESCAPE = re.compile(r"_x(00[01][0-9a-f]|fff[ef])_", re.IGNORECASE)


def unescape(text: str) -> str:
    """``_x000D_`` → CR, ``_x0007_`` → BEL: openpyxl leaves Excel's escapes in the text."""
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text
