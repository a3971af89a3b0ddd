"""Body tables: the document table (generator.document.table) and the YAML table block
(generator.table_form) — merged headers, repeated header rows, widths, numbers, validation."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pydantic import BaseModel, ValidationError

from generator.document.table import (
    Cell, Column, Row, Table, column_widths, numeric_text, shape_problems, table_element, table_text,
)
from generator.sources import load_form
from generator.table_form import MESSAGES, TableInput, table_warnings, to_table, typed_number

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "tables"
VALIDATOR = ROOT.parent / "shared" / "tools" / "ooxml" / "ooxml_validate.py"
WIDTH = 9354  # A4 portrait less ND30's 30 mm and 15 mm margins, in twips


class Form(BaseModel):
    """A document model with a table block, as the document model will hold it."""

    bang: TableInput


def form_table(name: str) -> Table:
    return to_table(TableInput.model_validate(load_form(DATA / name).data["bang"]))


def table_from(yaml_text: str) -> Table:
    return to_table(Form.model_validate(_yaml(yaml_text)).bang)


def _yaml(text: str):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(text)


# --------------------------------------------------------------------------------------------
# Reading the produced XML

def trs(tbl) -> list:
    return tbl.findall(qn("w:tr"))


def tcs(tr) -> list:
    return tr.findall(qn("w:tc"))


def span(tc) -> int:
    element = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return 1 if element is None else int(element.get(qn("w:val")))


def vmerge(tc) -> str | None:
    """'restart', 'continue' or None."""
    element = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    if element is None:
        return None
    return element.get(qn("w:val")) or "continue"


def text(tc) -> str:
    """A cell's text: ``w:br`` as a line break, ``w:tab`` as a tab."""
    parts = []
    for element in tc.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
        parts.append(element.text or "" if element.tag == qn("w:t") else
                     "\n" if element.tag == qn("w:br") else "\t")
    return "".join(parts)


def layout(tbl) -> list[list[tuple[int, int, str | None, str]]]:
    """Per row: (first grid column, span, vMerge, text) of each cell."""
    result = []
    for tr in trs(tbl):
        column, row = 0, []
        for tc in tcs(tr):
            row.append((column, span(tc), vmerge(tc), text(tc)))
            column += span(tc)
        result.append(row)
    return result


def cell_at(tbl, row: int, column: int):
    tr = trs(tbl)[row]
    start = 0
    for tc in tcs(tr):
        if start == column:
            return tc
        start += span(tc)
    raise AssertionError(f"no cell starts at row {row}, column {column}")


def style(tc) -> str:
    return tc.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val"))


def bold_runs(tc) -> bool:
    runs = tc.findall(f"{qn('w:p')}/{qn('w:r')}")
    return bool(runs) and all(r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for r in runs)


def grid_widths(tbl) -> list[int]:
    return [int(g.get(qn("w:w"))) for g in tbl.find(qn("w:tblGrid"))]


# --------------------------------------------------------------------------------------------
# Merged headers

def test_a_leaf_column_without_children_spans_all_header_rows():
    tbl = table_element(form_table("phu-luc-thong-ke.yaml"), WIDTH)
    rows = layout(tbl)
    for column, title in ((0, "STT"), (1, "Chỉ tiêu"), (2, "Đơn vị tính"), (6, "Ghi chú")):
        assert (column, 1, "restart", title) in rows[0]
        assert (column, 1, "continue", "") in rows[1]
        assert (column, 1, "continue", "") in rows[2]
        assert all(cell[0] != column or cell[2] is None for cell in rows[3])  # numbers row


def test_a_column_group_spans_its_sub_columns_over_three_header_rows():
    tbl = table_element(form_table("phu-luc-thong-ke.yaml"), WIDTH)
    rows = layout(tbl)
    assert (3, 3, None, "Năm 2024") in rows[0]
    assert (3, 1, "restart", "Kế hoạch") in rows[1]
    assert (4, 2, None, "Thực hiện") in rows[1]
    assert (3, 1, "continue", "") in rows[2]
    assert [c for c in rows[2] if c[2] is None] == [(4, 1, None, "Số lượng"), (5, 1, None, "Tỷ lệ (%)")]
    assert [c[3] for c in rows[3]] == ["A", "B", "C", "1", "2", "3", "4"]


def test_the_merged_header_of_the_price_report_spans_the_three_number_columns():
    tbl = table_element(form_table("gia-thi-truong.yaml"), WIDTH)
    rows = layout(tbl)
    assert rows[0] == [(0, 1, "restart", "NHÓM HÀNG"), (1, 3, None, "Chỉ số giá tháng 7 năm 2024 (%)")]
    assert rows[1][0] == (0, 1, "continue", "")
    assert rows[2][1][3] == "120,23"


@pytest.mark.parametrize("name", ["phu-luc-thong-ke.yaml", "gia-thi-truong.yaml", "phu-luc-nhiem-vu.yaml"])
def test_every_row_covers_the_whole_grid(name):
    tbl = table_element(form_table(name), WIDTH)
    n = len(grid_widths(tbl))
    for tr in trs(tbl):
        assert sum(span(tc) for tc in tcs(tr)) == n


def test_header_and_numbers_rows_repeat_on_every_page_and_no_row_splits():
    tbl = table_element(form_table("phu-luc-thong-ke.yaml"), WIDTH)
    header = [tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for tr in trs(tbl)]
    assert header == [True] * 4 + [False] * (len(header) - 4)
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in trs(tbl))


def test_header_cells_are_centred_vertically_in_the_header_style():
    tbl = table_element(form_table("phu-luc-thong-ke.yaml"), WIDTH)
    for tr in trs(tbl)[:3]:
        for tc in tcs(tr):
            assert tc.find(f"{qn('w:tcPr')}/{qn('w:vAlign')}").get(qn("w:val")) == "center"
            if vmerge(tc) != "continue":
                assert style(tc) == "VBBangTieuDe"


# --------------------------------------------------------------------------------------------
# Cells merged in the body

MERGED_BODY = """
bang:
  cot: [Đơn vị, Nội dung, Kế hoạch, Thực hiện]
  dong:
    - [{noi_dung: Đơn vị A, gop_dong: 2}, Việc 1, "1", "2"]
    - [Việc 2, "3", "4"]
    - [{noi_dung: Cả hai cột, gop_cot: 2, gop_dong: 2}, "5", "6"]
    - ["7", "8"]
    - [Đơn vị B, Việc 3]
"""


def test_a_cell_spanning_rows_has_a_continue_cell_in_each_covered_row():
    tbl = table_element(table_from(MERGED_BODY), WIDTH)
    rows = layout(tbl)
    assert rows[1][0] == (0, 1, "restart", "Đơn vị A")
    assert rows[2][0] == (0, 1, "continue", "")
    assert [c[3] for c in rows[2]] == ["", "Việc 2", "3", "4"]
    assert rows[3][0] == (0, 2, "restart", "Cả hai cột")
    assert rows[4][0] == (0, 2, "continue", "")
    assert [c[3] for c in rows[4]] == ["", "7", "8"]
    assert [c[3] for c in rows[5]] == ["Đơn vị B", "Việc 3", "", ""]  # a short row is padded


def test_a_cell_spanning_rows_is_centred_vertically():
    tbl = table_element(table_from(MERGED_BODY), WIDTH)
    tc = cell_at(tbl, 1, 0)
    assert tc.find(f"{qn('w:tcPr')}/{qn('w:vAlign')}").get(qn("w:val")) == "center"


def test_the_cell_width_of_a_merged_cell_is_the_sum_of_its_grid_columns():
    tbl = table_element(table_from(MERGED_BODY), WIDTH)
    widths = grid_widths(tbl)
    tc = cell_at(tbl, 3, 0)
    assert int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w"))) == widths[0] + widths[1]


# --------------------------------------------------------------------------------------------
# Group, subtotal and total rows

ROWS = """
bang:
  cot: [{ten: STT, canh: giua}, Họ và tên, {ten: Số tiền (đồng), kieu: so}]
  dong:
    - nhom: I. TẬP THỂ
    - [1, Phòng Quản lý đầu tư, 2820000]
    - cong: ["", Cộng, 2820000]
    - nhom: [II, CÁ NHÂN]
    - [1, Nguyễn Văn An, 1410000]
    - tong: [{noi_dung: TỔNG CỘNG, gop_cot: 2}, 4230000]
"""


def test_a_group_row_is_one_bold_cell_across_the_table():
    tbl = table_element(table_from(ROWS), WIDTH)
    rows = layout(tbl)
    assert rows[1] == [(0, 3, None, "I. TẬP THỂ")]
    assert bold_runs(cell_at(tbl, 1, 0))
    assert style(cell_at(tbl, 1, 0)) == "VBBang"  # across columns of mixed alignment: left


def test_a_group_row_with_a_number_spans_the_rest_after_it():
    tbl = table_element(table_from(ROWS), WIDTH)
    assert layout(tbl)[4] == [(0, 1, None, "II"), (1, 2, None, "CÁ NHÂN")]
    assert style(cell_at(tbl, 4, 0)) == "VBBangGiua"
    assert bold_runs(cell_at(tbl, 4, 0)) and bold_runs(cell_at(tbl, 4, 1))


def test_subtotal_and_total_rows_are_bold_with_their_amounts_right_aligned():
    tbl = table_element(table_from(ROWS), WIDTH)
    subtotal, total = layout(tbl)[3], layout(tbl)[6]
    assert [c[3] for c in subtotal] == ["", "Cộng", "2.820.000"]
    assert total == [(0, 2, None, "TỔNG CỘNG"), (2, 1, None, "4.230.000")]
    assert bold_runs(cell_at(tbl, 3, 1)) and bold_runs(cell_at(tbl, 6, 2))
    assert style(cell_at(tbl, 6, 2)) == "VBBangSo"
    assert style(cell_at(tbl, 6, 0)) == "VBBangGiua"  # a total's label across columns is centred


def test_data_rows_are_not_bold():
    tbl = table_element(table_from(ROWS), WIDTH)
    assert not any(bold_runs(tc) for tc in tcs(trs(tbl)[2]))


@pytest.mark.parametrize("align, style_id", [
    ("left", "VBBang"), ("right", "VBBangSo"), ("center", "VBBangGiua"),
], ids=["left", "right", "centre"])
def test_a_cell_takes_the_paragraph_style_of_its_alignment(align, style_id):
    table = Table((Column(), Column()), (Row((Cell("A"), Cell("B")), "header"),
                                         Row((Cell("x", align=align), Cell("y")))))
    tbl = table_element(table, WIDTH)
    assert style(cell_at(tbl, 1, 0)) == style_id
    assert style(cell_at(tbl, 1, 1)) == "VBBang"


def test_an_explicit_bold_or_italic_cell_keeps_its_emphasis():
    table = table_from("""
bang:
  cot: [A, B]
  dong:
    - [{noi_dung: đậm, dam: true}, {noi_dung: nghiêng, nghieng: true, canh: phai}]
""")
    tbl = table_element(table, WIDTH)
    assert bold_runs(cell_at(tbl, 1, 0))
    assert cell_at(tbl, 1, 1).find(f".//{qn('w:i')}") is not None
    assert style(cell_at(tbl, 1, 1)) == "VBBangSo"


def test_a_font_size_other_than_the_styles_goes_on_every_run():
    table = table_from("bang:\n  cot: [A]\n  co_chu: 12\n  dong: [[x]]\n")
    tbl = table_element(table, WIDTH)
    sizes = {sz.get(qn("w:val")) for sz in tbl.iter(qn("w:sz"))}
    assert sizes == {"24"}
    default = table_element(table_from("bang:\n  cot: [A]\n  dong: [[x]]\n"), WIDTH)
    assert next(default.iter(qn("w:sz")), None) is None


# --------------------------------------------------------------------------------------------
# Text

def test_a_line_break_in_a_cell_is_a_w_br_in_one_paragraph():
    tbl = table_element(form_table("phu-luc-thong-ke.yaml"), WIDTH)
    tc = cell_at(tbl, 6, 1)
    paragraphs = tc.findall(qn("w:p"))
    assert len(paragraphs) == 1
    assert [child.tag for child in paragraphs[0].find(qn("w:r"))] == [qn("w:t"), qn("w:br"), qn("w:t")]
    assert text(tc) == "Giá trị sản xuất\nnông nghiệp"
    assert all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
               for t in tc.iter(qn("w:t")))


_XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=[
    *(chr(c) for c in range(32) if c not in (9, 10, 13)), "\ufffe", "\uffff"]), max_size=40)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.lists(_XML_TEXT, min_size=1, max_size=4), min_size=1, max_size=4),
       header=_XML_TEXT, kind=st.sampled_from(["data", "group", "subtotal", "total", "numbers"]))
def test_any_text_in_any_cell_comes_out_of_the_table_unchanged(texts, header, kind):
    width = max(len(row) for row in texts)
    table = Table(tuple(Column() for _ in range(width)),
                  (Row((Cell(header, colspan=width),), "header"),
                   *(Row(tuple(Cell(t) for t in row), kind) for row in texts)))
    tbl = etree.fromstring(etree.tostring(table_element(table, WIDTH)))  # through the serialiser
    result = table_text(tbl)
    assert result[0] == [header]
    for row, produced in zip(texts, result[1:]):
        assert produced == [*row, *[""] * (width - len(row))]


# --------------------------------------------------------------------------------------------
# Numbers

@pytest.mark.parametrize("value, expected", [
    (1410000, "1.410.000"), (-1410000, "-1.410.000"), (0, "0"), (999, "999"), (1000, "1.000"),
    (912.5, "912,5"), (1234.5, "1.234,5"), (0.1 + 0.2, "0,3"), (100.0, "100,0"), (-0.5, "-0,5"),
    (Decimal("912.50"), "912,50"), (Decimal("1E+3"), "1.000"), (None, ""),
    ("1.410.000", "1.410.000"), ("12,5%", "12,5%"), ("1410000", "1410000"), (" x ", " x "),
], ids=lambda v: repr(v))
def test_numbers_are_written_the_vietnamese_way_and_text_is_kept_exactly(value, expected):
    assert numeric_text(value) == expected


@pytest.mark.parametrize("value, places, expected", [
    (108.04, 1, "108,0"), (84, 1, "84,0"), (Decimal("2.345"), 2, "2,35"), (1410000, 0, "1.410.000"),
])
def test_numbers_are_rounded_to_the_columns_decimals(value, places, expected):
    assert numeric_text(value, places) == expected


@pytest.mark.parametrize("value", [True, float("nan"), float("inf"), Decimal("NaN"), object()],
                         ids=["bool", "nan", "inf", "decimal-nan", "object"])
def test_a_value_that_is_not_a_number_is_refused(value):
    with pytest.raises((TypeError, ValueError)):
        numeric_text(value)


@pytest.mark.parametrize("typed, expected", [
    ("1410000", 1410000), ("-5", -5), ("912.5", Decimal("912.5")), ("108.04", Decimal("108.04")),
    ("0.1234", Decimal("0.1234")), ("0.125", Decimal("0.125")), ("1234.567", Decimal("1234.567")),
    ("-2.500", None), ("1.410", None), ("1.410.000", None), ("12,5%", None), ("007", None),
    ("1e3", None), ("", None), ("x", None),
])
def test_a_number_typed_in_a_form_is_read_only_when_unambiguous(typed, expected):
    assert typed_number(typed) == expected


def test_numbers_in_a_number_column_are_formatted_and_text_is_kept_as_typed():
    table = table_from("""
bang:
  cot: [Năm, {ten: Số tiền, kieu: so}, {ten: Tỷ lệ, kieu: so, so_le: 2}]
  dong:
    - [2024, 1410000, 912.5]
    - ["2025", "1.410.000", "12,5%"]
    - [x, "1.410", "-"]
""")
    texts = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert texts == [["2024", "1.410.000", "912,50"], ["2025", "1.410.000", "12,5%"], ["x", "1.410", "-"]]
    assert [c.align for c in table.columns] == ["left", "right", "right"]


def test_numbers_from_a_program_are_formatted_in_number_columns():
    data = TableInput(cot=[{"ten": "A"}, {"ten": "B", "kieu": "so"}],
                      dong=[[2024, 1410000], [1.5, Decimal("912.5")]])
    texts = [[c.text for c in row.cells] for row in to_table(data).rows[1:]]
    assert texts == [["2024", "1.410.000"], ["1,5", "912,5"]]


def test_column_number_row_counts_the_leaf_columns():
    table = form_table("gia-thi-truong.yaml")
    assert table.header_count == 2
    numbered = table_from("bang:\n  cot: [A, {ten: B, cot: [C, D]}]\n  danh_so_cot: true\n  dong: [[x]]\n")
    assert numbered.rows[2].kind == "numbers"
    assert [c.text for c in numbered.rows[2].cells] == ["(1)", "(2)", "(3)"]
    assert numbered.header_count == 3


def test_a_stt_column_is_centred_and_others_take_their_kind():
    table = table_from("bang:\n  cot: [STT, Tên, {ten: Tiền, kieu: so}, {ten: X, canh: giữa}]\n"
                       "  dong: [[1, a, 2, 3]]\n")
    assert [c.align for c in table.columns] == ["center", "left", "right", "center"]


# --------------------------------------------------------------------------------------------
# Column widths

@pytest.mark.parametrize("name", ["phu-luc-thong-ke.yaml", "gia-thi-truong.yaml", "phu-luc-nhiem-vu.yaml"])
@pytest.mark.parametrize("available", [WIDTH, 14286, 5000], ids=["portrait", "landscape", "narrow"])
def test_column_widths_add_up_to_the_available_width(name, available):
    table = form_table(name)
    widths = column_widths(table, available)
    assert sum(widths) == available
    tbl = table_element(table, available)
    assert grid_widths(tbl) == widths
    assert tbl.find(f"{qn('w:tblPr')}/{qn('w:tblW')}").get(qn("w:w")) == str(available)


def test_given_widths_are_kept_and_the_rest_is_shared():
    table = form_table("phu-luc-nhiem-vu.yaml")  # TT is 1.1 cm
    widths = column_widths(table, WIDTH)
    assert widths[0] == round(1.1 * 1440 / 2.54)
    assert sum(widths) == WIDTH


def test_widths_all_given_that_fit_are_used_as_they_are():
    table = Table((Column(width_cm=2), Column(width_cm=5)), (Row((Cell("a"), Cell("b"))),))
    assert column_widths(table, WIDTH) == [1134, 2835]


def test_widths_all_given_that_do_not_fit_are_narrowed_in_proportion():
    table = Table((Column(width_cm=10), Column(width_cm=20)), (Row((Cell("a"), Cell("b"))),))
    widths = column_widths(table, WIDTH)
    assert sum(widths) == WIDTH
    assert abs(widths[1] - 2 * widths[0]) <= 2


def test_no_column_is_narrower_than_its_longest_word_when_the_words_fit():
    from generator.document.table import _measure, CELL_MARGIN_TWIPS

    table = form_table("phu-luc-nhiem-vu.yaml")
    widths = column_widths(table, WIDTH)
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if cell.colspan == 1 and index < len(widths) and row.kind == "data":
                word, _ = _measure(cell.text, table.font_size, False)
                assert widths[index] >= word + 2 * CELL_MARGIN_TWIPS


def test_a_column_of_long_text_gets_the_room_and_short_numbers_stay_narrow():
    table = table_from("""
bang:
  cot: [STT, Nội dung, {ten: Số, kieu: so}]
  dong:
    - - 1
      - Triển khai thực hiện khi có sửa đổi hoặc ban hành mới Quyết định thay thế Quyết định
        số 118/2008/QĐ-TTg của Thủ tướng Chính phủ
      - 5
""")
    stt, content, number = column_widths(table, WIDTH)
    assert content > 3 * max(stt, number)
    assert stt < 1000 and number < 1000


def test_a_spanning_header_does_not_widen_one_column_alone():
    wide = "Chỉ số giá tháng 7 năm 2024 so với cùng kỳ năm trước (%)"
    table = Table((Column(), Column(), Column()), (
        Row((Cell("Tên", rowspan=2), Cell(wide, colspan=2)), "header"),
        Row((Cell("A"), Cell("B")), "header"),
        Row((Cell("Một dòng khá dài của cột đầu tiên"), Cell("1"), Cell("2"))),
    ))
    _, first, second = column_widths(table, WIDTH)
    assert abs(first - second) <= 1


def test_words_longer_than_the_page_are_narrowed_together():
    table = Table(tuple(Column() for _ in range(3)), (Row(tuple(Cell("x" * 80) for _ in range(3))),))
    widths = column_widths(table, WIDTH)
    assert sum(widths) == WIDTH and max(widths) - min(widths) <= 1


# --------------------------------------------------------------------------------------------
# Schema order and validity

_TBLPR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
                "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"]
_TCPR_ORDER = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark"]


def _local(element) -> str:
    return etree.QName(element).localname


def test_table_and_cell_properties_follow_the_schema_order():
    tbl = table_element(table_from(MERGED_BODY), WIDTH)
    tblPr = [_local(e) for e in tbl.find(qn("w:tblPr"))]
    assert tblPr == sorted(tblPr, key=_TBLPR_ORDER.index)
    assert tbl.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}").get(qn("w:val")) == "VBBangLuoi"
    assert tbl.find(f"{qn('w:tblPr')}/{qn('w:tblLayout')}").get(qn("w:type")) == "fixed"
    assert tbl.find(f"{qn('w:tblPr')}/{qn('w:jc')}").get(qn("w:val")) == "center"
    assert [_local(e) for e in tbl][:2] == ["tblPr", "tblGrid"]
    for tc in tbl.iter(qn("w:tc")):
        names = [_local(e) for e in tc.find(qn("w:tcPr"))]
        assert names == sorted(names, key=_TCPR_ORDER.index)
        assert _local(tc[-1]) == "p"


def _docx_with(tables: list[Table], path: Path, width: int = WIDTH) -> Path:
    templates = sorted((ROOT / "templates").glob("*.docx"))
    template = next((t for t in templates
                     if b"VBBangLuoi" in zipfile.ZipFile(t).read("word/styles.xml")), None)
    document = Document(str(template)) if template is not None else Document()
    body = document.element.body
    end = body.find(qn("w:sectPr"))
    for table in tables:
        end.addprevious(table_element(table, width))
        end.addprevious(body.makeelement(qn("w:p"), {}))
    document.save(str(path))
    return path


def validate_docx(tables: list[Table], tmp_path: Path, name: str = "bang.docx") -> None:
    """Write the tables into a .docx and validate it against the ISO 29500 schemas."""
    if not VALIDATOR.exists():
        pytest.skip("the OOXML schema validator is not installed")
    path = _docx_with(tables, tmp_path / name)
    result = subprocess.run([sys.executable, str(VALIDATOR), "--word", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_table_shape_is_valid_wordprocessingml(tmp_path):
    tables = [form_table(name) for name in
              ("phu-luc-thong-ke.yaml", "gia-thi-truong.yaml", "phu-luc-nhiem-vu.yaml")]
    tables += [table_from(MERGED_BODY), table_from(ROWS),
               table_from("bang:\n  cot: [A, B]\n  co_chu: 11.5\n  dong: [[\"a\\tb\", \"c\\nd\"]]\n")]
    validate_docx(tables, tmp_path)


# --------------------------------------------------------------------------------------------
# The form: validation

def _errors(yaml_text: str, context: dict | None = None) -> list[tuple[str, tuple, dict]]:
    with pytest.raises(ValidationError) as caught:
        Form.model_validate(_yaml(yaml_text), context=context)
    return [(e["type"], e["loc"], e.get("ctx") or {}) for e in caught.value.errors()]


COLUMNS = "bang:\n  cot: [STT, Tên, {ten: Số, kieu: so}]\n"

INVALID = [
    ("row-too-long", COLUMNS + "  dong:\n    - [1, a, 2]\n    - [2, b, 3, 4]\n",
     "table_row_too_long", ("bang", "dong", 1), {"row": 2, "count": 4, "columns": 3}),
    ("span-past-end", COLUMNS + "  dong:\n    - [1, {noi_dung: a, gop_cot: 3}]\n",
     "table_span_past_end", ("bang", "dong", 0, 1), {"row": 1, "start": 2, "span": 3, "columns": 3}),
    ("past-end-beside-a-merge", COLUMNS + "  dong:\n    - [{noi_dung: a, gop_dong: 2}, b, c]\n"
                          "    - [{noi_dung: d, gop_cot: 3}]\n",
     "table_span_past_end", ("bang", "dong", 1, 0), {"row": 2}),
    ("overlap-below", COLUMNS + "  dong:\n    - [x, {noi_dung: a, gop_dong: 2}, c]\n"
                                "    - [{noi_dung: d, gop_cot: 2}]\n",
     "table_span_overlap", ("bang", "dong", 1, 0), {"row": 2, "column": 2, "other_row": 1}),
    ("rowspan-past-end", COLUMNS + "  dong:\n    - [{noi_dung: a, gop_dong: 3}, b, c]\n    - [d, e]\n",
     "table_rowspan_past_end", ("bang", "dong", 0, 0), {"row": 1, "span": 3, "rows": 2}),
    ("align-unknown", "bang:\n  cot: [{ten: A, canh: giuaa}]\n  dong: [[x]]\n",
     "table_align_unknown", ("bang", "cot", 0, "canh"), {"allowed": "trai, giua, phai"}),
    ("cell-align-unknown", "bang:\n  cot: [A]\n  dong: [[{noi_dung: x, canh: up}]]\n",
     "table_align_unknown", ("bang", "dong", 0, 0, "canh"), {}),
    ("no-rows", "bang:\n  cot: [A]\n  dong: []\n", "table_empty", ("bang", "dong"), {}),
    ("rows-missing", "bang:\n  cot: [A]\n", "table_empty", ("bang",), {}),
    ("no-columns", "bang:\n  dong: [[x]]\n", "table_columns_missing", ("bang",), {}),
    ("numbers-count", "bang:\n  cot: [A, B]\n  danh_so_cot: [1]\n  dong: [[x]]\n",
     "table_numbers_count", ("bang", "danh_so_cot"), {"count": 1, "columns": 2}),
    ("row-shape", COLUMNS + "  dong:\n    - 1, a, 2\n", "table_row_shape", ("bang", "dong", 0), {"row": 1}),
    ("row-two-keys", COLUMNS + "  dong:\n    - {nhom: a, tong: b}\n", "table_row_shape",
     ("bang", "dong", 0), {"row": 1}),
    ("nested-list", COLUMNS + "  dong:\n    - [1, [a, b]]\n", "table_cell_value", ("bang", "dong", 0, 1),
     {"row": 1}),
    ("span-zero", COLUMNS + "  dong:\n    - [{noi_dung: a, gop_cot: 0}]\n", "greater_than_equal",
     ("bang", "dong", 0, 0, "gop_cot"), {"ge": 1}),
    ("cell-key", COLUMNS + "  dong:\n    - [{noidung: a}]\n", "extra_forbidden",
     ("bang", "dong", 0, 0, "noidung"), {}),
    ("too-wide", "bang:\n  cot: [{ten: A, rong: 20}, {ten: B, rong: 10}]\n  dong: [[x]]\n",
     "table_too_wide", ("bang", "cot"), {"width": "30", "available": "25,2"}),
    ("width-on-group", "bang:\n  cot: [{ten: A, rong: 3, cot: [B, C]}]\n  dong: [[x]]\n",
     "table_width_on_group", ("bang", "cot", 0), {"name": "A"}),
    ("file-and-rows", "bang:\n  tu_tep: a.xlsx\n  dong: [[x]]\n", "table_source_conflict",
     ("bang", "dong"), {"keys": "dong"}),
    ("range-without-file", "bang:\n  cot: [A]\n  vung: A1:B2\n  dong: [[x]]\n", "table_key_needs_file",
     ("bang", "vung"), {"key": "vung"}),
    ("range-invalid", "bang:\n  tu_tep: a.xlsx\n  vung: A1-B2\n", "table_range_invalid",
     ("bang", "vung"), {}),
    ("font-size", "bang:\n  cot: [A]\n  co_chu: 20\n  dong: [[x]]\n", "less_than_equal",
     ("bang", "co_chu"), {"le": 14}),
]


@pytest.mark.parametrize("yaml_text, code, loc, ctx", [case[1:] for case in INVALID],
                         ids=[case[0] for case in INVALID])
def test_a_table_block_that_breaks_a_rule_is_reported_at_its_place(yaml_text, code, loc, ctx):
    errors = _errors(yaml_text)
    matching = [e for e in errors if e[0] == code and e[1] == loc]
    assert matching, errors
    assert ctx.items() <= matching[0][2].items()


def test_every_problem_of_a_table_is_reported_at_once():
    errors = _errors(COLUMNS + "  danh_so_cot: [1]\n  dong:\n    - [1, a, 2, 3]\n"
                               "    - [{noi_dung: a, gop_dong: 9}]\n    - 7\n")
    assert {code for code, _, _ in errors} == {
        "table_numbers_count", "table_row_too_long", "table_rowspan_past_end", "table_row_shape"}


def test_the_page_width_can_come_from_the_document():
    yaml_text = "bang:\n  cot: [{ten: A, rong: 10}, {ten: B, rong: 8}]\n  dong: [[x]]\n"
    Form.model_validate(_yaml(yaml_text))  # fits a landscape page
    errors = _errors(yaml_text, context={"text_width_cm": 16.5})
    assert errors[0][0] == "table_too_wide" and errors[0][2]["available"] == "16,5"


def test_widths_wider_than_the_page_are_a_warning_where_they_fit_landscape():
    data = Form.model_validate(_yaml("bang:\n  cot: [{ten: A, rong: 10}, {ten: B, rong: 8}]\n"
                                     "  dong: [[x]]\n")).bang
    [warning] = table_warnings(data, WIDTH)
    assert warning.code == "table_too_wide_scaled" and warning.severity == "warning"
    assert warning.params == {"width": "18", "available": "16,5"}
    assert table_warnings(data, 14286) == []


def test_an_error_is_located_at_the_line_of_its_row(tmp_path):
    from generator.forms import issues_from

    form = tmp_path / "bang.yaml"
    form.write_text(COLUMNS + "  dong:\n    - [1, a, 2]\n    - [2, b, 3, 4]\n", encoding="utf-8")
    located = load_form(form)
    with pytest.raises(ValidationError) as caught:
        Form.model_validate(located.data)
    [issue] = issues_from(caught.value, located)
    assert (issue.code, issue.field, issue.origin.line) == ("table_row_too_long", "bang.dong.1", 5)


def _all_codes_raised() -> set[str]:
    codes = set()
    for case in INVALID:
        with pytest.raises(ValidationError) as caught:
            Form.model_validate(_yaml(case[1]))
        codes |= {e["type"] for e in caught.value.errors()}
    return codes


def test_every_table_message_has_both_languages_and_all_its_placeholders():
    from generator import messages

    catalogue = {**messages.MESSAGES, **MESSAGES}
    for code in _all_codes_raised():
        assert code in catalogue, code
        assert set(catalogue[code]) >= {"vi", "en"}, code
    for case in INVALID:
        with pytest.raises(ValidationError) as caught:
            Form.model_validate(_yaml(case[1]))
        for error in caught.value.errors():
            params = {"value": error.get("input"), "field": str(error["loc"][-1]), **(error.get("ctx") or {})}
            for lang in ("vi", "en"):
                sentence = catalogue[error["type"]][lang].format(**params)
                assert "{" not in sentence.replace("{{", ""), (error["type"], sentence)


def test_the_table_block_fits_inside_a_document_model_and_its_json_schema():
    schema = Form.model_json_schema()
    json.dumps(schema)
    bang = schema["$defs"]["TableInput"]["properties"]
    assert {"cot", "dong", "danh_so_cot", "co_chu", "tu_tep", "trang", "vung", "dong_tieu_de",
            "cot_so"} <= set(bang)
    assert bang["dong"]["type"] == "array"


@pytest.mark.parametrize("make", [
    lambda: Cell("x", colspan=0), lambda: Cell("x", align="justify"), lambda: Column(align="middle"),
    lambda: Column(width_cm=0), lambda: Row((), kind="footer"),
], ids=["span-zero", "cell-align", "column-align", "width-zero", "row-kind"])
def test_a_table_part_that_cannot_be_drawn_is_refused(make):
    with pytest.raises(ValueError):
        make()


def test_shape_problems_are_empty_for_a_valid_table():
    assert shape_problems(form_table("phu-luc-thong-ke.yaml")) == []
