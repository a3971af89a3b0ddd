"""Tables from an Excel range (generator.table_excel, ``tu_tep`` in the table block): merged cells
stay merged, numbers follow the cell's format the Vietnamese way, problems are located at their
cells."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from generator.document.table import table_element
from generator.errors import ValidationFailed
from generator.table_excel import MAX_ROWS, excel_number, parse_range, read_range
from generator.table_form import TableInput, to_table
from tests.test_tables import WIDTH, bold_runs, cell_at, layout, style, validate_docx

SHEET = "Phụ lục 1"


def annex_workbook(path: Path, *, total_formula: str | None = None, cached: str | None = None) -> Path:
    """A clerk's annex: a title, two header rows with merged cells (STT, Đơn vị and Ghi chú down,
    'Năm 2024' across), an 'Đơn vị' merged over two rows, number formats, a date, a bold total."""
    wb = Workbook()
    wb.active.title = "Ghi chú"
    ws = wb.create_sheet(SHEET)
    wb.active = 1
    ws["A1"] = "PHỤ LỤC: KẾT QUẢ THỰC HIỆN NĂM 2024"
    ws["A3"], ws["B3"], ws["C3"], ws["F3"] = "STT", "Đơn vị", "Năm 2024", "Ghi chú"
    ws["C4"], ws["D4"], ws["E4"] = "Kế hoạch", "Thực hiện", "Tỷ lệ"
    for merged in ("A3:A4", "B3:B4", "C3:E3", "F3:F4", "B5:B6"):
        ws.merge_cells(merged)
    data = [(1, "Phường Hồng Bàng", 1410000, 1200000.5, 0.851, dt.datetime(2024, 7, 1)),
            (2, None, 5000, 4500.25, 0.9, "x"),
            (3, "Xã Thủy Nguyên\nThôn 2", 12, 13, None, None)]
    for number, values in enumerate(data, start=5):
        for column, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(number, column, value)
        ws.cell(number, 3).number_format = "#,##0"
        ws.cell(number, 4).number_format = "#,##0.0"
        ws.cell(number, 5).number_format = "0.0%"
    ws["B8"] = "TỔNG CỘNG"
    ws["B8"].font = Font(bold=True)
    ws["E7"].alignment = Alignment(horizontal="center")
    if total_formula is not None:
        ws["C8"] = total_formula
        ws["C8"].number_format = "#,##0"
    else:
        ws["C8"] = 1415012
        ws["C8"].number_format = "#,##0"
    ws["C8"].font = Font(bold=True)
    wb.save(path)
    if cached is not None:  # what Excel writes when it saves: the formula and its result
        _set_cached_value(path, "C8", cached)
    return path


def _set_cached_value(path: Path, cell: str, value: str) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    for name, content in parts.items():
        if name.startswith("xl/worksheets/") and f'r="{cell}"'.encode() in content:
            kind = b' t="e"' if value.startswith("#") else b""
            parts[name] = re.sub(rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*(?:/>|></v>)'.encode(),
                                 b'<c r="' + cell.encode() + rb'"\1' + kind + rb"><f>\2</f><v>"
                                 + value.encode() + b"</v>", content)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)


@pytest.fixture
def annex(tmp_path) -> Path:
    return annex_workbook(tmp_path / "phu-luc.xlsx")


def issues_of(call) -> list:
    with pytest.raises(ValidationFailed) as caught:
        call()
    return caught.value.issues


# --------------------------------------------------------------------------------------------
# Merged cells

def test_merged_header_cells_come_out_merged(annex):
    table = read_range(annex, SHEET, "A3:F8", header_rows=2)
    assert [r.kind for r in table.rows] == ["header", "header", "data", "data", "data", "data"]
    assert [(c.text, c.colspan, c.rowspan) for c in table.rows[0].cells] == [
        ("STT", 1, 2), ("Đơn vị", 1, 2), ("Năm 2024", 3, 1), ("Ghi chú", 1, 2)]
    assert [c.text for c in table.rows[1].cells] == ["Kế hoạch", "Thực hiện", "Tỷ lệ"]
    tbl = table_element(table, WIDTH)
    rows = layout(tbl)
    assert rows[0][2] == (2, 3, None, "Năm 2024")
    assert rows[1][:2] == [(0, 1, "continue", ""), (1, 1, "continue", "")]
    assert [tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for tr in tbl.findall(qn("w:tr"))] \
        == [True, True, False, False, False, False]


def test_a_merged_unit_column_comes_out_as_a_cell_spanning_rows(annex):
    tbl = table_element(read_range(annex, SHEET, "A3:F8", header_rows=2), WIDTH)
    rows = layout(tbl)
    assert rows[2][1] == (1, 1, "restart", "Phường Hồng Bàng")
    assert rows[3][1] == (1, 1, "continue", "")
    assert [c[3] for c in rows[3]] == ["2", "", "5.000", "4.500,3", "90,0%", "x"]


def test_a_merge_reaching_outside_the_range_is_cut_at_its_edge(annex):
    table = read_range(annex, SHEET, "A4:F6", header_rows=1)
    # A3:A4 and B3:B4 start above the range: their part inside is an empty header cell
    assert [(c.text, c.colspan, c.rowspan) for c in table.rows[0].cells] == [
        ("", 1, 1), ("", 1, 1), ("Kế hoạch", 1, 1), ("Thực hiện", 1, 1), ("Tỷ lệ", 1, 1), ("", 1, 1)]
    assert (table.rows[1].cells[1].text, table.rows[1].cells[1].rowspan) == ("Phường Hồng Bàng", 2)


def test_the_used_range_of_the_active_sheet_is_read_by_default(annex):
    table = read_range(annex, None, None, header_rows=3)
    assert len(table.columns) == 6
    assert table.rows[0].cells[0].text == "PHỤ LỤC: KẾT QUẢ THỰC HIỆN NĂM 2024"
    assert len(table.rows) == 8


# --------------------------------------------------------------------------------------------
# Values

def test_numbers_follow_the_cells_format_the_vietnamese_way(annex):
    table = read_range(annex, SHEET, "A3:F8", header_rows=2)
    first = [c.text for c in table.rows[2].cells]
    assert first == ["1", "Phường Hồng Bàng", "1.410.000", "1.200.000,5", "85,1%", "01/07/2024"]
    assert [c.text for c in table.rows[5].cells][:3] == ["", "TỔNG CỘNG", "1.415.012"]


@pytest.mark.parametrize("value, number_format, expected", [
    (1410000, "#,##0", "1.410.000"),
    (912.5, "0.0", "912,5"),
    (912.54, "0.0", "912,5"),
    (0.125, "0.0%", "12,5%"),
    (0.5, "0%", "50%"),
    (1410000, "General", "1.410.000"),
    (2024, "General", "2024"),
    (0.1 + 0.2, "General", "0,3"),
    (1234.5, "#,##0.0#", "1.234,5"),
    (1234.567, "#,##0.0#", "1.234,57"),
    (-1234.5, "#,##0.00", "-1.234,50"),
    (-1234.5, "#,##0.00;(#,##0.00)", "(1.234,50)"),
    (-5, "#,##0;[Red]#,##0", "-5"),
    (1410000, '#,##0 "đồng"', "1.410.000 đồng"),
    (1410000, "0", "1410000"),
    (0, '_(* #,##0_);_(* (#,##0);_(* "-"??_);_(@_)', "-"),
    (1234567, "#,##0,,", "1"),
], ids=lambda v: str(v))
def test_an_excel_number_format_is_read_the_vietnamese_way(value, number_format, expected):
    assert excel_number(value, number_format) == expected


def test_a_line_break_in_a_cell_stays_a_line_break_and_text_is_nfc(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "Tên", "Ghi chú"
    ws["A2"] = unicodedata.normalize("NFD", "Xã Thủy Nguyên\nThôn 2")
    ws["B2"] = "  1.410.000 đồng; 12,5%  "
    wb.save(tmp_path / "t.xlsx")
    table = read_range(tmp_path / "t.xlsx", None, None)
    assert [c.text for c in table.rows[1].cells] == ["Xã Thủy Nguyên\nThôn 2", "1.410.000 đồng; 12,5%"]
    tbl = table_element(table, WIDTH)
    assert cell_at(tbl, 1, 0).find(f".//{qn('w:br')}") is not None


def test_bold_cells_in_excel_are_bold_in_word(annex):
    tbl = table_element(read_range(annex, SHEET, "A3:F8", header_rows=2), WIDTH)
    assert bold_runs(cell_at(tbl, 5, 1)) and bold_runs(cell_at(tbl, 5, 2))
    assert not bold_runs(cell_at(tbl, 2, 1))


def test_number_columns_are_right_aligned_and_the_stt_column_centred(annex):
    table = read_range(annex, SHEET, "A3:F8", header_rows=2)
    assert [c.align for c in table.columns] == ["center", "left", "right", "right", "right", "left"]
    tbl = table_element(table, WIDTH)
    assert style(cell_at(tbl, 2, 2)) == "VBBangSo"
    assert style(cell_at(tbl, 4, 4)) == "VBBangGiua"  # the cell's own alignment in Excel


@pytest.mark.parametrize("columns", [["C", "d"], [3, "4"]], ids=["letters", "positions"])
def test_number_columns_can_be_named(annex, columns):
    table = read_range(annex, SHEET, "A3:F8", header_rows=2, numeric_columns=columns)
    assert [c.numeric for c in table.columns] == [False, False, True, True, False, False]


def test_a_header_row_of_column_numbers_is_the_numbers_row(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Tên", "Số tiền"])
    ws.append(["(1)", "(2)", "(3)"])
    ws.append([1, "a", 1000000])
    wb.save(tmp_path / "n.xlsx")
    table = read_range(tmp_path / "n.xlsx", None, None, header_rows=2)
    assert [r.kind for r in table.rows] == ["header", "numbers", "data"]
    assert table.header_count == 2


# --------------------------------------------------------------------------------------------
# Formulas

def test_a_formula_gives_its_saved_result(tmp_path):
    path = annex_workbook(tmp_path / "f.xlsx", total_formula="=SUM(C5:C7)", cached="1415012")
    table = read_range(path, SHEET, "A3:F8", header_rows=2)
    assert table.rows[5].cells[2].text == "1.415.012"


def test_a_formula_without_a_saved_result_is_reported_at_its_cell(tmp_path):
    path = annex_workbook(tmp_path / "f.xlsx", total_formula="=SUM(C5:C7)")
    [issue] = issues_of(lambda: read_range(path, SHEET, "A3:F8", header_rows=2))
    assert issue.code == "formula_no_value"
    assert str(issue.origin).endswith(f"{SHEET}!C8")
    assert issue.params == {"formula": "=SUM(C5:C7)"}


def test_a_formula_whose_result_is_an_error_is_reported_with_the_formula(tmp_path):
    path = annex_workbook(tmp_path / "f.xlsx", total_formula="=C5/0", cached="#DIV/0!")
    [issue] = issues_of(lambda: read_range(path, SHEET, "A3:F8", header_rows=2))
    assert (issue.code, issue.origin.cell, issue.value) == ("formula_error_value", "C8", "#DIV/0!")
    assert issue.params == {"formula": "=C5/0"}


def test_an_error_value_is_reported_at_its_cell(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["A", "B"])
    ws["B2"] = "#DIV/0!"
    wb.save(tmp_path / "e.xlsx")
    [issue] = issues_of(lambda: read_range(tmp_path / "e.xlsx", None, None))
    assert (issue.code, issue.origin.cell, issue.value) == ("table_cell_error", "B2", "#DIV/0!")


# --------------------------------------------------------------------------------------------
# Problems

def test_a_range_over_the_limit_is_refused_with_its_place(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "x"
    ws.cell(MAX_ROWS + 1, 2, "y")
    wb.save(tmp_path / "big.xlsx")
    [issue] = issues_of(lambda: read_range(tmp_path / "big.xlsx", None, None))
    assert issue.code == "table_range_too_large"
    assert issue.origin.cell == f"A1:B{MAX_ROWS + 1}"
    assert issue.params["rows"] == MAX_ROWS + 1


def test_an_unknown_sheet_is_reported_with_the_sheets_there_are(annex):
    [issue] = issues_of(lambda: read_range(annex, "Phu luc 2", None))
    assert issue.code == "sheet_not_found"
    assert issue.params["allowed"] == f"Ghi chú, {SHEET}"


def test_a_sheet_name_is_matched_without_regard_to_case(annex):
    assert read_range(annex, SHEET.upper(), "A3:B4").rows[0].cells[0].text == "STT"


@pytest.mark.parametrize("text, expected", [
    ("A3:F60", (1, 3, 6, 60)), ("b2", (2, 2, 2, 2)), ("$A$3:$F$60", (1, 3, 6, 60)),
    ("F60:A3", (1, 3, 6, 60)), ("A0:B2", None), ("A1-B2", None), ("Sheet1!A1:B2", None), ("", None),
])
def test_a_range_is_read_as_excel_writes_it(text, expected):
    assert parse_range(text) == expected


@pytest.mark.parametrize("call, code", [
    (lambda p: read_range(p, SHEET, "A1-B2"), "table_range_invalid"),
    (lambda p: read_range(p, SHEET, "A3:F4", header_rows=3), "table_header_rows"),
    (lambda p: read_range(p, SHEET, "A3:F8", header_rows=2, numeric_columns=["Z"]), "table_column_unknown"),
    (lambda p: read_range(p.with_name("khong-co.xlsx"), None, None), "file_not_found"),
    (lambda p: read_range(p.with_suffix(".xls"), None, None), "file_not_found"),
], ids=["range", "header-rows", "number-column", "missing-file", "missing-xls"])
def test_a_problem_with_the_workbook_is_a_located_issue(annex, call, code):
    [issue] = issues_of(lambda: call(annex))
    assert issue.code == code


def test_an_old_xls_file_is_refused_with_how_to_save_it(tmp_path):
    path = tmp_path / "cu.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    [issue] = issues_of(lambda: read_range(path, None, None))
    assert issue.code == "sheet_xls_legacy"


def test_a_broken_file_is_reported_as_unreadable(tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"not a zip")
    [issue] = issues_of(lambda: read_range(path, None, None))
    assert issue.code == "sheet_unreadable"


# --------------------------------------------------------------------------------------------
# Through the table block of a form

def test_the_table_block_reads_the_workbook_next_to_the_form(annex):
    data = TableInput.model_validate({"tu_tep": annex.name, "trang": SHEET, "vung": "A3:F8",
                                      "dong_tieu_de": "2", "danh_so_cot": "true", "co_chu": "12"})
    table = to_table(data, annex.parent)
    assert [r.kind for r in table.rows[:3]] == ["header", "header", "numbers"]
    assert [c.text for c in table.rows[2].cells] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert table.font_size == 12


def test_a_workbook_problem_names_the_field_of_the_block(annex):
    data = TableInput.model_validate({"tu_tep": "khong-co.xlsx"})
    [issue] = issues_of(lambda: to_table(data, annex.parent))
    assert (issue.code, issue.field) == ("file_not_found", "bang.tu_tep")
    data = TableInput.model_validate({"tu_tep": annex.name, "trang": "Khác"})
    [issue] = issues_of(lambda: to_table(data, annex.parent))
    assert (issue.code, issue.field) == ("sheet_not_found", "bang.trang")


def test_column_numbers_for_an_excel_table_must_match_its_columns(annex):
    data = TableInput.model_validate({"tu_tep": annex.name, "vung": "A3:F8", "dong_tieu_de": 2,
                                      "danh_so_cot": ["A", "B"]})
    [issue] = issues_of(lambda: to_table(data, annex.parent))
    assert (issue.code, issue.params) == ("table_numbers_count", {"count": 2, "columns": 6})


def test_a_table_from_excel_is_valid_wordprocessingml(annex, tmp_path):
    tables = [read_range(annex, SHEET, "A3:F8", header_rows=2),
              read_range(annex, SHEET, "A4:F6", header_rows=1),
              read_range(annex, None, None, header_rows=3)]
    validate_docx(tables, tmp_path, "excel.docx")


def test_every_code_the_excel_reader_raises_has_a_message_in_both_languages():
    from generator import messages
    from generator.table_form import MESSAGES

    catalogue = {**messages.MESSAGES, **MESSAGES}
    source = (Path(__file__).resolve().parent.parent / "generator" / "table_excel.py").read_text("utf-8")
    codes = set(re.findall(r'reader\.(?:fail|issue)\("([a-z_]+)"', source))
    assert {"formula_no_value", "table_range_too_large", "sheet_not_found"} <= codes
    for code in codes:
        assert {"vi", "en"} <= set(catalogue.get(code, {})), code
