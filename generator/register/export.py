"""The register book as an .xlsx file, in the layout of ND30 Phụ lục IV (sổ đăng ký văn bản đi).

One sheet per series (shared, per type, secret, copies): each series is its own book. Columns
(8) Ngày chuyển and (9) Ký nhận are left empty for the Văn thư to fill in on paper.

Every text cell is safe to open (OWASP "CSV injection"): what clerks typed — a recipient line
``=HYPERLINK(…)``, a void reason ``@SUM(…)``, ``- Lưu: VT`` — must never become a live formula.

- In the .xlsx book a text cell is written as a string (``t="inlineStr"``), never as a formula,
  and a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return also
  gets Excel's *quote prefix* flag: the flag Excel itself sets when one types a leading
  apostrophe. The cell shows exactly the text (``- Lưu: VT`` stays readable, no quote in sight)
  and stays text when a clerk edits it and presses Enter.
- A .csv file has no cell types, so such a cell is written with a leading apostrophe
  (``'- Lưu: VT``), as OWASP recommends, and every cell is quoted. The apostrophe is visible, but
  it is the only way a spreadsheet opening the file will not evaluate the cell.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..packaging import atomic_write
from ..vn import format_number, short_date
from .entry import RESERVED, VOIDED, Entry
from .policy import COPY_SERIES, LETTER_SERIES, SECRET_SERIES, SHARED_SERIES

TITLE = "SỔ ĐĂNG KÝ VĂN BẢN ĐI"

# ND30 Phụ lục IV, sổ đăng ký văn bản đi: heading and width (characters) of each column.
COLUMNS = (
    ("Số, ký hiệu văn bản", 14),
    ("Ngày tháng văn bản", 12),
    ("Tên loại và trích yếu nội dung văn bản", 48),
    ("Người ký", 20),
    ("Nơi nhận văn bản", 30),
    ("Đơn vị, người nhận bản lưu", 18),
    ("Số lượng bản", 8),
    ("Ngày chuyển", 11),
    ("Ký nhận", 11),
    ("Ghi chú", 24),
)
HEADER_ROW = 4

_SHEET_NAMES = {SHARED_SERIES: "Sổ chung", SECRET_SERIES: "Văn bản mật", COPY_SERIES: "Bản sao",
                LETTER_SERIES: "Công văn"}
_FONT = "Times New Roman"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


# OWASP CSV injection: a cell starting with one of these is read as a formula by a spreadsheet
# (the full-width forms too, which some locales of Excel convert).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_safe(value: object) -> object:
    """A CSV cell that no spreadsheet evaluates: formula-like text gets a leading apostrophe."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def _set(cell, value: object) -> None:
    """Write ``value`` into an xlsx cell; text is always a string, never a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True


def _note(entry: Entry) -> str:
    if entry.status == VOIDED:
        return f"Hủy số: {entry.reason}"
    if entry.status == RESERVED:
        return "Đang giữ số, chưa cấp"
    return ""


def _row(entry: Entry) -> list[object]:
    return [entry.ky_hieu_full, short_date(entry.date), entry.title, entry.signer,
            "\n".join(entry.recipients), entry.archive, entry.copies, None, None, _note(entry)]


def _sheet(book: Workbook, series: str, entries: list[Entry], year: int, agency: str | None) -> None:
    sheet = book.create_sheet(_SHEET_NAMES.get(series, series)[:31])
    last = get_column_letter(len(COLUMNS))
    sheet.merge_cells(f"A1:{last}1")
    _set(sheet["A1"], f"{TITLE} NĂM {year}")
    sheet["A1"].font = Font(name=_FONT, size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    subtitle = [agency] if agency else []
    if series != SHARED_SERIES:
        subtitle.append(f"Sổ: {_SHEET_NAMES.get(series, series)}")
    if entries:
        subtitle.append(f"Từ số {format_number(entries[0].number)} đến số {format_number(entries[-1].number)}, "
                        f"từ ngày {short_date(min(e.date for e in entries))} "
                        f"đến ngày {short_date(max(e.date for e in entries))}")
    sheet.merge_cells(f"A2:{last}2")
    _set(sheet["A2"], " — ".join(subtitle))
    sheet["A2"].font = Font(name=_FONT, size=12, italic=True)
    sheet["A2"].alignment = Alignment(horizontal="center")
    for index, (heading, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        for row, value in ((HEADER_ROW, heading), (HEADER_ROW + 1, f"({index})")):
            cell = sheet.cell(row=row, column=index)
            _set(cell, value)
            cell.font = Font(name=_FONT, size=12, bold=row == HEADER_ROW, italic=row != HEADER_ROW)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = _BOX
    for offset, entry in enumerate(entries, start=HEADER_ROW + 2):
        for index, value in enumerate(_row(entry), start=1):
            cell = sheet.cell(row=offset, column=index)
            _set(cell, value)
            cell.font = Font(name=_FONT, size=12, strike=entry.status == VOIDED and index == 1)
            cell.alignment = Alignment(vertical="top", wrap_text=True,
                                       horizontal="center" if index in (1, 2, 7) else "left")
            cell.border = _BOX
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 2, column=1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def export_xlsx(entries: list[Entry], path: Path, year: int, *, agency: str | None = None,
                force: bool = False) -> Path:
    """Write the book atomically; never replaces an existing file without ``force``."""
    book = Workbook()
    book.remove(book.active)
    by_series: dict[str, list[Entry]] = {}
    for entry in sorted(entries, key=lambda e: (e.series, e.number)):
        by_series.setdefault(entry.series, []).append(entry)
    if not by_series:
        by_series[SHARED_SERIES] = []
    order = sorted(by_series, key=lambda s: (s == SECRET_SERIES, s == COPY_SERIES, s != SHARED_SERIES, s))
    for series in order:
        _sheet(book, series, by_series[series], year, agency)
    book.properties.title = f"{TITLE} NĂM {year}"
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(path, buffer.getvalue(), force=force)
    return path


CSV_SERIES = "Sổ"


def export_csv(entries: list[Entry], path: Path, year: int, *, force: bool = False) -> Path:
    """The same book as one CSV table (UTF-8 with BOM so Excel reads the Vietnamese), a first
    column naming the series; formula-like text is neutralised (:func:`csv_safe`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([CSV_SERIES, *(heading for heading, _ in COLUMNS)])
    for entry in sorted(entries, key=lambda e: (e.series, e.number)):
        if entry.year != year:
            continue
        row = [_SHEET_NAMES.get(entry.series, entry.series), *_row(entry)]
        writer.writerow([csv_safe("" if value is None else value) for value in row])
    atomic_write(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"), force=force)
    return path
