"""Commendation as offices write it: honorary awards, lists that fit their document, the award
table of the law, generated sentences, proposals without a decision form, sheets as clerks keep them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import cli
from generator import pipeline
from generator.awardee import Awardee
from generator.bonus import DEFAULT_BONUS_CONFIG, BonusConfig, BonusError, bonus_amount, resolve_award_form
from generator.kinds.khen_thuong import ListOptions, awards_sentence, list_table, money_sentence, settle_amounts
from generator.lint import lint_file
from generator.sheets import read_awardees

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BANG_KHEN = SAMPLES / "bang-khen-tinh"
MIXED_SHEET = SAMPLES / "khen-thuong" / "danh-sach-hon-hop.xlsx"
MIXED_FORM = SAMPLES / "khen-thuong" / "quyet-dinh-hon-hop.yaml"


def _batch(tmp_path: Path, sheet: Path, form: Path, *extra: str) -> Path:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli.main, ["batch", str(sheet), "--form", str(form), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    (decision,) = [p for p in out.glob("*.docx") if not p.name.startswith(("in-an", "giay-khen"))]
    return decision


def _text(path: Path) -> list[str]:
    """The paragraphs' text; a centred heading's balanced line breaks read as the spaces they replace."""
    return [p.text.replace("\n", " ") for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _list_rows(path: Path) -> list[list[str]]:
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    return [[c.text for c in row.cells] for row in table.rows]


def _no_lint_errors(path: Path) -> None:
    report = lint_file(path)
    assert not [f for f in report.findings if f.severity == "error"], report.findings


# ------------------------------------------------------------------------ the honorary decision

def test_an_honorary_bang_khen_decision_of_the_chairman_renders_from_the_sheet_as_the_paper_has_it(tmp_path):
    decision = _batch(tmp_path, BANG_KHEN / "danh-sach-bang-khen.xlsx", BANG_KHEN / "quyet-dinh-bang-khen.yaml")
    lines = _text(decision)
    articles = [line for line in lines if re.match(r"Điều \d+\.", line)]
    assert [a.split(".")[0] for a in articles] == ["Điều 1", "Điều 2"]
    assert articles[0].startswith("Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 03 tập thể và 04 cá nhân")
    assert "chịu trách nhiệm thi hành Quyết định này./." in articles[1]
    everything = "\n".join(lines) + "".join(c for row in _list_rows(decision) for c in row)
    assert not re.search(r"\d đồng|tiền thưởng|Bằng chữ|TỔNG CỘNG", everything)
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" in lines
    rows = _list_rows(decision)
    assert rows[0] == ["STT", "Tên tập thể, cá nhân"]
    numbers = [row[0] for row in rows[1:] if row[0].isdigit()]
    assert numbers == ["1", "2", "3", "1", "2", "3", "4"]
    assert [row[0] for row in rows if row[0].startswith(("I.", "II."))] == [
        "I. TẬP THỂ (03 tập thể)", "II. CÁ NHÂN (04 cá nhân)"]
    _no_lint_errors(decision)


def test_a_unit_merged_down_a_block_of_rows_belongs_to_every_row_it_covers():
    result = read_awardees(BANG_KHEN / "danh-sach-bang-khen.xlsx", config=DEFAULT_BONUS_CONFIG)
    units = {row.ho_ten: row.don_vi for row in result.rows}
    assert units["Phạm Thu Trang"] == units["Nguyễn Đức Thắng"] == units["Vũ Thị Hồng Nhung"] == "Sở Nội vụ"
    assert units["Đặng Quốc Việt"] == "Trường Trung học phổ thông Hòn Gai"
    assert result.errors == []


def test_the_proposal_reads_the_sheet_without_a_decision_form(tmp_path):
    loaded = pipeline.check(BANG_KHEN / "to-trinh-bang-khen.yaml")
    target = tmp_path / "to-trinh.docx"
    target.write_bytes(pipeline.render_loaded(loaded))
    lines = _text(target)
    assert any(line.startswith("Đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen của Chủ tịch Ủy ban nhân "
                               "dân tỉnh cho 03 tập thể và 04 cá nhân (có danh sách kèm theo)") for line in lines)
    assert "Sở Nội vụ kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./." in lines
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" in lines
    assert any(line.startswith("(Kèm theo Tờ trình số 412/TTr-SNV") for line in lines)
    rows = _list_rows(target)
    assert rows[0] == ["STT", "Tên tập thể, cá nhân"]
    assert [row[0] for row in rows[1:] if row[0].isdigit()] == ["1", "2", "3", "1", "2", "3", "4"]
    assert not re.search(r"\d đồng|tiền thưởng|Bằng chữ", "\n".join(lines))
    _no_lint_errors(target)


def test_a_proposal_without_decision_form_or_achievement_says_what_is_missing(tmp_path):
    form = tmp_path / "to-trinh.yaml"
    text = (BANG_KHEN / "to-trinh-bang-khen.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^thanh_tich:.*\n", "", text).replace("danh-sach-bang-khen.xlsx",
                                                             str(BANG_KHEN / "danh-sach-bang-khen.xlsx"))
    text = text.replace("co-quan-so-noi-vu.yaml", str(BANG_KHEN / "co-quan-so-noi-vu.yaml"))
    form.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", str(form)])
    assert result.exit_code != 0
    assert "thanh_tich" in result.output and "Traceback" not in result.output


# ------------------------------------------------------------------------ mixed money and honorary

def test_a_mixed_decision_shows_money_only_where_there_is_some_and_leaves_hidden_rows_out(tmp_path):
    decision = _batch(tmp_path, MIXED_SHEET, MIXED_FORM)
    rows = _list_rows(decision)
    by_name = {row[1]: row for row in rows}
    assert by_name["Phòng Quản lý đầu tư"][-1] == "1.410.000"
    assert by_name["Nguyễn Thị Thu Hà"][-1] == "710.000"  # typed "710.000 đ"
    assert by_name["Công ty TNHH Khu công nghiệp Nam Cầu Kiền"][-1] == ""  # blank
    assert by_name["Công ty TNHH VSIP Hải Phòng"][-1] == ""  # 0 means the same as blank
    assert "Lê Văn Rút" not in by_name  # hidden row, bo_dong_an: true
    assert by_name["TỔNG CỘNG"][-1] == "2.830.000"
    assert [row[0] for row in rows[1:] if row[0].isdigit()] == ["1", "2", "3", "4", "5"]
    _no_lint_errors(decision)


def test_hidden_rows_are_read_with_a_warning_naming_them_unless_the_form_leaves_them_out():
    result = read_awardees(MIXED_SHEET, config=DEFAULT_BONUS_CONFIG)
    assert "Lê Văn Rút" in {row.ho_ten for row in result.rows}
    (warning,) = [i for i in result.issues if i.code == "sheet_rows_hidden_read"]
    assert warning.origin.cell == "A5" and warning.params["rows"] == "5"
    skipped = read_awardees(MIXED_SHEET, config=DEFAULT_BONUS_CONFIG, skip_hidden=True)
    assert "Lê Văn Rút" not in {row.ho_ten for row in skipped.rows}
    assert [i.code for i in skipped.issues] == ["sheet_rows_hidden_skipped"]


def test_a_hidden_sheet_that_looks_like_a_list_is_reported(tmp_path):
    wb = openpyxl.load_workbook(MIXED_SHEET)
    copy = wb.copy_worksheet(wb["Danh sách"])
    copy.title = "Bản cũ"
    copy.sheet_state = "hidden"
    path = tmp_path / "hai-trang.xlsx"
    wb.save(path)
    result = read_awardees(path, config=DEFAULT_BONUS_CONFIG)
    assert result.sheet == "Danh sách"
    assert [i.params["sheet"] for i in result.issues if i.code == "sheet_hidden_not_read"] == ["Bản cũ"]


# ------------------------------------------------------------------------ blank and 0, money rules

def _awardee(**data) -> Awardee:
    base = {"stt": 1, "ho_ten": "Nguyễn Văn An", "doi_tuong": "ca-nhan", "hinh_thuc": "Giấy khen"}
    return Awardee.model_validate({**base, **data})


@pytest.mark.parametrize("typed", [None, "", "  ", 0, "0", "0 đồng"])
def test_a_blank_amount_and_zero_mean_the_same(typed):
    assert _awardee(so_tien=typed).so_tien is None


def test_a_coefficient_of_zero_or_blank_in_the_profile_is_an_honorary_form():
    for value in (0, "0", None, ""):
        config = BonusConfig.model_validate({"hinh_thuc": {"Giấy chứng nhận": {"ca_nhan": value}}})
        assert bonus_amount("Giấy chứng nhận", "ca-nhan", dt.date(2026, 1, 5), config) == 0
        with pytest.raises(BonusError):  # a type not listed is still not for that type
            bonus_amount("Giấy chứng nhận", "tap-the", dt.date(2026, 1, 5), config)


@pytest.mark.parametrize("mode, expected", [
    ("theo-quy-dinh", [710_000, 500_000, 1_410_000]),
    ("theo-danh-sach", [0, 500_000, 0]),
    ("khong", [0, 0, 0]),
    (None, [0, 500_000, 0]),  # an amount typed somewhere: the list is the source
])
def test_the_money_rule_decides_what_each_line_gets(mode, expected):
    lines = [_awardee(), _awardee(stt=2, so_tien="500.000"), _awardee(stt=3, doi_tuong="tap-the")]
    settled = settle_amounts(lines, mode, DEFAULT_BONUS_CONFIG, dt.date(2025, 12, 25))
    assert [a.amount for a in settled] == expected


def _warnings(lines, mode):
    from generator.kinds.khen_thuong import money_warnings
    from generator.sources import Located

    settled = settle_amounts(lines, mode, DEFAULT_BONUS_CONFIG, dt.date(2025, 12, 25))
    return [(issue.code, issue.params["name"]) for issue in money_warnings(settled, mode, Located({}, {}, None))]


def test_a_blank_line_in_a_list_that_gives_amounts_is_named_in_a_warning():
    lines = [_awardee(ho_ten="Có tiền", so_tien="710.000"), _awardee(stt=2, ho_ten="Để trống")]
    assert _warnings(lines, None) == [("amount_blank_in_paid_list", "Để trống")]
    assert _warnings(lines, "theo-danh-sach") == []  # said on purpose: no warning


def test_amounts_typed_in_an_honorary_decision_are_left_out_with_a_warning():
    lines = [_awardee(ho_ten="Có tiền", so_tien="710.000"), _awardee(stt=2, ho_ten="Không")]
    assert _warnings(lines, "khong") == [("amount_ignored_honorary", "Có tiền")]


def test_a_typed_amount_that_differs_from_the_table_is_kept_with_a_warning():
    lines = [_awardee(ho_ten="Gõ khác", so_tien="700.000")]
    settled = settle_amounts(lines, "theo-quy-dinh", DEFAULT_BONUS_CONFIG, dt.date(2025, 12, 25))
    assert settled[0].amount == 700_000
    assert _warnings(lines, "theo-quy-dinh") == [("amount_differs", "Gõ khác")]


def test_with_no_amount_typed_the_table_gives_the_amounts():
    settled = settle_amounts([_awardee(), _awardee(stt=2, doi_tuong="tap-the")], None, DEFAULT_BONUS_CONFIG,
                             dt.date(2025, 12, 25))
    assert [a.amount for a in settled] == [710_000, 1_410_000]


# ------------------------------------------------------------------------ the law's table, dated

def test_bang_khen_of_the_provincial_chairman_works_out_of_the_box_and_follows_the_decree_in_force():
    name = resolve_award_form("Bằng khen của Chủ tịch UBND tỉnh", DEFAULT_BONUS_CONFIG)
    assert name == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    # ND 98/2023 (until 30/6/2025): 1,0 × 2.340.000; ND 152/2025 (from 1/7/2025): 1,5 × 2.340.000
    assert bonus_amount(name, "ca-nhan", dt.date(2025, 6, 30), DEFAULT_BONUS_CONFIG) == 2_340_000
    assert bonus_amount(name, "ca-nhan", dt.date(2025, 7, 1), DEFAULT_BONUS_CONFIG) == 3_510_000
    assert bonus_amount(name, "tap-the", dt.date(2025, 7, 1), DEFAULT_BONUS_CONFIG) == 7_020_000


@pytest.mark.parametrize("typed, expected", [
    ("Tập thể lao động xuất sắc", "Tập thể lao động xuất sắc"),
    ("TTLĐXS", "Tập thể lao động xuất sắc"),
    ("Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cấp bộ, ngành, tỉnh"),
    ("Cờ thi đua của UBND tỉnh", "Cờ thi đua của bộ, ngành, tỉnh"),
    ("Bằng khen Thủ tướng", "Bằng khen của Thủ tướng Chính phủ"),
    ("Huân chương Lao động hạng Ba", "Huân chương Lao động hạng Ba"),
])
def test_every_common_form_of_the_law_is_known_without_a_profile(typed, expected):
    assert resolve_award_form(typed, DEFAULT_BONUS_CONFIG) == expected


def test_the_president_s_orders_carry_no_amount_in_an_agency_s_papers():
    assert bonus_amount("Huân chương Lao động hạng Ba", "ca-nhan", dt.date(2026, 1, 5), DEFAULT_BONUS_CONFIG) == 0


def test_a_decision_before_the_law_s_table_asks_for_the_form_in_the_profile():
    with pytest.raises(BonusError) as info:
        bonus_amount("Giấy khen", "ca-nhan", dt.date(2023, 12, 31), DEFAULT_BONUS_CONFIG)
    assert info.value.code == "award_table_before_law"
    own = BonusConfig.model_validate({"hinh_thuc": {"Giấy khen": {"ca_nhan": "0.15"}}})
    assert bonus_amount("Giấy khen", "ca-nhan", dt.date(2023, 12, 31), own) == 270_000


def test_the_profile_overrides_a_row_of_the_law_under_its_own_name():
    config = BonusConfig.model_validate({"hinh_thuc": {
        "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố": {"ca_nhan": "1.5", "tap_the": "3.0"}}})
    assert resolve_award_form("Bằng khen của Chủ tịch UBND tỉnh", config) == \
        "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố"
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" not in config.forms_on()


# ------------------------------------------------------------------------ sentences

_FORMS = ["Giấy khen", "Lao động tiên tiến", "Tập thể lao động xuất sắc", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
          "Chiến sĩ thi đua cơ sở"]
_KINDS = {"Lao động tiên tiến": "ca-nhan", "Chiến sĩ thi đua cơ sở": "ca-nhan", "Tập thể lao động xuất sắc": "tap-the"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_FORMS), min_size=1, max_size=6),
       st.lists(st.sampled_from(["ca-nhan", "tap-the"]), min_size=6, max_size=6),
       st.sampled_from(["theo-quy-dinh", "khong"]))
def test_generated_sentences_are_grammatical_for_every_award_and_recipient(forms, kinds, mode):
    lines = [_awardee(stt=i + 1, hinh_thuc=form, doi_tuong=_KINDS.get(form, kinds[i]), ho_ten=f"Người {i + 1}")
             for i, form in enumerate(forms)]
    settled = settle_amounts(lines, mode, DEFAULT_BONUS_CONFIG, dt.date(2025, 12, 25))
    award = awards_sentence(settled, DEFAULT_BONUS_CONFIG, listed=len(settled) > 1)
    assert award.startswith("tặng ") and "  " not in award and "Kèm theo" not in award
    for form in set(forms):
        title = form in ("Lao động tiên tiến", "Tập thể lao động xuất sắc", "Chiến sĩ thi đua cơ sở")
        assert (f"danh hiệu “{form}”" in award) == title
    sentence = money_sentence(settled, decided=True)
    if mode == "khong":
        assert sentence is None
    else:
        assert sentence[0].isupper() and sentence.endswith(").") and "Kèm theo" not in sentence
        assert "Kinh phí" not in sentence  # the fund is said only when the form or profile says it


def test_a_single_collective_is_paid_in_a_sentence_that_names_it_right():
    settled = settle_amounts([_awardee(doi_tuong="tap-the", hinh_thuc="Tập thể lao động xuất sắc")], None,
                             DEFAULT_BONUS_CONFIG, dt.date(2025, 12, 25))
    assert money_sentence(settled, decided=True) == (
        "Tập thể có tên tại Điều 1 được thưởng 3.510.000 đồng (Bằng chữ: Ba triệu năm trăm mười nghìn đồng).")


# ------------------------------------------------------------------------ the list fits its document

def test_list_columns_are_chosen_and_numbering_restarts_or_runs_on_as_the_form_says():
    lines = [_awardee(stt=40 + i, doi_tuong=kind, ho_ten=f"Tên {i}") for i, kind in
             enumerate(["tap-the", "tap-the", "ca-nhan", "ca-nhan", "ca-nhan"])]
    settled = settle_amounts(lines, None, DEFAULT_BONUS_CONFIG, dt.date(2025, 12, 25))
    running = list_table(settled, ListOptions())
    numbers = [row.cells[0].text for row in running.rows if row.kind == "data"]
    assert numbers == ["1", "2", "3", "4", "5"]  # the sheet's STT (40…) is the row's identity, not its number
    per_group = list_table(settled, ListOptions(cot=["stt", "ho_ten"], danh_so="theo-nhom"))
    assert [row.cells[0].text for row in per_group.rows if row.kind == "data"] == ["1", "2", "1", "2", "3"]
    assert [c.text for c in per_group.rows[0].cells] == ["STT", "Tên tập thể, cá nhân"]


def test_every_stt_in_every_demo_list_runs_from_one(tmp_path):
    result = CliRunner().invoke(cli.main, ["demo", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    checked = 0
    for path in tmp_path.rglob("*.docx"):
        if path.name.startswith(("in-an", "giay-khen")):
            continue
        for table in docx.Document(str(path)).tables:
            if table.rows[0].cells[0].text != "STT" or "tập thể" not in table.rows[0].cells[1].text.lower() \
                    and "họ và tên" not in table.rows[0].cells[1].text.lower():
                continue
            numbers = [int(row.cells[0].text) for row in table.rows[1:] if row.cells[0].text.isdigit()]
            # 1…n over the list, or starting again at 1 in a group: never a number copied from the sheet
            assert numbers[0] == 1 and all(b in (a + 1, 1) for a, b in zip(numbers, numbers[1:])), (path, numbers)
            checked += 1
    assert checked >= 3


def test_one_scan_of_the_sheet_part_finds_hidden_rows_merges_and_formulas():
    import io

    from generator.xlsx import stream_layout

    part = (b'<sheetData><row r="3" spans="1:5" hidden="1"><c r="A3"><f>B3+1</f></c></row><row r="4"/>'
            b'</sheetData><mergeCells><mergeCell ref="E6:E8"/><mergeCell ref="A1:G1"/></mergeCells>')
    assert stream_layout(io.BytesIO(part)) == ({3}, [(1, 1, 7, 1), (5, 6, 5, 8)], True)
    assert stream_layout(io.BytesIO(b'<row r="2"><c r="A2"><v>1</v></c></row>')) == (set(), [], False)
