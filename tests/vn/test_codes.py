import datetime as dt
import re
import unicodedata

import pytest

from generator.vn import (
    TYPE_CODES,
    LanguageError,
    check_ky_hieu,
    document_reference,
    format_number,
    ky_hieu,
    so_line,
    type_code,
)
from generator.vn.codes import CODE_TYPES, NO_CODE_TYPES

PL_III = [
    ("Nghị quyết", "NQ"), ("Quyết định", "QĐ"), ("Chỉ thị", "CT"), ("Quy chế", "QC"),
    ("Quy định", "QyĐ"), ("Thông cáo", "TC"), ("Thông báo", "TB"), ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"), ("Kế hoạch", "KH"), ("Phương án", "PA"), ("Đề án", "ĐA"),
    ("Dự án", "DA"), ("Báo cáo", "BC"), ("Biên bản", "BB"), ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"), ("Công điện", "CĐ"), ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"), ("Giấy ủy quyền", "GUQ"), ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"), ("Giấy nghỉ phép", "GNP"), ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"), ("Phiếu báo", "PB"),
    ("Bản sao y", "SY"), ("Bản trích sao", "TrS"), ("Bản sao lục", "SL"),
]

FILLED_RE = re.compile(r"^Số: (0[1-9]|[1-9]\d+)/[A-Za-zĐđ0-9&]+(-[A-Za-zĐđ0-9&]+)+$")
DRAFT_RE = re.compile(r"^Số:\s+/[A-Za-zĐđ0-9&]+(-[A-Za-zĐđ0-9&]+)+$")


# ---------------------------------------------------------------- type codes

def test_the_code_table_is_exactly_pl_iii_with_the_copy_codes():
    assert list(TYPE_CODES.items()) == PL_III
    assert len(TYPE_CODES) == 30
    assert len(set(TYPE_CODES.values())) == 30


@pytest.mark.parametrize("name, code", PL_III, ids=[c for _, c in PL_III])
def test_every_type_name_gives_its_pl_iii_code(name, code):
    assert type_code(name) == code
    assert CODE_TYPES[code] == name


@pytest.mark.parametrize("name, code", PL_III, ids=[c for _, c in PL_III])
def test_type_names_are_recognised_in_capitals_lower_case_and_nfd(name, code):
    assert type_code(name.upper()) == code
    assert type_code(name.lower()) == code
    assert type_code(unicodedata.normalize("NFD", name)) == code
    assert type_code(f"  {name}  ") == code


@pytest.mark.parametrize("code", ["QyĐ", "CTr", "TTr", "TrS"])
def test_the_mixed_case_codes_are_kept_exactly(code):
    assert code in TYPE_CODES.values()


@pytest.mark.parametrize(
    "name, code",
    [
        ("Giấy uỷ quyền", "GUQ"),
        ("Bản thoả thuận", "BTT"),
        ("Nghị quyết (cá biệt)", "NQ"),
        ("Quyết định (cá biệt)", "QĐ"),
        ("Sao y bản chính", "SY"),
        ("Trích sao", "TrS"),
        ("Sao lục", "SL"),
    ],
    ids=["old-tone-uy", "old-tone-oa", "nq-ca-biet", "qd-ca-biet", "sao-y", "trich-sao", "sao-luc"],
)
def test_common_alternative_spellings_are_understood(name, code):
    assert type_code(name) == code


@pytest.mark.parametrize("name", NO_CODE_TYPES)
def test_cong_van_and_thu_cong_have_no_type_code(name):
    with pytest.raises(LanguageError) as err:
        type_code(name)
    assert err.value.code == "type_no_code"
    assert "BQL-VP" in str(err.value)


def test_a_name_typed_without_diacritics_gets_a_suggestion():
    with pytest.raises(LanguageError) as err:
        type_code("Quyet dinh")
    assert err.value.code == "type_unknown_suggest"
    assert err.value.params["suggestion"] == "Quyết định"


@pytest.mark.parametrize("name", ["Công thư", "Nghị định", "", "QĐ"], ids=["made-up", "legal-type", "empty", "code"])
def test_an_unknown_type_name_is_an_error(name):
    with pytest.raises(LanguageError) as err:
        type_code(name)
    assert err.value.code == "type_unknown"


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize(
    "n, expected",
    [(1, "01"), (5, "05"), (9, "09"), (10, "10"), (99, "99"), (1626, "1626")],
)
def test_numbers_1_to_9_take_a_leading_zero(n, expected):
    assert format_number(n) == expected


@pytest.mark.parametrize("n", [0, -1, True, "5", 5.0, None], ids=["zero", "negative", "bool", "str", "float", "none"])
def test_a_number_below_1_or_not_an_int_is_an_error(n):
    with pytest.raises(LanguageError) as err:
        format_number(n)
    assert err.value.code == "number_invalid"


# ---------------------------------------------------------------- ký hiệu

@pytest.mark.parametrize(
    "args, expected",
    [
        (("KH", "BQL"), "KH-BQL"),
        (("QĐ", "BQL"), "QĐ-BQL"),
        (("TTr", "BQL"), "TTr-BQL"),
        (("QyĐ", "UBND"), "QyĐ-UBND"),
        ((None, "BQL", "VP"), "BQL-VP"),
        ((None, "UBND", "VX"), "UBND-VX"),
        (("QĐ", "BQL", "VP"), "QĐ-BQL-VP"),
        (("SY", "VP"), "SY-VP"),
        (("Quyết định", "BQL"), "QĐ-BQL"),
        (("KH", "SNN&PTNT"), "KH-SNN&PTNT"),
        (("KH", " BQL "), "KH-BQL"),
    ],
    ids=["kh", "qd", "ttr", "qyd", "cong-van", "cong-van-ubnd", "with-unit",
         "copy", "type-name", "ampersand", "trimmed"],
)
def test_ky_hieu_joins_the_codes_with_hyphens(args, expected):
    assert ky_hieu(*args) == expected


@pytest.mark.parametrize(
    "args, code",
    [
        ((None, "BQL"), "ky_hieu_missing_unit"),
        (("KH", ""), "code_empty"),
        (("KH", "bql"), "code_lowercase"),
        (("KH", "B QL"), "code_invalid_char"),
        (("KH", "BQL/VP"), "code_invalid_char"),
        (("XX", "BQL"), "type_code_unknown"),
        (("TTR", "BQL"), "ky_hieu_case"),
        (("QD", "BQL"), "ky_hieu_d_for_dd"),
        ((None, "BQL", "vp"), "code_lowercase"),
        (("KH", "-BQL"), "ky_hieu_invalid"),
    ],
    ids=["cong-van-without-unit", "empty-agency", "lower-case-agency", "space",
         "slash", "unknown-type", "ttr-in-capitals", "d-for-dd", "lower-unit", "leading-hyphen"],
)
def test_bad_parts_of_a_ky_hieu_are_rejected(args, code):
    with pytest.raises(LanguageError) as err:
        ky_hieu(*args)
    assert err.value.code == code


def test_a_lower_case_agency_code_message_suggests_capitals():
    with pytest.raises(LanguageError) as err:
        ky_hieu("KH", "bql")
    assert err.value.params["suggestion"] == "BQL"


# ---------------------------------------------------------------- số line

@pytest.mark.parametrize(
    "number, kh, expected",
    [
        (5, "QĐ-BQL", "Số: 05/QĐ-BQL"),
        (12, "BQL-VP", "Số: 12/BQL-VP"),
        (1626, "KH-BQL", "Số: 1626/KH-BQL"),
        (1, "TTr-BQL", "Số: 01/TTr-BQL"),
        (None, "QĐ-BQL", "Số:      /QĐ-BQL"),
        (None, "BQL-VP", "Số:      /BQL-VP"),
    ],
    ids=["qd", "cong-van", "large", "ttr", "draft", "draft-cong-van"],
)
def test_the_so_line(number, kh, expected):
    line = so_line(number, kh)
    assert line == expected
    assert (FILLED_RE if number else DRAFT_RE).match(line)


def test_the_draft_so_line_has_exactly_six_spaces():
    assert so_line(None, "QĐ-BQL").split("/")[0] == "Số:" + " " * 6


@pytest.mark.parametrize(
    "number, kh, code",
    [
        (0, "QĐ-BQL", "number_invalid"),
        (5, "QĐ - BQL", "ky_hieu_spaces"),
        (5, "QĐBQL", "ky_hieu_invalid"),
        (5, "", "ky_hieu_invalid"),
    ],
    ids=["zero", "spaces", "single-part", "empty"],
)
def test_a_bad_so_line_is_rejected(number, kh, code):
    with pytest.raises(LanguageError) as err:
        so_line(number, kh)
    assert err.value.code == code


# ---------------------------------------------------------------- check_ky_hieu

def test_a_matching_ky_hieu_passes_even_in_nfd():
    assert check_ky_hieu("QĐ-BQL", "QĐ-BQL") is None
    assert check_ky_hieu(unicodedata.normalize("NFD", " QĐ-BQL "), "QĐ-BQL") is None


@pytest.mark.parametrize(
    "given, expected, code",
    [
        ("QĐ - BQL", "QĐ-BQL", "ky_hieu_spaces"),
        ("QĐ-BQL ", "QĐ-BQL", None),
        ("05/QĐ-BQL", "QĐ-BQL", "ky_hieu_has_number"),
        ("QĐ-BQL-2024", "QĐ-BQL", "ky_hieu_year"),
        ("2024/QĐ-BQL", "QĐ-BQL", "ky_hieu_has_number"),
        ("QĐ_BQL", "QĐ-BQL", "ky_hieu_separator"),
        ("QĐ/BQL", "QĐ-BQL", "ky_hieu_separator"),
        ("QĐ–BQL", "QĐ-BQL", "ky_hieu_separator"),
        ("qđ-bql", "QĐ-BQL", "ky_hieu_case"),
        ("TTR-BQL", "TTr-BQL", "ky_hieu_case"),
        ("QYĐ-BQL", "QyĐ-BQL", "ky_hieu_case"),
        ("QD-BQL", "QĐ-BQL", "ky_hieu_d_for_dd"),
        ("KH-BQL", "QĐ-BQL", "ky_hieu_wrong_type"),
        ("TB-BQL", "TTr-BQL", "ky_hieu_wrong_type"),
        ("QĐ-UBND", "QĐ-BQL", "ky_hieu_mismatch"),
        ("BQL-TH", "BQL-VP", "ky_hieu_mismatch"),
    ],
    ids=["spaces", "trailing-space-ok", "number-inside", "year-inside", "year-prefix",
         "underscore", "slash", "en-dash", "lower-case", "ttr-capitals", "qyd-capitals",
         "d-for-dd", "other-kind", "tb-for-ttr", "other-agency", "other-unit"],
)
def test_check_ky_hieu_explains_the_difference(given, expected, code):
    if code is None:
        assert check_ky_hieu(given, expected) is None
        return
    with pytest.raises(LanguageError) as err:
        check_ky_hieu(given, expected)
    assert err.value.code == code
    assert expected in str(err.value)
    assert err.value.params["value"] == given.strip()


def test_the_wrong_type_message_names_both_kinds():
    with pytest.raises(LanguageError) as err:
        check_ky_hieu("KH-BQL", "QĐ-BQL")
    msg = str(err.value)
    assert "Kế hoạch" in msg and "Quyết định" in msg and "QĐ-BQL" in msg


# ---------------------------------------------------------------- references

ISSUER = "Ban Quản lý Khu kinh tế Hải Phòng"


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        (
            dict(ten_loai="Kế hoạch", number=1626, ky_hieu="KH-BQL", d=dt.date(2023, 4, 13), issuer=ISSUER),
            "Kế hoạch số 1626/KH-BQL ngày 13/4/2023 của Ban Quản lý Khu kinh tế Hải Phòng",
        ),
        (
            dict(ten_loai="Kế hoạch", number=1626, ky_hieu="KH-BQL", d=dt.date(2023, 4, 13),
                 issuer=ISSUER, trich_yeu="Phát động phong trào thi đua năm 2023."),
            "Kế hoạch số 1626/KH-BQL ngày 13/4/2023 của Ban Quản lý Khu kinh tế Hải Phòng "
            "về phát động phong trào thi đua năm 2023",
        ),
        (
            dict(ten_loai="Quyết định", number=5, ky_hieu="QĐ-BQL", d=dt.date(2024, 1, 5),
                 issuer=ISSUER, trich_yeu="V/v khen thưởng"),
            "Quyết định số 05/QĐ-BQL ngày 05/01/2024 của Ban Quản lý Khu kinh tế Hải Phòng "
            "về việc khen thưởng",
        ),
        (
            dict(ten_loai="Nghị định", number=30, ky_hieu="2020/NĐ-CP", d=dt.date(2020, 3, 5),
                 issuer="Chính phủ", trich_yeu="Về công tác văn thư", long_date=True),
            "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư",
        ),
        (
            dict(ten_loai="Nghị định", number=None, ky_hieu="152/2025/NĐ-CP", d=None, issuer="Chính phủ"),
            "Nghị định số 152/2025/NĐ-CP của Chính phủ",
        ),
        (
            dict(ten_loai="Luật Thi đua, khen thưởng", number=None, ky_hieu="", d=None),
            "Luật Thi đua, khen thưởng",
        ),
        (
            dict(ten_loai="KẾ HOẠCH", number=1626, ky_hieu="KH-BQL", d=dt.date(2023, 4, 13)),
            "Kế hoạch số 1626/KH-BQL ngày 13/4/2023",
        ),
        (
            dict(ten_loai="Công văn", number=12, ky_hieu="BQL-VP", d=dt.date(2024, 2, 5),
                 issuer=ISSUER, trich_yeu="UBND tỉnh giao nhiệm vụ"),
            "Công văn số 12/BQL-VP ngày 05/02/2024 của Ban Quản lý Khu kinh tế Hải Phòng "
            "về UBND tỉnh giao nhiệm vụ",
        ),
    ],
    ids=["plan", "plan-with-trich-yeu", "decision-vv", "decree-long-date",
         "number-inside-ky-hieu", "law-by-name", "capitals-normalised", "acronym-kept"],
)
def test_the_first_citation_gives_type_number_date_issuer_and_trich_yeu(kwargs, expected):
    assert document_reference(**kwargs) == expected


def test_later_citations_give_only_the_type_and_number():
    ref = document_reference(
        "Kế hoạch", 1626, "KH-BQL", dt.date(2023, 4, 13), ISSUER, "Phát động thi đua", first=False
    )
    assert ref == "Kế hoạch số 1626/KH-BQL"


def test_a_reference_without_a_number_needs_one_inside_the_ky_hieu():
    with pytest.raises(LanguageError) as err:
        document_reference("Kế hoạch", None, "KH-BQL", dt.date(2023, 4, 13))
    assert err.value.code == "reference_number_missing"


@pytest.mark.parametrize(
    "number,d,issuer,expected",
    [
        (5, dt.date(2024, 1, 5), "Trưởng ban Ban Quản lý", "Quyết định số 05/QĐ-BQL ngày 05 tháng 01 năm 2024 của Trưởng ban Ban Quản lý"),
        (None, None, None, "Quyết định số " + " " * 6 + "/QĐ-BQL ngày" + " " * 6 + "tháng" + " " * 6 + "năm " + " " * 6),
        (1250, dt.date(2023, 7, 20), None, "Quyết định số 1250/QĐ-BQL ngày 20 tháng 7 năm 2023"),
    ],
    ids=["complete", "draft-blanks", "no-issuer"],
)
def test_a_full_reference_writes_blanks_for_what_a_draft_does_not_know(number, d, issuer, expected):
    from generator.vn import full_reference

    assert full_reference("Quyết định", number, "QĐ-BQL", d, issuer) == expected
