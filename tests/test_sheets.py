"""Reading the awardee sheet: headers as clerks write them, every row problem located at its cell."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator import sheets
from generator.bonus import DEFAULT_BONUS_CONFIG as CONFIG
from generator.errors import InputError
from generator.messages import MESSAGES, format_issue
from generator.sheets import COLUMNS, read_awardees
from generator.starter_workbook import write_starter_workbook

HEADER = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Đối tượng", "Hình thức", "Thành tích", "Số tiền",
          "Ghi chú"]
PERSON = [1, "Nguyễn Văn An", "Chuyên viên", "Phòng Quản lý đầu tư", "Cá nhân", "Giấy khen",
          "Đã có thành tích xuất sắc", None, None]
TEAM = [2, "Phòng Quản lý doanh nghiệp", None, "Ban Quản lý Khu kinh tế", "Tập thể", "Giấy khen",
        "Đã có thành tích xuất sắc", None, None]


def make_xlsx(tmp_path: Path, rows, *, header=HEADER, sheet="Danh sách", name="ds.xlsx") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if header is not None:
        ws.append(header)
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


def make_csv(tmp_path: Path, lines: list[str], *, bom: bool, name="danh-sach.csv") -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + "\r\n".join(lines).encode("utf-8"))
    return path


def patch_sheet_xml(path: Path, old: bytes, new: bytes) -> None:
    """Edit the first sheet's XML, e.g. to add the saved result Excel keeps for a formula."""
    with zipfile.ZipFile(path) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert old in parts[sheet]
    parts[sheet] = parts[sheet].replace(old, new)
    with zipfile.ZipFile(path, "w") as zout:
        for name, data in parts.items():
            zout.writestr(name, data)


def with_row(column: str, value, base=PERSON, stt=2):
    row = list(base)
    row[0] = stt
    row[HEADER.index(column)] = value
    return row


def only(result, code):
    found = [issue for issue in result.issues if issue.code == code]
    assert len(found) == 1, [(i.code, str(i.origin)) for i in result.issues]
    return found[0]


def assert_messages_render(result):
    for issue in result.issues:
        assert issue.code in MESSAGES, issue.code
        for lang in ("vi", "en"):
            assert "{" not in format_issue(issue, lang), format_issue(issue, lang)


# ---------------------------------------------------------------------------------- good sheets

def test_a_clean_sheet_gives_one_row_per_awardee_with_cell_origins(tmp_path):
    path = make_xlsx(tmp_path, [PERSON, TEAM])
    result = read_awardees(path, config=CONFIG)
    assert result.issues == [] and result.sheet == "Danh sách"
    first, second = result.rows
    assert (first.stt, first.ho_ten, first.doi_tuong, first.hinh_thuc, first.row) == (
        1, "Nguyễn Văn An", "ca-nhan", "Giấy khen", 2)
    assert (second.doi_tuong, second.chuc_vu, second.so_tien) == ("tap-the", None, None)
    assert str(second.origins["doi_tuong"]) == f"{path} Danh sách!E3"
    assert result.columns["ho_ten"] == "Họ và tên"


@pytest.mark.parametrize(
    "spellings",
    [
        ["stt", "HỌ VÀ TÊN", "chức vụ", "ĐƠN VỊ", "doi tuong", "HINH THUC", "thanh tich", "so tien",
         "GHI CHU"],
        ["  STT ", "Họ   và  tên", "Chức vụ", "Đơn vị công tác", "Đối tượng", "Hình thức khen thưởng",
         "Thành tích", "Số tiền (đồng)", "Ghi chú"],
        ["TT", "Họ và tên\n/ Tên tập thể", "Chức danh", "Cơ quan, đơn vị", "Đối Tượng", "Danh hiệu",
         "Thành tích đạt được", "Số tiền thưởng (đồng)", "Ghi chú"],
        [unicodedata.normalize("NFD", h) for h in HEADER],
    ],
    ids=["case-and-accents-dropped", "extra-spaces-and-variants", "line-break-and-synonyms", "nfd"],
)
def test_headers_match_whatever_their_case_accents_and_spaces(tmp_path, spellings):
    result = read_awardees(make_xlsx(tmp_path, [PERSON], header=spellings), config=CONFIG)
    assert result.issues == []
    assert set(result.columns) == set(COLUMNS)
    assert result.rows[0].ho_ten == "Nguyễn Văn An"


def test_every_header_spelling_in_the_table_is_recognised():
    for name, spellings in COLUMNS.items():
        for spelling in spellings:
            assert sheets._BY_KEY[sheets.fold_key(spelling)] == name


def test_a_title_above_the_header_row_is_skipped(tmp_path):
    rows = [["DANH SÁCH KHEN THƯỞNG"], [], HEADER, PERSON]
    path = make_xlsx(tmp_path, rows, header=None)
    result = read_awardees(path, config=CONFIG)
    assert result.issues == []
    assert result.rows[0].row == 4
    assert str(result.rows[0].origins["ho_ten"]).endswith("Danh sách!B4")


def test_only_the_required_columns_are_enough(tmp_path):
    header = ["STT", "Tên tập thể", "Đối tượng", "Hình thức"]
    result = read_awardees(make_xlsx(tmp_path, [[1, "Phòng A", "Tập thể", "Giấy khen"]], header=header),
                           config=CONFIG)
    assert result.issues == []
    assert result.rows[0].don_vi is None and result.rows[0].so_tien is None


def test_excel_number_cells_are_read_as_numbers_and_text(tmp_path):
    row = [1.0, "Nguyễn Văn An", 2025, "Phòng A", "Cá nhân", "Giấy khen", None, 710000.0, 3.5]
    result = read_awardees(make_xlsx(tmp_path, [row]), config=CONFIG)
    assert result.issues == []
    got = result.rows[0]
    assert (got.stt, got.chuc_vu, got.so_tien, got.ghi_chu) == (1, "2025", 710_000, "3.5")


@pytest.mark.parametrize("typed, expected", [("710.000", 710_000), ("710.000 đồng", 710_000),
                                             ("1410000", 1_410_000), (" 710 000 ", 710_000)],
                         ids=["dots", "with-dong", "plain", "spaces"])
def test_amounts_typed_as_text_are_read(tmp_path, typed, expected):
    result = read_awardees(make_xlsx(tmp_path, [with_row("Số tiền", typed, stt=1)]), config=CONFIG)
    assert result.issues == [] and result.rows[0].so_tien == expected


def test_blank_rows_are_skipped_and_reading_stops_at_the_end_of_data(tmp_path):
    rows = [PERSON, [None] * 9, ["", "  ", None], [3], TEAM, [], [None, None]]
    result = read_awardees(make_xlsx(tmp_path, rows), config=CONFIG)
    assert result.issues == []
    assert [row.row for row in result.rows] == [2, 6]


def test_a_total_row_is_skipped_with_a_warning(tmp_path):
    rows = [PERSON, [None, "Tổng cộng", None, None, None, None, None, 710000]]
    result = read_awardees(make_xlsx(tmp_path, rows), config=CONFIG)
    issue = only(result, "sheet_heading_row_skipped")
    assert issue.severity == "warning" and str(issue.origin).endswith("Danh sách!B3")
    assert len(result.rows) == 1


def test_a_formula_gives_its_saved_result(tmp_path):
    path = make_xlsx(tmp_path, [with_row("Số tiền", "=700000+10000", stt=1)])
    patch_sheet_xml(path, b"<f>700000+10000</f><v></v>", b"<f>700000+10000</f><v>710000</v>")
    result = read_awardees(path, config=CONFIG)
    assert result.issues == [] and result.rows[0].so_tien == 710_000


# ---------------------------------------------------------------------------------- row problems

ROW_PROBLEMS = [
    # (column, value typed on row 3, code, cell, severity)
    ("Họ và tên", None, "name_missing", "B3", "error"),
    ("Họ và tên", "   ", "name_missing", "B3", "error"),
    ("Hình thức", "Bằng khen", "award_form_unknown", "F3", "error"),
    ("Hình thức", None, "award_form_missing", "F3", "error"),
    ("Đối tượng", "Nhân viên", "recipient_type_unknown", "E3", "error"),
    ("Đối tượng", None, "recipient_type_missing", "E3", "error"),
    ("Hình thức", "Tập thể lao động tiên tiến", "award_not_for_recipient", "F3", "error"),
    ("Số tiền", "1,41 triệu", "amount_scale_word", "H3", "error"),
    ("Số tiền", "bảy trăm nghìn", "amount_unrecognized", "H3", "error"),
    ("Số tiền", "710.000,5", "amount_not_integer", "H3", "error"),
    ("Số tiền", -710000, "amount_not_positive", "H3", "error"),
    ("STT", "I", "stt_invalid", "A3", "error"),
    ("STT", 2.5, "stt_invalid", "A3", "error"),
    ("STT", 0, "stt_invalid", "A3", "error"),
    ("STT", None, "stt_missing", "A3", "error"),
    ("STT", 1, "sheet_stt_duplicate", "A3", "error"),
    ("Họ và tên", "Nguyễn_x0007_Bình", "control_char", "B3", "error"),
    ("Thành tích", "Có thành tích_x001B_ xuất sắc", "control_char", "G3", "error"),
    ("Họ và tên", "NguyÔn V¨n B×nh", "legacy_encoding_converted", "B3", "warning"),
    ("Số tiền", "=700000+10000", "formula_no_value", "H3", "error"),
]


@pytest.mark.parametrize(
    "column, value, code, cell, severity", ROW_PROBLEMS,
    ids=["name-missing", "name-blank", "form-unknown", "form-missing", "recipient-unknown",
         "recipient-missing", "form-not-for-recipient", "amount-scale-word", "amount-words",
         "amount-fraction", "amount-negative", "stt-roman", "stt-fraction", "stt-zero", "stt-missing",
         "stt-duplicate", "control-char-name", "control-char-achievement", "legacy-font",
         "formula-no-value"],
)
def test_a_row_problem_is_reported_at_its_cell(tmp_path, column, value, code, cell, severity):
    path = make_xlsx(tmp_path, [PERSON, with_row(column, value)])
    result = read_awardees(path, config=CONFIG)
    issue = only(result, code)
    assert str(issue.origin) == f"{path} Danh sách!{cell}"
    assert issue.severity == severity
    assert [i.code for i in result.issues] == [code]
    assert [row.row for row in result.rows] == ([2, 3] if severity == "warning" else [2])
    assert_messages_render(result)


def test_a_duplicate_stt_names_both_rows(tmp_path):
    path = make_xlsx(tmp_path, [PERSON, TEAM, with_row("STT", 1, stt=1)])
    issue = only(read_awardees(path, config=CONFIG), "sheet_stt_duplicate")
    assert str(issue.origin).endswith("Danh sách!A4")
    assert issue.params == {"other_row": 2, "other": "A2"}
    assert "dòng 2 (ô A2)" in format_issue(issue)


def test_legacy_font_text_is_converted(tmp_path):
    result = read_awardees(make_xlsx(tmp_path, [with_row("Họ và tên", "NguyÔn V¨n B×nh", stt=1)]),
                           config=CONFIG)
    assert result.rows[0].ho_ten == "Nguyễn Văn Bình"
    assert only(result, "legacy_encoding_converted").params["encoding"] == "tcvn3"


def test_the_recipient_type_and_form_may_be_typed_loosely(tmp_path):
    row = with_row("Đối tượng", "hộ", stt=1)
    row[HEADER.index("Hình thức")] = "GIAY KHEN"
    result = read_awardees(make_xlsx(tmp_path, [row]), config=CONFIG)
    assert result.issues == []
    assert (result.rows[0].doi_tuong, result.rows[0].hinh_thuc) == ("ho-gia-dinh", "Giấy khen")


def test_every_row_is_checked_before_returning(tmp_path):
    rows = [with_row("Họ và tên", None, stt=n) for n in range(1, 6)]
    result = read_awardees(make_xlsx(tmp_path, rows), config=CONFIG)
    assert [str(i.origin).rsplit("!", 1)[1] for i in result.errors] == ["B2", "B3", "B4", "B5", "B6"]
    assert result.rows == []


@pytest.mark.parametrize("typed, warned", [(710_000, False), (720_000, True), (None, False)],
                         ids=["same", "different", "blank"])
def test_a_typed_amount_wins_with_a_warning_when_it_differs(tmp_path, typed, warned):
    path = make_xlsx(tmp_path, [with_row("Số tiền", typed, stt=1)])
    result = read_awardees(path, config=CONFIG, on=dt.date(2025, 3, 1))
    assert result.rows[0].so_tien == typed
    assert [i.code for i in result.issues] == (["amount_differs_from_computed"] if warned else [])
    if warned:
        issue = result.issues[0]
        assert issue.severity == "warning" and str(issue.origin).endswith("Danh sách!H2")
        assert issue.params["computed"] == "710.000" and issue.params["typed"] == "720.000"
        assert_messages_render(result)


# ---------------------------------------------------------------------------------- sheet problems

def test_a_missing_required_column_lists_what_was_found_and_what_is_expected(tmp_path):
    header = ["STT", "Họ và tên", "Đơn vị", "Ghi chú"]
    path = make_xlsx(tmp_path, [[1, "Nguyễn Văn An", "Phòng A", None]], header=header)
    result = read_awardees(path, config=CONFIG)
    issue = only(result, "sheet_columns_missing")
    assert issue.params["missing"] == "Đối tượng, Hình thức"
    assert issue.params["found"] == "STT, Họ và tên, Đơn vị, Ghi chú"
    assert "Số tiền (đồng)" in issue.params["expected"]
    assert str(issue.origin).endswith("Danh sách!A1")
    assert result.rows == []
    assert_messages_render(result)


def test_an_unknown_column_is_a_warning(tmp_path):
    path = make_xlsx(tmp_path, [PERSON + ["Ghi thêm"]], header=HEADER + ["Phòng đề nghị"])
    result = read_awardees(path, config=CONFIG)
    issue = only(result, "sheet_column_unknown")
    assert issue.severity == "warning" and issue.value == "Phòng đề nghị"
    assert str(issue.origin).endswith("Danh sách!J1")
    assert len(result.rows) == 1 and result.errors == []


@pytest.mark.parametrize("group_by", ["Quyết định", "quyet dinh", "QUYẾT  ĐỊNH"],
                         ids=["exact", "ascii", "upper"])
def test_the_group_column_fills_nhom(tmp_path, group_by):
    rows = [PERSON + ["QĐ khen năm"], TEAM + ["QĐ đột xuất"]]
    result = read_awardees(make_xlsx(tmp_path, rows, header=HEADER + ["Quyết định"]), config=CONFIG,
                           group_by=group_by)
    assert result.issues == []
    assert [row.nhom for row in result.rows] == ["QĐ khen năm", "QĐ đột xuất"]
    assert result.columns["nhom"] == "Quyết định"
    assert str(result.rows[0].origins["nhom"]).endswith("Danh sách!J2")


def test_a_known_column_can_also_be_the_group(tmp_path):
    result = read_awardees(make_xlsx(tmp_path, [PERSON]), config=CONFIG, group_by="đơn vị")
    assert result.issues == [] and result.rows[0].nhom == result.rows[0].don_vi == "Phòng Quản lý đầu tư"


def test_an_unknown_group_column_lists_the_headers(tmp_path):
    result = read_awardees(make_xlsx(tmp_path, [PERSON]), config=CONFIG, group_by="Đợt")
    issue = only(result, "group_column_unknown")
    assert issue.params["allowed"] == ", ".join(HEADER)
    assert_messages_render(result)


@pytest.mark.parametrize("rows, header", [([], HEADER), ([], None), ([[None], []], HEADER)],
                         ids=["header-only", "nothing", "blank-rows-only"])
def test_a_sheet_without_data_rows_is_an_error(tmp_path, rows, header):
    path = make_xlsx(tmp_path, rows, header=header)
    result = read_awardees(path, config=CONFIG)
    issue = only(result, "sheet_empty")
    assert str(issue.origin) == f"{path} Danh sách"
    assert_messages_render(result)


def test_the_sheet_with_the_list_is_found_among_others(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Ghi chú"
    wb.active.append(["Danh sách đề nghị khen thưởng năm 2025"])
    ws = wb.create_sheet("DS")
    ws.append(HEADER)
    ws.append(PERSON)
    wb.save(tmp_path / "two.xlsx")
    result = read_awardees(tmp_path / "two.xlsx", config=CONFIG)
    assert result.sheet == "DS" and len(result.rows) == 1
    with pytest.raises(InputError) as info:
        read_awardees(tmp_path / "two.xlsx", config=CONFIG, sheet="Trang 3")
    assert info.value.code == "sheet_not_found" and info.value.params["allowed"] == "Ghi chú, DS"


# ---------------------------------------------------------------------------------- csv

@pytest.mark.parametrize("bom", [True, False], ids=["with-bom", "without-bom"])
@pytest.mark.parametrize("sep", [",", ";"], ids=["comma", "semicolon"])
def test_a_utf8_csv_is_read_with_or_without_bom(tmp_path, bom, sep):
    lines = [sep.join(HEADER),
             sep.join(["1", "Nguyễn Văn An", "Chuyên viên", "Phòng A", "Cá nhân", "Giấy khen", "",
                       '"1.410.000"', ""]),
             sep.join(["2", "Phòng B", "", "", "Tập thể", "Giấy khen", "", "", ""])]
    path = make_csv(tmp_path, lines, bom=bom)
    result = read_awardees(path, config=CONFIG)
    assert result.issues == [] and result.sheet == "danh-sach"
    assert [row.ho_ten for row in result.rows] == ["Nguyễn Văn An", "Phòng B"]
    assert result.rows[0].so_tien == 1_410_000


def test_a_csv_problem_is_located_like_excel_shows_it(tmp_path):
    lines = [",".join(HEADER),
             ",".join(["1", "Nguyễn\x07An", "", "", "Cá nhân", "Giấy khen", "", "", ""])]
    path = make_csv(tmp_path, lines, bom=True)
    issue = only(read_awardees(path, config=CONFIG), "control_char")
    assert str(issue.origin) == f"{path} danh-sach!B2"


# ---------------------------------------------------------------------------------- unreadable files

def test_a_csv_that_is_not_utf8_is_an_input_error(tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes(",".join(HEADER).encode("cp1258", errors="replace"))
    with pytest.raises(InputError) as info:
        read_awardees(path, config=CONFIG)
    assert info.value.code == "file_not_utf8"


@pytest.mark.parametrize(
    "name, content, code",
    [("ds.xlsx", b"STT,Ho ten\n1,An\n", "sheet_unreadable"),
     ("ds.xlsx", None, "sheet_unreadable"),
     ("ds.xls", b"\xd0\xcf\x11\xe0", "sheet_xls_legacy"),
     ("ds.ods", b"PK", "sheet_format_unknown"),
     ("ds", b"", "sheet_format_unknown"),
     ("missing.xlsx", "absent", "file_not_found")],
    ids=["not-a-zip", "zip-but-not-xlsx", "old-xls", "ods", "no-extension", "missing"],
)
def test_a_file_that_cannot_be_read_raises_an_input_error(tmp_path, name, content, code):
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("hello.txt", "not a workbook")
    elif content != "absent":
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_awardees(path, config=CONFIG)
    assert info.value.code == code
    assert info.value.code in MESSAGES and "{" not in MESSAGES[code]["vi"].format(**info.value.params)


# ---------------------------------------------------------------------------------- starter workbook

def test_the_starter_workbook_reads_back_without_problems(tmp_path):
    path = write_starter_workbook(tmp_path / "mau.xlsx", CONFIG)
    result = read_awardees(path, config=CONFIG)
    assert result.issues == [] and result.sheet == "Danh sách"
    assert [(row.stt, row.doi_tuong, row.hinh_thuc) for row in result.rows] == [
        (1, "ca-nhan", "Giấy khen"), (2, "tap-the", "Giấy khen")]
    assert list(result.columns) == list(COLUMNS)
    grouped = read_awardees(path, config=CONFIG, group_by="Quyết định")  # the README's --group-by
    assert grouped.issues == [] and {row.nhom for row in grouped.rows} == {"Hoàn thành xuất sắc nhiệm vụ năm 2025"}


def test_a_decision_column_with_two_groups_read_without_group_by_says_how_to_split(tmp_path):
    path = write_starter_workbook(tmp_path / "mau.xlsx", CONFIG)
    wb = openpyxl.load_workbook(path)
    wb["Danh sách"]["B3"] = "Doanh nghiệp tiêu biểu"
    wb.save(path)
    result = read_awardees(path, config=CONFIG)
    assert [(i.code, i.origin.cell, i.severity, i.params["count"]) for i in result.issues] == [
        ("group_column_not_used", "B1", "warning", 2)]
    assert '--group-by "Quyết định"' in format_issue(result.issues[0], "vi")
    assert len(read_awardees(path, config=CONFIG, group_by="Quyết định").rows) == 2


def test_the_starter_workbook_has_bold_headers_drop_downs_and_instructions(tmp_path):
    wb = openpyxl.load_workbook(write_starter_workbook(tmp_path / "mau.xlsx", CONFIG))
    ws = wb["Danh sách"]
    headers = [spellings[0] for spellings in COLUMNS.values()]
    assert [cell.value for cell in ws[1]] == [headers[0], "Quyết định", *headers[1:]]
    assert all(cell.font.bold for cell in ws[1])
    assert ws.column_dimensions["B"].width > 20
    lists = wb["Danh mục"]
    assert lists.sheet_state == "hidden"
    drop_downs = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    assert set(drop_downs) == {"F2:F1000", "G2:G1000"}
    choices = {"F2:F1000": ["Cá nhân", "Tập thể", "Hộ gia đình"], "G2:G1000": list(CONFIG.forms_on())}
    for ref, expected in choices.items():
        validation = drop_downs[ref]
        assert validation.type == "list"
        reference = re.fullmatch(r"'Danh mục'!\$([A-Z])\$(\d+):\$[A-Z]\$(\d+)", validation.formula1)
        column, first, last = reference.groups()
        assert [lists[f"{column}{n}"].value for n in range(int(first), int(last) + 1)] == expected
    guide = wb["Hướng dẫn"]
    rows = guide.iter_rows(min_row=4, max_row=4 + len(COLUMNS), values_only=True)
    described = [row[0] for row in rows]
    assert described == [headers[0], "Quyết định", *headers[1:]]


# ---------------------------------------------------------------------------------- size

def test_a_2000_row_sheet_is_read_in_streaming_mode(tmp_path, monkeypatch):
    path = tmp_path / "lon.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(HEADER)
    for n in range(1, 2001):
        kind = ("Cá nhân", "Tập thể", "Hộ gia đình")[n % 3]
        ws.append([n, f"Người số {n}", "Chuyên viên", "Phòng A", kind, "Giấy khen", "Thành tích",
                   None, None])
    wb.save(path)
    calls = []
    real = sheets.load_workbook

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(sheets, "load_workbook", spy)
    result = read_awardees(path, config=CONFIG)
    assert result.issues == [] and len(result.rows) == 2000
    assert result.rows[-1].row == 2001
    assert calls == [{"read_only": True, "data_only": True}]


# ---------------------------------------------------------------------------------- odds and ends

def test_two_columns_for_the_same_field_are_an_error(tmp_path):
    path = make_xlsx(tmp_path, [PERSON + ["An"]], header=HEADER + ["Họ tên"])
    issue = only(read_awardees(path, config=CONFIG), "sheet_column_duplicate")
    assert str(issue.origin).endswith("Danh sách!J1") and issue.params == {"other": "B1"}


def test_excel_line_breaks_stored_as_escapes_become_new_lines(tmp_path):
    row = with_row("Thành tích", "Dòng một_x000D_\nDòng hai", stt=1)
    result = read_awardees(make_xlsx(tmp_path, [row]), config=CONFIG)
    assert result.issues == [] and result.rows[0].thanh_tich == "Dòng một\nDòng hai"


def test_a_total_row_shorter_than_the_stt_column_is_still_skipped(tmp_path):
    header = ["Họ và tên", "Đối tượng", "Hình thức", "STT"]
    rows = [["Phòng A", "Tập thể", "Giấy khen", 1], ["Tổng cộng"]]
    result = read_awardees(make_xlsx(tmp_path, rows, header=header), config=CONFIG)
    assert [i.code for i in result.issues] == ["sheet_heading_row_skipped"] and len(result.rows) == 1


def test_a_decision_date_before_the_salary_table_is_reported_once(tmp_path):
    rows = [with_row("Số tiền", 500_000, stt=1), with_row("Số tiền", 500_000, stt=2)]
    result = read_awardees(make_xlsx(tmp_path, rows), config=CONFIG, on=dt.date(2018, 1, 1))
    assert [(i.code, i.origin) for i in result.issues] == [("base_salary_unknown", None)]
    assert len(result.rows) == 2


@pytest.mark.parametrize("row", [["I", "TẬP THỂ"], [None, "II. CÁ NHÂN (12 cá nhân)"],
                                 ["A", None, "Khối doanh nghiệp"]],
                         ids=["roman-numeral", "section-title", "letter-in-another-column"])
def test_a_section_heading_copied_from_an_old_list_is_skipped_with_a_warning(tmp_path, row):
    result = read_awardees(make_xlsx(tmp_path, [row, PERSON]), config=CONFIG)
    issue = only(result, "sheet_heading_row_skipped")
    assert issue.severity == "warning"
    assert str(issue.origin).endswith("Danh sách!A2" if row[0] else "Danh sách!B2")
    assert [r.row for r in result.rows] == [3]
    assert_messages_render(result)


def test_a_duplicate_stt_is_reported_even_when_the_row_has_another_problem(tmp_path):
    bad = with_row("Hình thức", "Lao động tiên tiến", base=TEAM, stt=1)
    result = read_awardees(make_xlsx(tmp_path, [PERSON, bad]), config=CONFIG)
    assert sorted(i.code for i in result.issues) == ["award_not_for_recipient", "sheet_stt_duplicate"]


def test_a_formula_that_gives_an_excel_error_is_reported(tmp_path):
    path = make_xlsx(tmp_path, [with_row("Họ và tên", "=Sheet2!A1", stt=1)])
    patch_sheet_xml(path, b'<c r="B2"><f>Sheet2!A1</f><v></v></c>',
                    b'<c r="B2" t="e"><f>Sheet2!A1</f><v>#REF!</v></c>')
    result = read_awardees(path, config=CONFIG)
    issue = only(result, "formula_error_value")
    assert str(issue.origin).endswith("Danh sách!B2") and issue.value == "#REF!"
    assert issue.params["formula"] == "=Sheet2!A1"
    assert_messages_render(result)


def test_each_accepted_row_is_handed_on_as_it_is_read_and_a_rejected_one_is_not(tmp_path):
    path = make_xlsx(tmp_path, [PERSON, with_row("Hình thức", "Huân chương của Chúa", stt=2), [3, *TEAM[1:]]])
    handed = []
    result = read_awardees(path, config=CONFIG, on_row=handed.append)
    assert handed == result.rows and [row.row for row in handed] == [2, 4]
    assert [(i.origin.cell, i.field) for i in result.issues if i.is_error] == [("F3", "hinh_thuc")]
