"""Read the list of awardees (danh sách khen thưởng) from a clerk's .xlsx or .csv, and write a starter.

Headers are matched the way clerks write them (:data:`COLUMNS`, case, accents, spaces and
punctuation ignored). Every row is checked before anything is returned; each problem becomes an
:class:`~generator.errors.Issue` located at its cell as Excel shows it (``Danh sách!D7``). Only a
file that cannot be read at all raises :class:`~generator.errors.InputError`.

.xlsx files are streamed (``read_only=True, data_only=True``): formulas give their saved results.
A sheet that holds formulas is read a second time in formula mode, in step, so that a formula with
no saved result is reported instead of being taken for an empty cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Generator
from typing import Any, Callable
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .confine import check_readable
from .bonus import (
    RECIPIENT_LABELS, BonusConfig, BonusError, amount_explained, base_salary_on, bonus_amount, fold_key,
)
from pydantic import ValidationError

from .awardee import Awardee
from .errors import InputError, Issue, Origin
from .xlsx import stream_layout, unescape
from .vn import LanguageError, clean_text, format_amount, short_date, to_unicode

__all__ = ["COLUMNS", "REQUIRED", "AwardeeRow", "RowOrigins", "SheetResult", "read_awardees"]

_AWARDEE_FIELDS = ("stt", "ho_ten", "chuc_vu", "don_vi", "doi_tuong", "hinh_thuc", "thanh_tich", "so_tien",
                   "ghi_chu")
_UNREADABLE = object()  # a cell already reported (control characters …)

# field -> header spellings clerks use; the first one is what the starter workbook writes.
COLUMNS: dict[str, tuple[str, ...]] = {
    "stt": ("STT", "TT", "Số TT", "Số thứ tự", "Số sổ vàng"),
    "ho_ten": ("Họ và tên / Tên tập thể", "Họ và tên", "Họ tên", "Tên tập thể", "Tên",
               "Tên tập thể / Họ và tên", "Họ tên / Tên tập thể", "Tên cá nhân, tập thể",
               "Tên tập thể, cá nhân", "Tên đơn vị, cá nhân"),
    "chuc_vu": ("Chức vụ", "Chức danh", "Chức vụ, chức danh"),
    # the combined list column of the decision ("Chức vụ, đơn vị công tác") is read as don_vi
    "don_vi": ("Đơn vị", "Đơn vị công tác", "Cơ quan, đơn vị", "Cơ quan", "Đơn vị chủ quản",
               "Chức vụ, đơn vị công tác", "Chức vụ, đơn vị", "Địa chỉ"),
    "doi_tuong": ("Đối tượng", "Loại đối tượng", "Đối tượng khen thưởng", "Loại",
                  "Cá nhân / Tập thể", "Cá nhân, tập thể, hộ gia đình"),
    "hinh_thuc": ("Hình thức", "Hình thức khen thưởng", "Danh hiệu", "Hình thức / Danh hiệu",
                  "Danh hiệu / Hình thức", "Danh hiệu thi đua"),
    "thanh_tich": ("Thành tích", "Thành tích đạt được", "Nội dung thành tích", "Tóm tắt thành tích"),
    "so_tien": ("Số tiền (đồng)", "Số tiền", "Số tiền thưởng", "Số tiền thưởng (đồng)",
                "Tiền thưởng", "Tiền thưởng (đồng)", "Mức thưởng", "Thành tiền"),
    "ghi_chu": ("Ghi chú",),
}
REQUIRED = ("stt", "ho_ten", "doi_tuong", "hinh_thuc")
_BY_KEY = {fold_key(spelling): name for name, spellings in COLUMNS.items() for spelling in spellings}
assert len(_BY_KEY) == sum(map(len, COLUMNS.values())), "a header spelling is listed twice"
_MULTILINE = {"thanh_tich", "ghi_chu"}
_HEADER_SCAN = 20  # rows searched for the header row (titles may stand above it)
XLSX_SUFFIXES = (".xlsx", ".xlsm")


class RowOrigins(Mapping):
    """The cell of each field of one row (``Danh sách!D7``), made on demand.

    A sheet of thousands of rows would otherwise hold one :class:`Origin` per cell; the column map
    is shared by every row."""

    __slots__ = ("_file", "_sheet", "_row", "_columns")

    def __init__(self, file: str, sheet: str, row: int, columns: dict[str, int]) -> None:
        self._file, self._sheet, self._row, self._columns = file, sheet, row, columns

    def __getitem__(self, name: str) -> Origin:
        column = self._columns[name]
        return Origin(self._file, sheet=self._sheet, cell=f"{get_column_letter(column + 1)}{self._row}")

    def __iter__(self):
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


@dataclass
class AwardeeRow:
    """One checked row of the list; ``origins`` gives each field's cell."""

    stt: int
    ho_ten: str
    chuc_vu: str | None
    don_vi: str | None
    doi_tuong: str  # one of generator.bonus.RECIPIENT_TYPES
    hinh_thuc: str  # canonical name from BonusConfig.hinh_thuc
    thanh_tich: str | None
    so_tien: int | None  # as typed; None when it is to be computed
    ghi_chu: str | None
    nhom: str | None
    row: int
    origins: Mapping[str, Origin] = field(default_factory=dict)


@dataclass
class SheetResult:
    """The rows that passed every check, every issue found, the sheet read and its columns.

    ``rows`` leaves out the rows that have an error; do not go on when :attr:`errors` is not empty.
    ``columns`` maps field names (and ``nhom``) to the headers as written in the sheet.
    """

    rows: list[AwardeeRow]
    issues: list[Issue]
    sheet: str
    columns: dict[str, str]

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if not issue.is_error]


_Row = tuple[int, tuple[Any, ...], tuple[Any, ...] | None]  # Excel row number, values, formulas
_Rows = Generator[_Row, None, None]
_ROW_FIELDS = (*COLUMNS, "nhom")


# --------------------------------------------------------------------------------------------
# Opening files

def _load(path: Path, *, data_only: bool):
    check_readable(path)
    try:
        return load_workbook(path, read_only=True, data_only=data_only)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, ParseError,
            EOFError) as exc:
        raise InputError("sheet_unreadable", path=str(path),
                         reason=f"{type(exc).__name__}: {exc}") from exc


def _header_score(values: tuple[Any, ...]) -> int:
    return len({_BY_KEY.get(fold_key(v)) for v in values if isinstance(v, str)} - {None})


def _choose_sheet(wb, path: Path, name: str | None):
    if name is not None:
        for ws in wb.worksheets:
            if fold_key(ws.title) == fold_key(name):
                return ws
        raise InputError("sheet_not_found", value=name, path=str(path),
                         allowed=", ".join(ws.title for ws in wb.worksheets))

    def score(ws) -> int:
        ws.reset_dimensions()  # some writers record wrong dimensions; read what is there
        rows = ws.iter_rows(min_row=1, max_row=_HEADER_SCAN, values_only=True)
        return max((_header_score(row) for row in rows), default=0)

    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"] or wb.worksheets
    return max(visible, key=score)  # the first of equal scores


_excel_unescape = unescape


@dataclass
class _Layout:
    """What the streaming reader does not give: hidden rows, merged ranges, hidden sheets."""

    hidden_rows: set[int] = field(default_factory=set)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    has_formula: bool = True  # read in step in formula mode (when unknown too)
    sheet_hidden: bool = False
    other_hidden: list[str] = field(default_factory=list)


def _layout(path: Path, wb, ws) -> _Layout:
    layout = _Layout(sheet_hidden=ws.sheet_state != "visible")
    part = getattr(ws, "_worksheet_path", None)
    if part is not None:
        with zipfile.ZipFile(path) as zf, zf.open(part) as fh:
            layout.hidden_rows, layout.merges, layout.has_formula = stream_layout(fh)
    for other in wb.worksheets:
        if other is not ws and other.sheet_state != "visible":
            other.reset_dimensions()
            rows = other.iter_rows(min_row=1, max_row=_HEADER_SCAN, values_only=True)
            if max((_header_score(row) for row in rows), default=0) >= 2:
                layout.other_hidden.append(other.title)
    return layout


def _fill_merged(rows: "_Rows", merges: list[tuple[int, int, int, int]]) -> "_Rows":
    """A value merged down a block of rows (Đơn vị over five people) belongs to every row it
    covers: the first column of each range spanning several rows gets its top cell's value."""
    starts: dict[int, list[tuple[int, int]]] = {}
    for min_col, min_row, _max_col, max_row in merges:
        if max_row > min_row:
            starts.setdefault(min_row, []).append((min_col - 1, max_row))
    active: dict[int, tuple[Any, int]] = {}  # column -> (value, last row)
    for number, values, formulas in rows:
        for column, last in starts.get(number, ()):
            active[column] = (values[column] if column < len(values) else None, last)
        if active:
            filled = list(values)
            for column, (value, last) in list(active.items()):
                if number > last:
                    del active[column]
                    continue
                if column >= len(filled):
                    filled.extend([None] * (column + 1 - len(filled)))
                if filled[column] is None:
                    filled[column] = value
            values = tuple(filled)
        yield number, values, formulas



def _xlsx_table(path: Path, sheet: str | None) -> tuple[str, _Rows, _Layout]:
    wb = _load(path, data_only=True)
    try:
        ws = _choose_sheet(wb, path, sheet)
        layout = _layout(path, wb, ws)
        formulas_wb = _load(path, data_only=False) if layout.has_formula else None
    except BaseException:
        wb.close()
        raise

    def rows() -> _Rows:
        try:
            ws.reset_dimensions()
            formula_rows = None
            if formulas_wb is not None:
                formula_ws = formulas_wb[ws.title]
                formula_ws.reset_dimensions()
                formula_rows = formula_ws.iter_rows(min_row=1, values_only=True)
            for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), 1):
                values = tuple(_excel_unescape(v) if isinstance(v, str) else v for v in values)
                yield number, values, None if formula_rows is None else next(formula_rows, ())
        finally:
            wb.close()
            if formulas_wb is not None:
                formulas_wb.close()

    table = rows()
    return ws.title, (_fill_merged(table, layout.merges) if layout.merges else table), layout


def _csv_table(path: Path) -> tuple[str, _Rows, _Layout]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("file_not_utf8", path=str(path), position=exc.start) from exc
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=lambda d: len(next(csv.reader([first], delimiter=d), [])))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return path.stem, ((n, tuple(values), None) for n, values in enumerate(reader, 1)), _Layout()


def _open_table(path: Path, sheet: str | None) -> tuple[str, _Rows, _Layout]:
    if not path.exists():
        raise InputError("file_not_found", path=str(path))
    if path.is_dir():
        raise InputError("file_is_directory", path=str(path))
    suffix = path.suffix.lower()
    try:
        if suffix in XLSX_SUFFIXES:
            return _xlsx_table(path, sheet)
        if suffix == ".csv":
            return _csv_table(path)
    except OSError as exc:
        raise InputError("file_unreadable", path=str(path), reason=str(exc)) from exc
    if suffix == ".xls":
        raise InputError("sheet_xls_legacy", path=str(path))
    raise InputError("sheet_format_unknown", path=str(path), extension=suffix or "(none)")


def _find_header(table: _Rows) -> tuple[_Row | None, list[_Row]]:
    """The first row with two known headers (titles may stand above it), else the first non-blank
    row; also the rows read so far."""
    scanned: list[_Row] = []
    for item in table:
        scanned.append(item)
        if _header_score(item[1]) >= 2:
            return item, scanned
        if sum(not _blank_row(values) for _, values, _ in scanned) >= _HEADER_SCAN:
            break
    return next((item for item in scanned if not _blank_row(item[1])), None), scanned


# --------------------------------------------------------------------------------------------
# Cells and rows

def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _blank_row(values: tuple[Any, ...]) -> bool:
    return all(map(_blank, values))


def _as_text(value: Any, multiline: bool) -> str | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, dt.datetime):
        value = short_date(value.date())
    elif isinstance(value, dt.date):
        value = short_date(value)
    return None if value is None else clean_text(str(value), multiline=multiline) or None


def _stt(value: Any) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, str):
        text = value.strip().rstrip(".")
        value = int(text) if text.isdigit() else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _formula_text(cell: Any) -> str | None:
    """The formula of a cell read in formula mode (``'=A1+1'``), or None for a constant."""
    if isinstance(cell, str):
        return cell if cell.startswith("=") else None
    return getattr(cell, "text", None)  # ArrayFormula, DataTableFormula


# The column offices (and the starter workbook) use to split a list into decisions. Read without
# ``--group-by`` it is not "unknown": it is left out, with a warning only if it names two groups.
GROUP_COLUMN = "Quyết định"


class _Reader:
    """Checks the rows of one table against its header row; collects the issues."""

    def __init__(self, path: Path, sheet: str, config: BonusConfig, on: dt.date | None) -> None:
        self.file, self.sheet, self.config, self.on = str(path), sheet, config, on
        self.issues: list[Issue] = []
        self.error_count = 0
        self.columns: dict[str, int] = {}  # field (and "nhom") -> 0-based column
        self.seen_stt: dict[int, tuple[int, str]] = {}
        self.idle_group: tuple[int, int, str] | None = None  # (column, header row, text) of GROUP_COLUMN
        self.idle_values: set[str] = set()

    def origin(self, column: int, row: int) -> Origin:
        return Origin(self.file, sheet=self.sheet, cell=f"{get_column_letter(column + 1)}{row}")

    def issue(self, code: str, name: str, origin: Origin | None, value: Any = None,
              severity: str = "error", /, **params: Any) -> None:
        self.issues.append(Issue(code, name, origin, value, params, severity))
        self.error_count += severity == "error"

    def header(self, number: int, values: tuple[Any, ...], group_by: str | None) -> dict[str, str]:
        headers: dict[str, str] = {}
        group_key = fold_key(group_by) if group_by else None
        found, known = [], ", ".join(spellings[0] for spellings in COLUMNS.values())
        for column, value in enumerate(values):
            if _blank(value):
                continue
            text = " ".join(str(value).split())
            found.append(text)
            key = fold_key(text)
            name = _BY_KEY.get(key)
            if group_key is not None and (key == group_key or name and _BY_KEY.get(group_key) == name):
                self.columns["nhom"], headers["nhom"] = column, text
                if name is None:
                    continue
            if name is None and group_key is None and key == fold_key(GROUP_COLUMN):
                self.idle_group = (column, number, text)
            elif name is None:
                self.issue("sheet_column_unknown", "", self.origin(column, number), text, "warning",
                           allowed=known)
            elif name in self.columns:
                self.issue("sheet_column_duplicate", name, self.origin(column, number), text,
                           other=self.origin(self.columns[name], number).cell)
            else:
                self.columns[name], headers[name] = column, text
        if group_key is not None and "nhom" not in self.columns:
            self.issue("group_column_unknown", "nhom", self.origin(0, number), group_by,
                       allowed=", ".join(found))
        missing = [COLUMNS[name][0] for name in REQUIRED if name not in self.columns]
        if missing:
            self.issue("sheet_columns_missing", "", self.origin(0, number), None, row=number,
                       missing=", ".join(missing), found=", ".join(found) or "—", expected=known)
        return headers

    def skip(self, number: int, values: tuple[Any, ...]) -> bool:
        """Skip blank rows (an STT alone counts as blank) and, with a warning, rows that are not an
        awardee: no number in STT and neither Đối tượng nor Hình thức ("I. TẬP THỂ", "Tổng cộng")."""
        def cell(name: str) -> Any:
            column = self.columns[name]
            return values[column] if column < len(values) else None

        stt = self.columns["stt"]
        if all(_blank(v) for i, v in enumerate(values) if i != stt):
            return True
        if _stt(cell("stt")) is None and _blank(cell("doi_tuong")) and _blank(cell("hinh_thuc")):
            column = next(i for i, v in enumerate(values) if not _blank(v))
            shown = " ".join(" ".join(str(v).split()) for v in values if not _blank(v))[:80]
            self.issue("sheet_heading_row_skipped", "", self.origin(column, number), shown, "warning")
            return True
        return False

    def row(self, number: int, values: tuple[Any, ...], formulas: tuple[Any, ...] | None,
            ) -> AwardeeRow | None:
        before = self.error_count
        if self.idle_group is not None and self.idle_group[0] < len(values) and not _blank(values[self.idle_group[0]]):
            self.idle_values.add(" ".join(str(values[self.idle_group[0]]).split()))
        origins = RowOrigins(self.file, self.sheet, number, self.columns)
        data: dict[str, Any] = {}
        for name, column in self.columns.items():
            value = values[column] if column < len(values) else None
            formula = _formula_text(formulas[column]) if formulas and column < len(formulas) else None
            if formula and value is None:
                self.issue("formula_no_value", name, origins[name], None, formula=formula)
            elif formula and value in ERROR_CODES:
                self.issue("formula_error_value", name, origins[name], value, formula=formula)
            else:
                data[name] = self.value(name, value, origins[name])
        awardee = self.validated(data, origins) if self.error_count == before else None
        if awardee is not None:
            data.update(awardee.model_dump(include=set(_AWARDEE_FIELDS)))
        stt = _stt(data.get("stt"))  # a duplicate STT is reported even beside another problem
        if stt in self.seen_stt:
            other_row, other = self.seen_stt[stt]
            self.issue("sheet_stt_duplicate", "stt", origins["stt"], stt,
                       other_row=other_row, other=other)
        elif stt is not None:
            self.seen_stt[stt] = (number, origins["stt"].cell)
        if self.error_count > before:
            return None
        if self.on is not None and data.get("so_tien") is not None:
            self.compare_amount(data, origins["so_tien"])
        return AwardeeRow(**{name: data.get(name) for name in _ROW_FIELDS}, row=number, origins=origins)

    def value(self, name: str, value: Any, origin: Origin) -> Any:
        """The cell's value as the clerk typed it (text; numbers kept for STT and amounts), legacy
        encodings converted with a warning. Whether it is right is the ``Awardee`` model's rule."""
        if name in ("stt", "so_tien") and isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        try:
            text = _as_text(value, multiline=name in _MULTILINE)
        except LanguageError as exc:
            self.issue(exc.code, name, origin, value, **exc.params)
            return _UNREADABLE
        if text is not None:
            converted, encoding = to_unicode(text)
            if encoding is not None:
                self.issue("legacy_encoding_converted", name, origin, text, "warning",
                           encoding=encoding, converted=converted)
                text = converted
        return text

    def validated(self, data: dict[str, Any], origins: "RowOrigins") -> Awardee | None:
        """The row through the one ``Awardee`` model; its errors become issues at their cells."""
        given = {name: value for name, value in data.items() if name in _AWARDEE_FIELDS}
        for name in ("doi_tuong", "hinh_thuc", "ho_ten", "stt"):
            given.setdefault(name, None)  # a column left blank is "blank", not "not given"
        try:
            return Awardee.model_validate(given, context={"khen_thuong": self.config})
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                name = str(error["loc"][0]) if error["loc"] else "stt"
                params = dict(error.get("ctx") or {})
                if error["type"] == "recipient_type_missing" or error["type"] == "award_form_missing":
                    params.setdefault("allowed", ", ".join(self.config.hinh_thuc) if name == "hinh_thuc"
                                      else ", ".join(RECIPIENT_LABELS.values()))
                self.issue(error["type"], name, origins[name] if name in self.columns else None,
                           data.get(name), **params)
            return None

    def compare_amount(self, data: dict[str, Any], origin: Origin) -> None:
        form, kind, typed = data["hinh_thuc"], data["doi_tuong"], data["so_tien"]
        if bonus_amount(form, kind, self.on, self.config) != typed:
            self.issue("amount_differs_from_computed", "so_tien", origin, typed, "warning",
                       typed=format_amount(typed), **amount_explained(form, kind, self.on, self.config))


def read_awardees(path: str | Path, *, config: BonusConfig, group_by: str | None = None,
                  sheet: str | None = None, on: dt.date | None = None, skip_hidden: bool = False,
                  on_row: Callable[[AwardeeRow], None] | None = None) -> SheetResult:
    """Read and check every row of an awardee sheet (.xlsx/.xlsm or UTF-8 .csv).

    ``group_by`` names a column (header matched tolerantly) whose value goes to ``AwardeeRow.nhom``.
    ``sheet`` picks a worksheet; by default the visible sheet whose header row matches best.
    ``on`` (the decision date) turns on a warning for typed amounts that differ from the computed one.
    Cells merged down several rows give their value to each row; hidden rows are read with a
    warning naming them (``skip_hidden``: left out, still named); a hidden sheet read, or a hidden
    sheet that looks like a list and is not read, is a warning.
    ``on_row`` is given each accepted row as soon as it is read (a batch renders the first rows
    while the rest are read); the result still holds every row and every problem.
    Raises :class:`InputError` only when the file cannot be read.
    """
    path = Path(path)
    sheet_name, table, layout = _open_table(path, sheet)
    reader = _Reader(path, sheet_name, config, on)
    if layout.sheet_hidden:
        reader.issue("sheet_hidden_read", "", Origin(str(path), sheet=sheet_name), sheet_name, "warning",
                     sheet=sheet_name)
    for other in layout.other_hidden:
        reader.issue("sheet_hidden_not_read", "", Origin(str(path), sheet=other), other, "warning", sheet=other)
    rows: list[AwardeeRow] = []
    headers: dict[str, str] = {}
    if on is not None:
        try:
            base_salary_on(on, config)
        except BonusError as exc:
            reader.issue(exc.code, "ngay", None, None, **exc.params)
            reader.on = None
    try:
        header, scanned = _find_header(table)
        data_rows = 0
        hidden: list[int] = []
        if header is not None:
            headers = reader.header(header[0], header[1], group_by)
            if any(name not in reader.columns for name in REQUIRED):
                data_rows = -1  # the missing columns are the problem to report
            else:
                following = [item for item in scanned if item[0] > header[0]]
                for number, values, formulas in itertools.chain(following, table):
                    if not reader.skip(number, values):
                        if number in layout.hidden_rows:
                            hidden.append(number)
                            if skip_hidden:
                                continue
                        data_rows += 1
                        if (row := reader.row(number, values, formulas)) is not None:
                            rows.append(row)
                            if on_row is not None:
                                on_row(row)
            if hidden:
                shown = ", ".join(str(n) for n in hidden[:10]) + (" …" if len(hidden) > 10 else "")
                code = "sheet_rows_hidden_skipped" if skip_hidden else "sheet_rows_hidden_read"
                reader.issue(code, "", reader.origin(0, hidden[0]), None, "warning", rows=shown,
                             count=len(hidden), sheet=sheet_name)
        if reader.idle_group is not None and len(reader.idle_values) > 1:
            column, number, text = reader.idle_group
            reader.issue("group_column_not_used", "", reader.origin(column, number), text, "warning",
                         count=len(reader.idle_values))
        if data_rows == 0:
            reader.issue("sheet_empty", "", Origin(str(path), sheet=sheet_name), None, sheet=sheet_name)
    finally:
        table.close()
    return SheetResult(rows, reader.issues, sheet_name, headers)
