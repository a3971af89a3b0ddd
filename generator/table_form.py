"""The table block of a form, as a clerk writes it in YAML, and its conversion to a document table.

::

    bang:
      cot:                                  # columns left to right; nesting = column groups
        - ten: STT
          canh: giua                        # trai | giua | phai
          rong: 1.2                         # cm, optional
        - ten: NHÓM HÀNG
        - ten: Chỉ số giá tháng 7 năm 2024 (%)
          kieu: so                          # the sub-columns inherit kieu, canh, so_le
          so_le: 2                          # decimals for numbers typed in these columns
          cot: [So với kỳ gốc (2019), So với tháng trước, Bình quân cùng kỳ]
      danh_so_cot: true                     # a row (1) (2) (3)… under the header, or a list
      dong:
        - nhom: I. TẬP THỂ                  # a group row: one bold cell across the table
        - [1, Lương thực, 148.69, 99.69, 126.75]
        - [{noi_dung: Đơn vị A, gop_dong: 2}, x]   # a cell: noi_dung, gop_cot, gop_dong, dam,
        - cong: ["", Cộng, "", 2820000]            #   nghieng, canh
        - tong: ["", TỔNG CỘNG, "", 5640000]
      co_chu: 13

or, for a table kept in Excel, ``tu_tep`` (relative to the form), ``trang`` (sheet), ``vung``
(range), ``dong_tieu_de`` (header rows, default 1) and ``cot_so`` (number columns).

A leaf column without sub-columns spans down to the last header row. Numbers typed in a number
column (``kieu: so``) the way YAML writes them (``1410000``, ``912.5``, or int/float/Decimal values
from a program) are written the Vietnamese way (``1.410.000``, ``912,5``); anything else is kept
exactly as typed (``1.410.000``, ``12,5%``, ``1.410``). Problems are pydantic errors with a message code
of :data:`MESSAGES`, located at the row or cell that has them.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, ValidationInfo,
                      WithJsonSchema, field_validator, model_validator)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .document.table import (
    TWIPS_PER_CM, Cell, Column, Row, Table, default_align, numeric_text, place_cells,
)
from .errors import Issue, ValidationFailed
from .table_excel import _COLUMN_LETTERS, parse_range, read_range
from .table_messages import MESSAGES

__all__ = ["MESSAGES", "CellInput", "ColumnInput", "TableInput", "table_warnings", "to_table", "typed_number"]


ALIGN_WORDS = {
    "trai": "left", "trái": "left", "giua": "center", "giữa": "center", "phai": "right",
    "phải": "right", "left": "left", "center": "center", "right": "right",
}
_ALIGN_ALLOWED = "trai, giua, phai"
ROW_KEYS = {"nhom": "group", "cong": "subtotal", "tong": "total"}
DEFAULT_FONT_SIZE = 13
# No ND30 page holds a wider table: A4 landscape less the narrowest left and right margins.
MAX_TABLE_WIDTH_CM = 29.7 - 3.0 - 1.5


def _error(code: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(code, code, ctx)


def _align(value: Any) -> str | None:
    if value is None:
        return None
    key = " ".join(str(value).split()).casefold()
    if key not in ALIGN_WORDS:
        raise _error("table_align_unknown", allowed=_ALIGN_ALLOWED)
    return ALIGN_WORDS[key]


Align = Annotated[str | None, BeforeValidator(_align),
                  WithJsonSchema({"type": "string", "enum": ["trai", "giua", "phai"]})]


def _column_entry(value: Any) -> Any:
    if isinstance(value, (str, int, float, Decimal)) and not isinstance(value, bool):
        return {"ten": str(value)}
    return value


class ColumnInput(BaseModel):
    """One column; with ``cot`` it is a group whose header spans its sub-columns."""

    model_config = ConfigDict(extra="forbid")

    ten: str = ""
    canh: Align = None
    rong: float | None = Field(default=None, gt=0)
    kieu: Literal["chu", "so"] | None = None
    so_le: int | None = Field(default=None, ge=0, le=6)
    cot: list[ColumnEntry] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _group_has_no_width(self) -> "ColumnInput":
        if self.cot and self.rong is not None:
            raise _error("table_width_on_group", name=self.ten)
        return self


ColumnEntry = Annotated[ColumnInput, BeforeValidator(_column_entry)]
ColumnInput.model_rebuild()


class CellInput(BaseModel):
    """A cell written as a mapping, for merges and emphasis."""

    model_config = ConfigDict(extra="forbid")

    noi_dung: str | int | float | Decimal | None = ""
    gop_cot: int = Field(default=1, ge=1)
    gop_dong: int = Field(default=1, ge=1)
    dam: bool = False
    nghieng: bool = False
    canh: Align = None


_SCALAR_SCHEMA = {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]}
_CELL_SCHEMA = {"anyOf": [_SCALAR_SCHEMA, CellInput.model_json_schema()]}
_CELLS_SCHEMA = {"anyOf": [{"type": "array", "items": _CELL_SCHEMA}, _SCALAR_SCHEMA]}
_ROWS_SCHEMA = {
    "type": "array",
    "items": {"anyOf": [
        {"type": "array", "items": _CELL_SCHEMA},
        *({"type": "object", "properties": {key: _CELLS_SCHEMA}, "required": [key],
           "additionalProperties": False} for key in ROW_KEYS),
    ]},
}


@dataclasses.dataclass(frozen=True)
class _Draft:
    """A cell as written, before its column (and so its number format) is known."""

    value: Any
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    italic: bool = False
    align: str | None = None
    fill: bool = False  # the last cell of a group row: spans the rest of the row


@dataclasses.dataclass(frozen=True)
class _Leaf:
    name: str
    column: Column
    places: int | None


class TableInput(BaseModel):
    """A table block: columns and rows written in the form, or a range of an Excel workbook."""

    model_config = ConfigDict(extra="forbid")

    cot: list[ColumnEntry] | None = None
    dong: Annotated[list[Any] | None, WithJsonSchema(_ROWS_SCHEMA)] = None
    danh_so_cot: bool | list[str | int] = False
    co_chu: float = Field(default=DEFAULT_FONT_SIZE, ge=11, le=14)
    tu_tep: str | None = Field(default=None, min_length=1)
    trang: str | None = None
    vung: str | None = None
    dong_tieu_de: int | None = Field(default=None, ge=0)
    cot_so: list[str | int] | None = None

    @field_validator("vung")
    @classmethod
    def _range(cls, value: str | None) -> str | None:
        if value is not None and parse_range(value) is None:
            raise _error("table_range_invalid")
        return value

    @field_validator("cot_so")
    @classmethod
    def _number_columns(cls, value: list[str | int] | None, info: ValidationInfo) -> list[str | int] | None:
        for item in value or ():
            ok = (item >= 1 if isinstance(item, int) else
                  bool(_COLUMN_LETTERS.match(item.strip().upper()) or item.strip().isdigit()))
            if not ok:
                raise _error("table_column_unknown", range=info.data.get("vung") or "")
        return value

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> "TableInput":
        errors: list[InitErrorDetails] = []
        if self.tu_tep is not None:
            keys = [key for key in ("cot", "dong") if getattr(self, key) is not None]
            if keys:
                errors.append(_detail("table_source_conflict", (keys[0],), getattr(self, keys[0]),
                                      keys=", ".join(keys)))
        else:
            for key in ("trang", "vung", "dong_tieu_de", "cot_so"):
                if getattr(self, key) is not None:
                    errors.append(_detail("table_key_needs_file", (key,), getattr(self, key), key=key))
            if not self.cot:
                errors.append(_detail("table_columns_missing", ("cot",) if self.cot is not None else (),
                                      self.cot))
            elif not self.dong:
                errors.append(_detail("table_empty", ("dong",) if self.dong is not None else (),
                                      self.dong))
            else:
                leaves = _leaves(self.cot)
                errors.extend(_width_errors(leaves, info))
                if isinstance(self.danh_so_cot, list) and len(self.danh_so_cot) != len(leaves):
                    errors.append(_detail("table_numbers_count", ("danh_so_cot",), self.danh_so_cot,
                                          count=len(self.danh_so_cot), columns=len(leaves)))
                errors.extend(_build(self, leaves)[1])
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        return self


def _detail(code: str, loc: tuple, value: Any, **ctx: Any) -> InitErrorDetails:
    return InitErrorDetails(type=_error(code, **ctx), loc=loc, input=value)


# --------------------------------------------------------------------------------------------
# Columns

def _leaves(columns: list[ColumnInput], inherited: dict[str, Any] | None = None) -> list[_Leaf]:
    inherited = inherited or {}
    leaves: list[_Leaf] = []
    for column in columns:
        own = {"canh": column.canh, "kieu": column.kieu, "so_le": column.so_le}
        merged = {key: own[key] if own[key] is not None else inherited.get(key) for key in own}
        if column.cot:
            leaves.extend(_leaves(column.cot, merged))
            continue
        numeric = merged["kieu"] == "so"
        align = merged["canh"] or default_align(column.ten, numeric)
        leaves.append(_Leaf(column.ten, Column(align, column.rong, numeric), merged["so_le"]))
    return leaves


def _depth(columns: list[ColumnInput]) -> int:
    return max(1 + (_depth(c.cot) if c.cot else 0) for c in columns)


def _header_rows(columns: list[ColumnInput]) -> list[Row]:
    """The header: one row per level of the column tree; a group spans its leaves, a leaf spans
    down to the last header row."""
    depth = _depth(columns)
    return [Row(tuple(_in_order(columns, level, depth)), "header") for level in range(depth)]


def _in_order(columns: list[ColumnInput], level: int, depth: int, current: int = 0):
    for column in columns:
        if current == level:
            if column.cot:
                yield Cell(column.ten, colspan=len(_leaves(column.cot)))
            else:
                yield Cell(column.ten, rowspan=depth - level)
        elif column.cot:
            yield from _in_order(column.cot, level, depth, current + 1)


def _width_errors(leaves: list[_Leaf], info: ValidationInfo):
    given = [leaf.column.width_cm for leaf in leaves if leaf.column.width_cm is not None]
    context = info.context if isinstance(info.context, dict) else {}
    available = context.get("text_width_cm", MAX_TABLE_WIDTH_CM)
    total = sum(given)
    if total > available + 1e-9:
        yield _detail("table_too_wide", ("cot",), None, width=_cm(total), available=_cm(available))


def _cm(value: float) -> str:
    return numeric_text(round(value, 1)) if value != int(value) else str(int(value))


# --------------------------------------------------------------------------------------------
# Rows

def _scalar(value: Any, loc: tuple, row: int, errors: list) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    errors.append(_detail("table_cell_value", loc, value, row=row))
    return None


def _cell(value: Any, loc: tuple, row: int, errors: list, *, bold: bool = False) -> _Draft:
    if isinstance(value, dict):
        try:
            cell = CellInput.model_validate(value)
        except ValidationError as exc:
            for item in exc.errors(include_url=False):
                errors.append(InitErrorDetails(
                    type=PydanticCustomError(item["type"], item["type"], dict(item.get("ctx") or {})),
                    loc=(*loc, *item["loc"]), input=item.get("input")))
            return _Draft("")
        return _Draft(cell.noi_dung, cell.gop_cot, cell.gop_dong, cell.dam or bold, cell.nghieng,
                      cell.canh)
    return _Draft(_scalar(value, loc, row, errors), bold=bold)


def _row(value: Any, index: int, errors: list) -> tuple[str, list[_Draft]]:
    loc = ("dong", index)
    number = index + 1
    if isinstance(value, list):
        return "data", [_cell(v, (*loc, j), number, errors) for j, v in enumerate(value)]
    keys = list(value) if isinstance(value, dict) else []
    if len(keys) != 1 or keys[0] not in ROW_KEYS:
        errors.append(_detail("table_row_shape", loc, value if not isinstance(value, (dict, list)) else None,
                              row=number, allowed="nhom: …, cong: […], tong: […]"))
        return "data", []
    key = keys[0]
    kind = ROW_KEYS[key]
    content = value[key]
    loc = (*loc, key)
    if isinstance(content, list):
        cells = [_cell(v, (*loc, j), number, errors, bold=True) for j, v in enumerate(content)]
    else:
        cells = [_cell(content, loc, number, errors, bold=True)]
    if kind == "group" and cells and cells[-1].colspan == 1:
        cells[-1] = dataclasses.replace(cells[-1], fill=True)
    return kind, cells


_PLAIN_INTEGER = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
_PLAIN_DECIMAL = re.compile(r"^-?[0-9]+\.[0-9]+$")
_ONE_THOUSANDS_GROUP = re.compile(r"^-?[1-9][0-9]{0,2}\.[0-9]{3}$")


def typed_number(text: str) -> int | Decimal | None:
    """The number a clerk typed the way YAML and programs write numbers (``1410000``, ``912.5``),
    or ``None`` for text to keep as typed: ``1.410.000``, ``12,5%``, ``007``, and ``1.410`` (one dot
    before three digits is the Vietnamese thousands separator, not a decimal point)."""
    if _PLAIN_INTEGER.match(text):
        return int(text)
    if _PLAIN_DECIMAL.match(text) and not _ONE_THOUSANDS_GROUP.match(text):
        return Decimal(text)
    return None


def _text(value: Any, leaf: _Leaf) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        if leaf.column.numeric:  # forms are read as typed text: 1410000 in a number column
            number = typed_number(value)
            if number is not None:
                return numeric_text(number, leaf.places)
        return value
    if leaf.column.numeric:
        return numeric_text(value, leaf.places)
    if isinstance(value, int):
        return str(value)  # a number in a text column: a year, a code, a row number
    return numeric_text(value)


def _numbers_row(data: TableInput, count: int) -> Row | None:
    if data.danh_so_cot is True:
        labels = [f"({k})" for k in range(1, count + 1)]
    elif isinstance(data.danh_so_cot, list):
        labels = [str(label) for label in data.danh_so_cot][:count]
        labels += [""] * (count - len(labels))
    else:
        return None
    return Row(tuple(Cell(label) for label in labels), "numbers")


def _build(data: TableInput, leaves: list[_Leaf]) -> tuple[Table, list[InitErrorDetails]]:
    errors: list[InitErrorDetails] = []
    width = len(leaves)
    head = _header_rows(data.cot or [])
    numbers = _numbers_row(data, width)
    if numbers is not None:
        head.append(numbers)
    drafts = [_row(value, i, errors) for i, value in enumerate(data.dong or [])]
    columns = tuple(leaf.column for leaf in leaves)
    shape = Table(columns, (*head, *(
        Row(tuple(Cell("", width if d.fill else d.colspan, d.rowspan) for d in cells), kind)
        for kind, cells in drafts)), data.co_chu)
    placed, problems = place_cells(shape)
    offset = len(head)
    for problem in problems:
        index = problem.row - offset
        draft = drafts[index][1][problem.cell] if problem.cell < len(drafts[index][1]) else None
        if problem.code == "table_span_past_end" and draft is not None and draft.fill:
            continue  # a group row's last cell: "the rest of the row"
        loc: tuple = ("dong", index)
        if problem.code != "table_row_too_long":
            loc = (*loc, problem.cell)
        params = dict(problem.params)
        if "other_row" in params:
            params["other_row"] -= offset
        errors.append(_detail(problem.code, loc, None, row=index + 1, cell=problem.cell + 1, **params))
    rows: list[list[Cell]] = [list(row.cells) for row in head] + [[] for _ in drafts]
    for item in placed:
        if item.row < offset:
            continue
        draft = drafts[item.row - offset][1][item.index]
        cell = item.cell
        text = _text(draft.value, leaves[item.column])
        rows[item.row].append(Cell(text, cell.colspan, cell.rowspan, draft.bold, draft.italic,
                                   draft.align))
    kinds = [row.kind for row in head] + [kind for kind, _ in drafts]
    table = Table(columns, tuple(Row(tuple(cells), kind) for cells, kind in zip(rows, kinds)),
                  data.co_chu)
    return table, errors


# --------------------------------------------------------------------------------------------
# Conversion

def to_table(data: TableInput, base: Path | None = None, *, field: str = "bang") -> Table:
    """The document table of a validated table block. ``base`` is the folder of the form, for
    ``tu_tep``; problems reading the workbook raise :class:`ValidationFailed` with issues located
    at their cells (``field`` names the block in those issues)."""
    if data.tu_tep is None:
        table, errors = _build(data, _leaves(data.cot or []))
        if errors:  # only when the input skipped validation (model_construct)
            raise ValueError(f"invalid table: {errors}")
        return table
    path = Path(data.tu_tep)
    if not path.is_absolute():
        path = (base or Path(".")) / path
    try:
        table = read_range(path, data.trang, data.vung, 1 if data.dong_tieu_de is None else data.dong_tieu_de,
                           data.cot_so)
    except ValidationFailed as exc:
        raise ValidationFailed([_with_field(issue, field) for issue in exc.issues]) from exc
    rows = list(table.rows)
    if isinstance(data.danh_so_cot, list) and len(data.danh_so_cot) != len(table.columns):
        name = f"{field}.danh_so_cot" if field else "danh_so_cot"
        raise ValidationFailed([Issue("table_numbers_count", name, None, None,
                                      {"count": len(data.danh_so_cot), "columns": len(table.columns)})])
    numbers = _numbers_row(data, len(table.columns))
    if numbers is not None:
        position = table.header_count
        if position and rows[position - 1].kind == "numbers":
            rows[position - 1] = numbers
        else:
            rows.insert(position, numbers)
    return Table(table.columns, tuple(rows), data.co_chu)


def _with_field(issue: Issue, field: str) -> Issue:
    if issue.field:
        return issue
    name = {"file_not_found": "tu_tep", "file_is_directory": "tu_tep", "sheet_xls_legacy": "tu_tep",
            "sheet_format_unknown": "tu_tep", "sheet_unreadable": "tu_tep", "sheet_not_found": "trang",
            "table_range_invalid": "vung", "table_range_too_large": "vung",
            "table_range_empty": "vung", "table_header_rows": "dong_tieu_de",
            "table_column_unknown": "cot_so"}.get(issue.code, "tu_tep")
    return dataclasses.replace(issue, field=f"{field}.{name}" if field else name)


def table_warnings(data: TableInput, available_twips: int, *, field: str = "bang") -> list[Issue]:
    """Warnings for a valid table block on a page ``available_twips`` wide: widths that add up to
    more than the page and are narrowed."""
    if data.cot is None:
        return []
    total = sum(leaf.column.width_cm or 0 for leaf in _leaves(data.cot))
    available = available_twips / TWIPS_PER_CM
    if total > available + 0.005:
        return [Issue("table_too_wide_scaled", f"{field}.cot" if field else "cot", None, None,
                      {"width": _cm(total), "available": _cm(round(available, 1))}, severity="warning")]
    return []
