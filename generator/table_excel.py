"""A table for the document from a range of an Excel workbook (``tu_tep: phu-luc.xlsx``).

Offices keep their annex tables in Excel; this reads a range as the clerk sees it: merged cells
come out merged (colspan/rowspan, the text of the top-left cell), numbers are written the
Vietnamese way following the cell's number format (``#,##0`` → ``1.410.000``, ``0.0`` → ``912,5``,
``0.0%`` → ``12,5%``), dates as dd/mm/yyyy, formulas by their saved results, text exactly as typed
(NFC), bold and italic cells bold and italic. Every problem is an :class:`~generator.errors.Issue`
located at its cell as Excel shows it (``Phụ lục!D7``); all of them are raised together in one
:class:`~generator.errors.ValidationFailed`.

The workbook is opened in normal (not read-only) mode, because merged ranges are only known there;
a range larger than :data:`MAX_ROWS` × :data:`MAX_COLUMNS` is refused.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .confine import check_readable
from .document.table import Cell, Column, Row, Table, default_align, numeric_text
from .xlsx import stream_has_formula, unescape
from .errors import Issue, Origin, ValidationFailed
from .vn import LanguageError, clean_text

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "column_reference", "parse_range", "read_range"]

MAX_ROWS = 5000
MAX_COLUMNS = 60
XLSX_SUFFIXES = (".xlsx", ".xlsm")

_RANGE = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?$")
_COLUMN_LETTERS = re.compile(r"^[A-Z]{1,3}$")
_NUMBER_TEXT = re.compile(r"^[-+−]?\d{1,3}(?:[.\s]\d{3})*(?:,\d+)?%?$|^[-+−]?\d+(?:[.,]\d+)?%?$")
_COLUMN_NUMBER = re.compile(r"^\(?[0-9A-Za-z]{1,3}\)?$|^\(?\d+\s*=\s*[\d+\-*/×x ()]+\)?$")
_MAX_COLUMN = 16384
_MAX_ROW = 1048576


def parse_range(text: str) -> tuple[int, int, int, int] | None:
    """``'A3:F60'`` → (min_col, min_row, max_col, max_row), 1-based; ``'B2'`` is one cell. Corners
    may be given in any order; ``None`` when it is not a range of cells."""
    match = _RANGE.match(text.strip().upper().replace(" ", ""))
    if not match:
        return None
    first_col, first_row, last_col, last_row = match.groups()
    last_col, last_row = last_col or first_col, last_row or first_row
    cols = sorted((column_index_from_string(first_col), column_index_from_string(last_col)))
    rows = sorted((int(first_row), int(last_row)))
    if rows[0] < 1 or rows[1] > _MAX_ROW or cols[1] > _MAX_COLUMN:
        return None
    return cols[0], rows[0], cols[1], rows[1]


def column_reference(value: str | int, first_col: int, width: int) -> int | None:
    """A column of the range, from 0: a sheet letter (``'D'``) or a position in the range from 1."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value - 1 if 1 <= value <= width else None
    text = str(value).strip().upper()
    if text.isdigit():
        return column_reference(int(text), first_col, width)
    if not _COLUMN_LETTERS.match(text):
        return None
    index = column_index_from_string(text) - first_col
    return index if 0 <= index < width else None


# --------------------------------------------------------------------------------------------
# Numbers as their format shows them

def _format_sections(number_format: str) -> list[str]:
    sections, current, quoted, escaped = [], [], False, False
    for ch in number_format:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            sections.append("".join(current))
            current = []
            continue
        current.append(ch)
    sections.append("".join(current))
    return sections


def _split_section(section: str) -> tuple[str, str, str]:
    """(literal text before, digit placeholders, literal text after) of a format section; colours
    and conditions (``[Red]``), padding (``_)``) and fills (``*-``) are dropped."""
    before: list[str] = []
    number: list[str] = []
    after: list[str] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            (after if number else before).append(section[i + 1:end])
            i = end + 1
            continue
        if ch == "\\" and i + 1 < len(section):
            (after if number else before).append(section[i + 1])
            i += 2
            continue
        if ch == "[":
            end = section.find("]", i)
            i = len(section) if end < 0 else end + 1
            continue
        if ch in "_*":
            i += 2
            continue
        if ch in "0#?.,%" or (ch in "Ee" and number) or (ch in "+-/" and number and section[i - 1] in "Ee"):
            if after:  # a placeholder after literal text: keep everything in the number part
                number.extend(after)
                after.clear()
            number.append(ch)
        else:
            (after if number else before).append(ch)
        i += 1
    return "".join(before), "".join(number), "".join(after)


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    return ".".join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def excel_number(value: int | float, number_format: str | None) -> str:
    """A number as Excel shows it under ``number_format``, written the Vietnamese way: the
    format's decimals (``0.0`` → ``912,5``), its grouping (``#,##0`` → ``1.410.000``), percent
    (``0.0%`` → ``12,5%``), its literal text (``#,##0 "đ"`` → ``1.410.000 đ``), negatives as its
    second section writes them (``(1.234,50)``). General numbers keep their digits (15
    significant, as Excel); whole numbers from 10.000 up are grouped, smaller ones are not, so
    that years and codes stay 2024."""
    sections = _format_sections(number_format or "General")
    if value == 0 and len(sections) > 2 and sections[2].strip():
        before, part, after = _split_section(sections[2])
        if "0" not in part and "#" not in part:  # accounting formats show zero as a dash
            return (before + after).strip()
    negative = value < 0
    own_negative = negative and len(sections) > 1 and bool(sections[1].strip())
    before, part, after = _split_section(sections[1] if own_negative else sections[0])
    if before.strip().lower() in ("general", "@") or not part or "e" in part.lower() or "/" in part:
        number: int | float = value
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            number = int(value)
        if isinstance(number, int) and abs(number) < 10000:
            return str(number)
        return numeric_text(number)
    percent = "%" in part
    amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if percent:
        amount *= 100
    digits = part.replace("%", "")
    scaled = digits.rstrip(",")  # each comma after the last placeholder divides by 1000
    amount /= Decimal(1000) ** (len(digits) - len(scaled))
    integer, _, decimals = scaled.partition(".")
    shown = sum(decimals.count(ch) for ch in "0#?")
    fixed = decimals.count("0")
    quantised = abs(amount).quantize(Decimal(1).scaleb(-shown), rounding=ROUND_HALF_UP)
    whole, _, fraction = format(quantised, "f").partition(".")
    if shown > fixed:  # '#' and '?' places show only the digits that are not trailing zeros
        fraction = fraction.rstrip("0").ljust(fixed, "0")
    text = (_group(whole) if "," in integer else whole) + ("," + fraction if fraction else "")
    text += "%" if percent else ""
    if negative and quantised != 0 and not (own_negative and ("-" in before or "(" in before)):
        text = "-" + text  # also where Excel shows a negative only in red: the colour is lost
    return before + text + after


# --------------------------------------------------------------------------------------------
# Reading

class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = str(path)
        self.issues: list[Issue] = []
        self.sheet = ""

    def origin(self, row: int | None = None, col: int | None = None, cell: str | None = None) -> Origin:
        if cell is None and row is not None and col is not None:
            cell = f"{get_column_letter(col)}{row}"
        return Origin(self.file, sheet=self.sheet or None, cell=cell)

    def issue(self, code: str, origin: Origin | None, value: Any = None, **params: Any) -> None:
        self.issues.append(Issue(code, "", origin, value, params))

    def fail(self, code: str, origin: Origin | None = None, value: Any = None, **params: Any):
        self.issue(code, origin, value, **params)
        return ValidationFailed(self.issues)


_unescape = unescape



def _open(reader: _Reader, path: Path, data_only: bool):
    check_readable(path)
    try:
        return load_workbook(path, data_only=data_only, rich_text=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, ParseError,
            EOFError, OSError) as exc:
        raise reader.fail("sheet_unreadable", None, str(path), path=str(path),
                          reason=f"{type(exc).__name__}: {exc}") from exc


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with zf.open(name) as fh:
                    if stream_has_formula(fh):
                        return True
    return False


def _choose_sheet(reader: _Reader, wb, name: str | None):
    if name is None:
        return wb.active if wb.active is not None else wb.worksheets[0]
    for ws in wb.worksheets:
        if ws.title == name:
            return ws
    folded = " ".join(name.split()).casefold()
    for ws in wb.worksheets:
        if " ".join(ws.title.split()).casefold() == folded:
            return ws
    raise reader.fail("sheet_not_found", Origin(reader.file), name, path=reader.file,
                      allowed=", ".join(ws.title for ws in wb.worksheets))


def _used_area(ws) -> tuple[int, int, int, int] | None:
    """The smallest range holding every non-empty cell and every merged range."""
    rows, cols = [], []
    cells = getattr(ws, "_cells", None)  # the cells the file holds, without making the empty ones
    if cells is None:  # pragma: no cover - openpyxl internals changed
        cells = {(c.row, c.column): c for row in ws.iter_rows() for c in row}
    for (row, column), cell in cells.items():
        value = cell.value
        if value is not None and not (isinstance(value, str) and not value.strip()):
            rows.append(row)
            cols.append(column)
    for merged in ws.merged_cells.ranges:
        rows += [merged.min_row, merged.max_row]
        cols += [merged.min_col, merged.max_col]
    if not rows:
        return None
    return min(cols), min(rows), max(cols), max(rows)


def _text(reader: _Reader, cell, value: Any, row: int, col: int) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        fmt = (cell.number_format or "").lower()
        if value.time() != dt.time(0) and ("h" in fmt or "AM/PM" in fmt.upper()):
            return f"{value:%d/%m/%Y %H:%M}"
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, (int, float)):
        return excel_number(value, cell.number_format)
    if isinstance(value, str):
        try:
            return clean_text(_unescape(value), multiline=True)
        except LanguageError as exc:
            reader.issue(exc.code, reader.origin(row, col), value, **dict(exc.params))
            return ""
    return str(value)


def _is_number_text(text: str) -> bool:
    return bool(_NUMBER_TEXT.match(text.replace("\u00a0", " ")))


def read_range(path: Path, sheet: str | None, cell_range: str | None, header_rows: int = 1,
               numeric_columns: Iterable[str | int] | None = None) -> Table:
    """The table in ``cell_range`` (default: the used range) of ``sheet`` (default: the active
    sheet) of the workbook at ``path``. The first ``header_rows`` rows of the range are the header
    (repeated on every page; a last header row of column numbers like ``(1) (2)`` is the numbers
    row). ``numeric_columns`` (sheet letters or positions in the range from 1) are right-aligned
    number columns; without it, a column whose data cells are all numbers is one, and a column
    headed STT/TT is centred. Raises :class:`ValidationFailed` with located issues."""
    path = Path(path)
    reader = _Reader(path)
    if not path.exists():
        raise reader.fail("file_not_found", None, str(path), path=str(path))
    if path.is_dir():
        raise reader.fail("file_is_directory", None, str(path), path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise reader.fail("sheet_xls_legacy", None, str(path), path=str(path))
    if suffix not in XLSX_SUFFIXES:
        raise reader.fail("sheet_format_unknown", None, str(path), path=str(path),
                          extension=suffix or "(none)")
    wb = _open(reader, path, data_only=True)
    ws = _choose_sheet(reader, wb, sheet)
    reader.sheet = ws.title

    if cell_range:
        area = parse_range(cell_range)
        if area is None:
            raise reader.fail("table_range_invalid", Origin(reader.file, sheet=ws.title), cell_range)
    else:
        area = _used_area(ws)
        if area is None:
            raise reader.fail("table_range_empty", Origin(reader.file, sheet=ws.title),
                              sheet=ws.title, range="")
    min_col, min_row, max_col, max_row = area
    height, width = max_row - min_row + 1, max_col - min_col + 1
    where = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
    if height > MAX_ROWS or width > MAX_COLUMNS:
        raise reader.fail("table_range_too_large", reader.origin(cell=where), where, rows=height,
                          columns=width, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
    if not 0 <= header_rows <= height:
        raise reader.fail("table_header_rows", reader.origin(cell=where), header_rows, rows=height)

    formulas = None
    if _has_formulas(path):
        formulas = _open(reader, path, data_only=False)[ws.title]

    # Merged ranges, clipped to the area: the top-left cell carries the text and the spans.
    spans: dict[tuple[int, int], tuple[int, int, bool]] = {}  # colspan, rowspan, text outside
    covered: set[tuple[int, int]] = set()
    for merged in ws.merged_cells.ranges:
        top, left = max(merged.min_row, min_row), max(merged.min_col, min_col)
        bottom, right = min(merged.max_row, max_row), min(merged.max_col, max_col)
        if top > bottom or left > right or (top == bottom and left == right):
            continue
        spans[(top, left)] = (right - left + 1, bottom - top + 1,
                              (top, left) != (merged.min_row, merged.min_col))
        covered.update((r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)
                       if (r, c) != (top, left))

    grid: list[list[tuple[int, Cell, Any]]] = []  # per row: (column from 0, cell, raw value)
    for r in range(min_row, max_row + 1):
        row: list[tuple[int, Cell, Any]] = []
        for c in range(min_col, max_col + 1):
            if (r, c) in covered:
                continue
            cell = ws.cell(row=r, column=c)
            value = cell.value
            colspan, rowspan, top_left_outside = spans.get((r, c), (1, 1, False))
            if top_left_outside:
                value = None  # the text lives in the part of the merge outside the range
            if formulas is not None and not top_left_outside:
                formula = formulas.cell(row=r, column=c).value
                formula_text = formula if isinstance(formula, str) and formula.startswith("=") \
                    else getattr(formula, "text", None)
                if formula_text is not None:
                    if value is None:
                        reader.issue("formula_no_value", reader.origin(r, c), formula_text,
                                     formula=formula_text)
                    elif isinstance(value, str) and value in ERROR_CODES:
                        reader.issue("formula_error_value", reader.origin(r, c), value,
                                     formula=formula_text)
                        value = None
            if isinstance(value, str) and value in ERROR_CODES and cell.data_type == "e":
                reader.issue("table_cell_error", reader.origin(r, c), value)
                value = None
            text = _text(reader, cell, value, r, c)
            font = cell.font
            horizontal = cell.alignment.horizontal if cell.alignment is not None else None
            align = {"left": "left", "right": "right", "center": "center",
                     "centerContinuous": "center"}.get(horizontal or "")
            row.append((c - min_col, Cell(text, colspan, rowspan, bool(font and font.b),
                                          bool(font and font.i), align), value))
        grid.append(row)

    if reader.issues and any(i.is_error for i in reader.issues):
        raise ValidationFailed(reader.issues)

    # Column kinds: given, or numbers in every non-empty data cell; STT/TT columns centred.
    titles = [""] * width
    for row in grid[:header_rows]:
        for column, cell, _ in row:
            for k in range(column, column + cell.colspan):
                if cell.text:
                    titles[k] = cell.text
    if numeric_columns is not None:
        numeric = [False] * width
        for ref in numeric_columns:
            index = column_reference(ref, min_col, width)
            if index is None:
                reader.issue("table_column_unknown", reader.origin(cell=where), ref, range=where)
            else:
                numeric[index] = True
        if reader.issues:
            raise ValidationFailed(reader.issues)
    else:
        seen = [0] * width
        other = [False] * width
        for row in grid[header_rows:]:
            for column, cell, value in row:
                if cell.colspan > 1 or not cell.text:
                    continue
                if (isinstance(value, (int, float)) and not isinstance(value, bool)) or \
                        (isinstance(value, str) and _is_number_text(cell.text)):
                    seen[column] += 1
                else:
                    other[column] = True
        numeric = [seen[k] > 0 and not other[k] and default_align(titles[k], False) != "center"
                   for k in range(width)]
    columns = tuple(Column(default_align(titles[k], numeric[k]), None, numeric[k]) for k in range(width))

    rows = []
    for index, row in enumerate(grid):
        cells = tuple(cell for _, cell, _ in row)
        if index < header_rows:
            kind = "header"
            if index == header_rows - 1 and index > 0 and all(
                    _COLUMN_NUMBER.match(cell.text) for cell in cells if cell.text) \
                    and any(cell.text for cell in cells):
                kind = "numbers"
                cells = tuple(Cell(c.text, c.colspan, c.rowspan, False, c.italic, c.align) for c in cells)
            else:
                cells = tuple(Cell(c.text, c.colspan, c.rowspan, c.bold, c.italic, None) for c in cells)
        else:
            kind = "data"
        rows.append(Row(cells, kind))
    return Table(columns, tuple(rows))
