"""Body tables as a clerk writes them, and their WordprocessingML.

A :class:`Table` is columns (alignment, width, number or text) and rows of cells; a cell may span
columns (``colspan``) and rows (``rowspan``) the way HTML does: a row lists only the cells that
start in it, positions covered by a cell from a row above are skipped, a short row is padded with
empty cells. The leading rows of kind ``header``/``numbers`` are the header that Word repeats on
every page.

:func:`table_element` turns a table into one ``w:tbl``: grid style *VB Bang luoi*, fixed layout,
column widths from the content (:func:`column_widths`), merges as ``w:gridSpan``/``w:vMerge``,
cells in the named paragraph styles *VB Bang* (left), *VB Bang so* (right), *VB Bang giua*
(centred) and *VB Bang tieu de* (header). :func:`shape_problems` finds cells that overlap or run
past the table, for the form's validation. :func:`numeric_text` writes numbers the Vietnamese way.

Pure: imports lxml, python-docx's ``qn``, the layout metrics and the Vietnamese figure helpers.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from ..layout import text_width
from ..vn.figures import format_amount, format_decimal

__all__ = [
    "ALIGNS", "KINDS", "Cell", "Column", "Placed", "Row", "ShapeProblem", "Table", "column_widths",
    "default_align",
    "numeric_text", "place_cells", "placed_cells", "shape_problems", "table_element", "table_text",
]

ALIGNS = ("left", "center", "right")
KINDS = ("header", "numbers", "data", "group", "subtotal", "total")
HEADER_KINDS = frozenset({"header", "numbers"})
BOLD_KINDS = frozenset({"group", "subtotal", "total"})

TABLE_STYLE = "VBBangLuoi"
HEADER_STYLE = "VBBangTieuDe"
ALIGN_STYLES = {"left": "VBBang", "right": "VBBangSo", "center": "VBBangGiua"}
STYLE_SIZE_PT = 13  # the size of the VBBang* styles (layout.STYLES); other sizes go on the runs

# The VB Bang luoi style's left and right cell margins (twips) and a little slack, so that a word
# measured to fit is not wrapped by rounding in Word or LibreOffice.
CELL_MARGIN_TWIPS = 85
_SLACK_TWIPS = 40
_MIN_CONTENT_TWIPS = 280  # about 0.5 cm: an empty column is still a column
TWIPS_PER_CM = 1440 / 2.54


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    italic: bool = False
    align: str | None = None  # None = the column's alignment; "left" | "center" | "right"

    def __post_init__(self) -> None:
        if self.colspan < 1 or self.rowspan < 1:
            raise ValueError(f"a cell spans at least one column and row, not {self.colspan}×{self.rowspan}")
        if self.align is not None and self.align not in ALIGNS:
            raise ValueError(f"unknown alignment {self.align!r}; use one of {ALIGNS}")


@dataclass(frozen=True)
class Column:
    align: str = "left"
    width_cm: float | None = None
    numeric: bool = False

    def __post_init__(self) -> None:
        if self.align not in ALIGNS:
            raise ValueError(f"unknown alignment {self.align!r}; use one of {ALIGNS}")
        if self.width_cm is not None and not self.width_cm > 0:
            raise ValueError(f"a column width must be more than 0 cm, not {self.width_cm!r}")


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    kind: str = "data"  # "header" | "numbers" | "data" | "group" | "subtotal" | "total"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown row kind {self.kind!r}; use one of {KINDS}")


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    font_size: float = 13

    @property
    def header_count(self) -> int:
        """How many leading rows are header rows (repeated on every page)."""
        count = 0
        for row in self.rows:
            if row.kind not in HEADER_KINDS:
                break
            count += 1
        return count


# --------------------------------------------------------------------------------------------
# Numbers

def numeric_text(value: Any, places: int | None = None) -> str:
    """A number written the Vietnamese way; text is kept exactly as typed.

    ``1410000`` → ``'1.410.000'``; ``912.5`` → ``'912,5'``; ``Decimal('1234.50')`` → ``'1.234,50'``;
    ``'1.410.000'`` and ``'12,5%'`` stay as they are; ``None`` → ``''``. ``places`` rounds a number
    (half up) to that many decimals. Floats are read through their shortest ``repr``, so 0.1 + 0.2
    style artefacts of the binary value never show.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise TypeError("a truth value is not a number")
    if isinstance(value, int):
        return format_amount(value) if places is None else format_decimal(Decimal(value), places)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
        shown = repr(value)
        if len(shown.lstrip("-").replace(".", "").lstrip("0").split("e")[0]) > 15:
            shown = "%.15g" % value  # 0.1 + 0.2 is 0,3, as Excel shows it (15 significant digits)
        value = Decimal(shown)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value!r} is not a finite number")
        if places is None and value == value.to_integral_value() and value.as_tuple().exponent >= 0:
            return format_amount(int(value))
        return format_decimal(value, places)
    raise TypeError(f"{type(value).__name__} is not a number")


_ORDINAL_TITLES = frozenset({"stt", "tt", "so tt", "so thu tu", "thu tu"})


def default_align(title: str, numeric: bool) -> str:
    """A column's alignment when the clerk gives none: numbers right, the row number (STT, TT)
    centred, text left."""
    if numeric:
        return "right"
    folded = unicodedata.normalize("NFD", title.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    folded = " ".join(folded.replace(".", "").split())
    return "center" if folded in _ORDINAL_TITLES else "left"


# --------------------------------------------------------------------------------------------
# Shape: where every cell lands on the grid

@dataclass(frozen=True)
class ShapeProblem:
    """A cell that does not fit the grid. ``row``/``cell`` count from 0 in ``Table.rows``."""

    code: str  # table_row_too_long | table_span_past_end | table_span_overlap | table_rowspan_past_end
    row: int
    cell: int
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Placed:
    """A cell at its grid position: its row and first column (from 0) and its index in the row."""

    cell: Cell
    row: int
    column: int
    index: int = 0


def place_cells(table: Table) -> tuple[list[Placed], list[ShapeProblem]]:
    """Every cell at its grid position (spans clipped where they do not fit), and the problems:
    cells that run past the last column or row, or onto a cell from another row."""
    width = len(table.columns)
    height = len(table.rows)
    covered: dict[tuple[int, int], int] = {}  # (row, column) -> the row its cell starts in
    placed: list[Placed] = []
    problems: list[ShapeProblem] = []
    for r, row in enumerate(table.rows):
        column = 0
        for index, cell in enumerate(row.cells):
            while column < width and (r, column) in covered:
                column += 1
            if column >= width:
                used = sum(1 for c in range(width) if (r, c) in covered)
                problems.append(ShapeProblem("table_row_too_long", r, index, {
                    "count": used + sum(max(c.colspan, 1) for c in row.cells[index:]),
                    "columns": width}))
                break
            span = max(cell.colspan, 1)
            rows = max(cell.rowspan, 1)
            if column + span > width:
                problems.append(ShapeProblem("table_span_past_end", r, index, {
                    "start": column + 1, "span": span, "columns": width}))
                span = width - column
            clash = next((c for c in range(column, column + span) if (r, c) in covered), None)
            if clash is not None:
                problems.append(ShapeProblem("table_span_overlap", r, index, {
                    "column": clash + 1, "other_row": covered[(r, clash)] + 1}))
                span = clash - column
            if r + rows > height:
                problems.append(ShapeProblem("table_rowspan_past_end", r, index, {
                    "span": rows, "rows": height - r}))
                rows = height - r
            below = next(((rr, c) for rr in range(r + 1, r + rows) for c in range(column, column + span)
                          if (rr, c) in covered), None)
            if below is not None:
                problems.append(ShapeProblem("table_span_overlap", r, index, {
                    "column": below[1] + 1, "other_row": covered[below] + 1}))
                rows = below[0] - r
            if cell.colspan != span or cell.rowspan != rows:
                cell = Cell(cell.text, span, rows, cell.bold, cell.italic, cell.align)
            for rr in range(r, r + rows):
                for c in range(column, column + span):
                    covered[(rr, c)] = r
            placed.append(Placed(cell, r, column, index))
            column += span
    return placed, problems


def shape_problems(table: Table) -> list[ShapeProblem]:
    """Cells that run past the last column or row, or onto a cell from another row."""
    return place_cells(table)[1]


def placed_cells(table: Table) -> list[Placed]:
    """Every cell at its grid position; spans clipped where they would not fit."""
    return place_cells(table)[0]


# --------------------------------------------------------------------------------------------
# Column widths

def _bold(row: Row, cell: Cell) -> bool:
    return cell.bold or row.kind == "header" or row.kind in BOLD_KINDS


# Advance widths (units per em 2048, regular and bold; Liberation Serif = Times New Roman metrics)
# of characters the layout module's table does not carry and measures as half an em.
_MORE_UNITS = {
    "%": (1706, 2048), "&": (1593, 1706), "+": (1155, 1167), "=": (1155, 1167), "@": (1886, 1905),
    "[": (682, 682), "]": (682, 682), "×": (1155, 1167), "…": (2048, 2048), "’": (682, 682),
    "‘": (682, 682), "!": (682, 682), "?": (909, 1024), "<": (1155, 1167), ">": (1155, 1167),
    "|": (410, 451), "~": (1108, 1065), "—": (2048, 2048), "°": (819, 819), "²": (614, 614),
    "³": (614, 614), "½": (1536, 1536), "±": (1124, 1124), "÷": (1124, 1124), "≤": (1124, 1124),
    "≥": (1124, 1124), "•": (717, 717), "·": (682, 683),
}


@lru_cache(maxsize=256)
def _correction(ch: str, bold: bool) -> int:
    """Font units to add to the layout module's width of ``ch`` (0 where it knows the glyph)."""
    if ch not in _MORE_UNITS:
        return 0
    half_em = text_width("0", 2048 / 20, bold)  # a digit is half an em: the layout's fallback
    if text_width(ch, 2048 / 20, bold) != half_em:
        return 0
    return _MORE_UNITS[ch][1 if bold else 0] - 1024


def _twips(text: str, size: float, bold: bool) -> int:
    """Rendered width of one line of text in twips."""
    width = int(text_width(text, size, bold).twips)
    extra = sum(_correction(ch, bold) for ch in text if ch in _MORE_UNITS)
    return width + int(extra * size * 20 / 2048)


def _measure(text: str, size: float, bold: bool) -> tuple[int, int]:
    """(longest word, longest line) of ``text`` in twips."""
    longest_word = longest_line = 0
    for line in text.split("\n"):
        longest_line = max(longest_line, _twips(line, size, bold))
        for word in line.split():
            longest_word = max(longest_word, _twips(word, size, bold))
    return longest_word, longest_line


def _wrapped_lines(line: str, size: float, bold: bool, width: int) -> int:
    """How many lines greedy wrapping makes of ``line`` in ``width`` twips."""
    space = _twips(" ", size, bold)
    lines, current = 1, -1
    for word in line.split():
        w = _twips(word, size, bold)
        if current < 0:
            current = w
        elif current + space + w > width:
            lines += 1
            current = w
        else:
            current += space + w
    return lines


def _spread(values: list[float], columns: range, need: float) -> None:
    """Widen ``columns`` so that together they are at least ``need`` (in proportion to their size)."""
    have = sum(values[c] for c in columns)
    if have >= need:
        return
    deficit = need - have
    if have > 0:
        for c in columns:
            values[c] += deficit * values[c] / have
    else:
        for c in columns:
            values[c] += deficit / len(columns)


def _content_widths(table: Table) -> list[list[float]]:
    """Four widths per column, in twips with the cell margins, each at least the one before:
    its longest word; its header cells on two lines at most; also its data on one line; also
    its header on one line. A cell spanning columns is spread over them after the single ones."""
    n = len(table.columns)
    pad = 2 * CELL_MARGIN_TWIPS + _SLACK_TWIPS
    levels = [[float(pad + _MIN_CONTENT_TWIPS)] * n for _ in range(4)]
    spanning = []
    for placed in placed_cells(table):
        row = table.rows[placed.row]
        bold = _bold(row, placed.cell)
        word, line = _measure(placed.cell.text, table.font_size, bold)
        if row.kind == "header":  # a header may take two lines; the data should not wrap for it
            two = _two_line_width(placed.cell.text, table.font_size, bold, word, line)
            needs = (word, two, two, line)
        else:
            needs = (word, word, line, line)
        if placed.cell.colspan == 1:
            for level, need in zip(levels, needs):
                level[placed.column] = max(level[placed.column], need + pad)
        else:
            spanning.append((placed.cell.colspan, placed.column, needs))
    for span, start, needs in sorted(spanning):
        for level, need in zip(levels, needs):
            _spread(level, range(start, start + span), need + pad)
    for lower, upper in zip(levels, levels[1:]):
        for c in range(n):
            upper[c] = max(upper[c], lower[c])
    return levels


def _two_line_width(text: str, size: float, bold: bool, word: int, line: int) -> int:
    """The narrowest width (twips) at which every line of ``text`` wraps onto two lines at most."""
    low, high = word, line
    while high - low > 20:
        middle = (low + high) // 2
        if all(_wrapped_lines(part, size, bold, middle) <= 2 for part in text.split("\n")):
            high = middle
        else:
            low = middle
    return high


def _round_to(values: list[float], total: int) -> list[int]:
    widths = [int(math.floor(v)) for v in values]
    remainder = total - sum(widths)
    order = sorted(range(len(values)), key=lambda i: values[i] - widths[i], reverse=True)
    for i in order[:max(remainder, 0)]:
        widths[i] += 1
    return widths


def column_widths(table: Table, available_twips: int) -> list[int]:
    """Column widths in twips. Given widths (``width_cm``) are kept; the other columns share the
    rest by their content. Each gets its longest word first, so no word is broken; then the room
    goes, stage by stage, to what each column still needs for its header on two lines, its data
    on one line, its header on one line — within a stage in proportion to the need, so that no
    column stays half empty while another wraps a word per line; what is left after the last
    stage goes in proportion to how much more than its longest word each column's text needs.
    The sum is ``available_twips``, or the sum of the given widths when all are given and fit;
    widths that do not fit are narrowed together."""
    n = len(table.columns)
    if n == 0:
        raise ValueError("a table needs at least one column")
    available = max(int(available_twips), n)
    given = [None if c.width_cm is None else round(c.width_cm * TWIPS_PER_CM) for c in table.columns]
    free = [i for i in range(n) if given[i] is None]
    fixed_total = sum(g for g in given if g is not None)
    if not free:
        if fixed_total <= available:
            return [int(g) for g in given]
        return _round_to([g * available / fixed_total for g in given], available)
    levels = [[level[i] for i in free] for level in _content_widths(table)]
    room = available - fixed_total
    if room < sum(levels[0]):  # not even the longest words fit: narrow everything together
        scale = available / (fixed_total + sum(levels[0]))
        values = [(given[i] if given[i] is not None else levels[0][free.index(i)]) * scale
                  for i in range(n)]
        return _round_to(values, available)
    shares = _share(levels, room)
    values = dict(zip(free, _round_to(shares, int(room))))
    return [int(given[i]) if given[i] is not None else values[i] for i in range(n)]


def _share(levels: list[list[float]], room: float) -> list[float]:
    """Fill ``room`` up the levels: the highest level that fits, plus the rest of the room shared
    in proportion to the steps to the next level (after the last, to the step from the first)."""
    for lower, upper in zip(levels, levels[1:]):
        if sum(upper) > room:
            steps = [u - l for u, l in zip(upper, lower)]
            left = room - sum(lower)
            return [l + left * step / sum(steps) for l, step in zip(lower, steps)]
    top, first = levels[-1], levels[0]
    left = room - sum(top)
    steps = [t - f for t, f in zip(top, first)]
    if not sum(steps):  # every cell is one word: share in proportion to the words
        steps = list(top)
    return [t + left * step / sum(steps) for t, step in zip(top, steps)]


# --------------------------------------------------------------------------------------------
# WordprocessingML

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_VAL, _W_ATTR, _TYPE = qn("w:val"), qn("w:w"), qn("w:type")


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _cell_align(table: Table, row: Row, placed: Placed) -> str:
    cell = placed.cell
    if cell.align is not None:
        return cell.align
    aligns = {table.columns[c].align for c in range(placed.column, placed.column + cell.colspan)}
    if len(aligns) == 1:
        return aligns.pop()
    return "center" if row.kind in ("subtotal", "total") else "left"


def _paragraph(tc: etree._Element, table: Table, row: Row | None, placed: Placed | None) -> None:
    p = _sub(tc, "w:p")
    pPr = _sub(p, "w:pPr")
    if row is None or placed is None:  # the empty paragraph of a vMerge continuation
        _sub(pPr, "w:pStyle", val=ALIGN_STYLES["left"])
        return
    cell = placed.cell
    if row.kind == "header":
        _sub(pPr, "w:pStyle", val=HEADER_STYLE)
        if cell.align not in (None, "center"):
            _sub(pPr, "w:jc", val=cell.align)
    else:
        align = "center" if row.kind == "numbers" and cell.align is None else _cell_align(table, row, placed)
        _sub(pPr, "w:pStyle", val=ALIGN_STYLES[align])
    if not cell.text:
        return
    r = _sub(p, "w:r")
    bold = (cell.bold or row.kind in BOLD_KINDS) and row.kind != "header"
    size = table.font_size
    if bold or cell.italic or size != STYLE_SIZE_PT:
        rPr = _sub(r, "w:rPr")
        if bold:
            _sub(rPr, "w:b")
        if cell.italic:
            _sub(rPr, "w:i")
        if size != STYLE_SIZE_PT:
            half_points = str(int(round(size * 2)))
            _sub(rPr, "w:sz", val=half_points)
            _sub(rPr, "w:szCs", val=half_points)
    _runs_text(r, cell.text)


def _runs_text(r: etree._Element, text: str) -> None:
    """The text in ``w:t`` pieces: ``\\n`` becomes ``w:br``, ``\\t`` becomes ``w:tab``."""
    piece: list[str] = []

    def flush() -> None:
        if piece:
            t = _sub(r, "w:t")
            t.text = "".join(piece)
            t.set(_XML_SPACE, "preserve")
            piece.clear()

    for ch in text:
        if ch == "\n":
            flush()
            _sub(r, "w:br")
        elif ch == "\t":
            flush()
            _sub(r, "w:tab")
        else:
            piece.append(ch)
    flush()


def _tc(tr: etree._Element, width: int, span: int, merge: str | None, centred: bool) -> etree._Element:
    tc = _sub(tr, "w:tc")
    tcPr = _sub(tc, "w:tcPr")
    _sub(tcPr, "w:tcW", w=str(width), type="dxa")
    if span > 1:
        _sub(tcPr, "w:gridSpan", val=str(span))
    if merge == "restart":
        _sub(tcPr, "w:vMerge", val="restart")
    elif merge == "continue":
        _sub(tcPr, "w:vMerge")
    if centred:
        _sub(tcPr, "w:vAlign", val="center")
    return tc


def table_element(table: Table, available_twips: int) -> etree._Element:
    """One ``w:tbl`` for ``table`` fitted to ``available_twips`` (the text width of its section)."""
    widths = column_widths(table, available_twips)
    n = len(widths)
    tbl = etree.Element(qn("w:tbl"), nsmap={"w": _W})
    tblPr = _sub(tbl, "w:tblPr")  # schema order: tblStyle, tblW, jc, ..., tblLayout, tblCellMar, tblLook
    _sub(tblPr, "w:tblStyle", val=TABLE_STYLE)
    _sub(tblPr, "w:tblW", w=str(sum(widths)), type="dxa")
    _sub(tblPr, "w:jc", val="center")
    _sub(tblPr, "w:tblLayout", type="fixed")
    _sub(tblPr, "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="1", lastColumn="0",
         noHBand="0", noVBand="1")
    grid = _sub(tbl, "w:tblGrid")
    for width in widths:
        _sub(grid, "w:gridCol", w=str(width))

    by_row: dict[int, dict[int, Placed]] = {}
    covering: dict[tuple[int, int], Placed] = {}  # (row, column) -> the cell from a row above
    for placed in placed_cells(table):
        by_row.setdefault(placed.row, {})[placed.column] = placed
        for rr in range(placed.row + 1, placed.row + placed.cell.rowspan):
            covering[(rr, placed.column)] = placed
    headers = table.header_count

    for r, row in enumerate(table.rows):
        tr = _sub(tbl, "w:tr")
        trPr = _sub(tr, "w:trPr")
        _sub(trPr, "w:cantSplit")
        if r < headers:
            _sub(trPr, "w:tblHeader")
        starts = by_row.get(r, {})
        column = 0
        while column < n:
            if (r, column) in covering:
                above = covering[(r, column)]
                span = above.cell.colspan
                tc = _tc(tr, sum(widths[column:column + span]), span, "continue", True)
                _paragraph(tc, table, None, None)
            elif column in starts:
                placed = starts[column]
                span = placed.cell.colspan
                merge = "restart" if placed.cell.rowspan > 1 else None
                tc = _tc(tr, sum(widths[column:column + span]), span, merge,
                         r < headers or placed.cell.rowspan > 1)
                _paragraph(tc, table, row, placed)
            else:  # a short row: an empty cell keeps the grid whole
                span = 1
                tc = _tc(tr, widths[column], 1, None, r < headers)
                _paragraph(tc, table, row, Placed(Cell(""), r, column))
            column += span
    return tbl


def table_text(tbl: etree._Element) -> list[list[str]]:
    """The text of each cell of a ``w:tbl``, row by row (``w:br`` → ``\\n``, ``w:tab`` → ``\\t``);
    vMerge continuation cells included (empty). For tests and checks."""
    rows = []
    for tr in tbl.iter(qn("w:tr")):
        cells = []
        for tc in tr.iter(qn("w:tc")):
            parts = []
            for element in tc.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
                if element.tag == qn("w:t"):
                    parts.append(element.text or "")
                elif element.tag == qn("w:br"):
                    parts.append("\n")
                else:
                    parts.append("\t")
            cells.append("".join(parts))
        rows.append(cells)
    return rows
