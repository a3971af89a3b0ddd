import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.vn import LanguageError, clean_text, nfc, slugify, vn_upper
from generator.vn.errors import MESSAGES
from generator.vn.text import capitalize_first, strip_diacritics

VIETNAMESE_LOWER = (
    "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
)
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


# ---------------------------------------------------------------- NFC

def test_decomposed_input_comes_out_precomposed():
    nfd = unicodedata.normalize("NFD", "Nguyễn Văn Đức, Quyết định")
    assert nfd != "Nguyễn Văn Đức, Quyết định"
    assert nfc(nfd) == "Nguyễn Văn Đức, Quyết định"
    assert clean_text(nfd) == "Nguyễn Văn Đức, Quyết định"


def test_every_vietnamese_letter_is_one_code_point_after_nfc():
    for ch in VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper():
        decomposed = unicodedata.normalize("NFD", ch)
        assert len(nfc(decomposed)) == 1, ch
        assert len(clean_text(decomposed)) == 1, ch


@given(st.text())
@settings(max_examples=300)
def test_nfc_is_idempotent(s):
    assert nfc(nfc(s)) == nfc(s)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t\r")))
@settings(max_examples=300)
def test_clean_text_is_idempotent(s):
    once = clean_text(s)
    assert clean_text(once) == once
    one_line = clean_text(s, multiline=False)
    assert clean_text(one_line, multiline=False) == one_line
    assert "\n" not in one_line and "\t" not in one_line


def test_nfc_of_a_non_string_is_an_error():
    with pytest.raises(LanguageError) as err:
        nfc(12)
    assert err.value.code == "text_type"


# ---------------------------------------------------------------- whitespace

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("  Hải Phòng  ", "Hải Phòng"),
        ("Hải\u00a0\u00a0Phòng", "Hải\u00a0\u00a0Phòng"),
        ("Hải  Phòng", "Hải  Phòng"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("a  \n  b", "a  \n  b"),
        ("\n\na\n\n", "a"),
        ("a\tb", "a\tb"),
        ("\ufeffa", "a"),
        ("a\u2028b", "a\nb"),
        ("", ""),
    ],
    ids=["strip", "nbsp-kept", "double-space-kept", "crlf-and-cr", "inner-spaces-kept",
         "blank-ends", "tab-kept", "bom", "line-separator", "empty"],
)
def test_multiline_clean_up_trims_the_ends_and_keeps_the_inside_as_typed(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Ban  Quản\nlý\tKhu   kinh tế", "Ban Quản lý Khu kinh tế"),
        ("a\r\n\r\nb", "a b"),
        (" \t a \n", "a"),
    ],
    ids=["mixed", "blank-line", "ends"],
)
def test_single_line_clean_up_turns_any_whitespace_run_into_one_space(raw, expected):
    assert clean_text(raw, multiline=False) == expected


@pytest.mark.parametrize(
    "ch",
    ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\ufffe", "\uffff", "\ud800", "\udfff"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_characters_xml_cannot_hold_raise_an_error_with_their_position(ch):
    text = "Quyết\nđịnh " + ch + " khen"
    with pytest.raises(LanguageError) as err:
        clean_text(text)
    e = err.value
    assert e.code == "control_char"
    assert e.params["position"] == text.index(ch)
    assert e.params["line"] == 2
    assert e.params["column"] == 6
    assert e.params["codepoint"] == f"U+{ord(ch):04X}"
    assert f"U+{ord(ch):04X}" in str(e)


@pytest.mark.parametrize("ch", ["\t", "\n", "\r", "\u00a0", "\u200b", "\ue000"], ids=["tab", "lf", "cr", "nbsp", "zwsp", "private-use"])
def test_characters_xml_can_hold_are_not_errors(ch):
    clean_text("a" + ch + "b")


def test_a_control_character_is_never_deleted_silently_even_on_one_line():
    with pytest.raises(LanguageError):
        clean_text("abc\x07", multiline=False)


# ---------------------------------------------------------------- case

@pytest.mark.parametrize(
    "s, expected",
    [
        ("Ban Quản lý Khu kinh tế", "BAN QUẢN LÝ KHU KINH TẾ"),
        ("Ủy ban nhân dân thành phố Hải Phòng", "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"),
        ("cộng hòa xã hội chủ nghĩa việt nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("độc lập - tự do - hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
        (unicodedata.normalize("NFD", "Quyết định"), "QUYẾT ĐỊNH"),
        (VIETNAMESE_LOWER, unicodedata.normalize("NFC", VIETNAMESE_LOWER.upper())),
    ],
    ids=["agency", "uy-ban", "quoc-hieu", "tieu-ngu", "nfd", "every-letter"],
)
def test_vietnamese_upper_casing(s, expected):
    assert vn_upper(s) == expected
    assert unicodedata.is_normalized("NFC", vn_upper(s))


def test_every_lower_case_letter_has_a_distinct_capital():
    capitals = {vn_upper(ch) for ch in VIETNAMESE_LOWER}
    assert len(capitals) == len(VIETNAMESE_LOWER)
    assert all(len(c) == 1 for c in capitals)


def test_capitalize_first_only_touches_the_first_letter():
    assert capitalize_first("một triệu đồng") == "Một triệu đồng"
    assert capitalize_first("đồng") == "Đồng"
    assert capitalize_first("") == ""


def test_strip_diacritics_maps_d_with_stroke():
    assert strip_diacritics("Đặng Thị Ưng") == "Dang Thi Ung"


# ---------------------------------------------------------------- slugs

@pytest.mark.parametrize(
    "s, expected",
    [
        ("Nguyễn Văn Đức", "nguyen-van-duc"),
        ("Quyết định khen thưởng 2024", "quyet-dinh-khen-thuong-2024"),
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Windows\\system32", "c-windows-system32"),
        ('a<b>c:"d|e?f*g', "a-b-c-d-e-f-g"),
        ("CON", "con-vb"),
        ("Côn", "con-vb"),
        ("nul", "nul-vb"),
        ("COM1", "com1-vb"),
        ("", "van-ban"),
        ("   ", "van-ban"),
        ("###", "van-ban"),
        ("中文", "van-ban"),
        ("Ｆｕｌｌ", "full"),
        ("-Ưu-tiên-", "uu-tien"),
        (unicodedata.normalize("NFD", "Đặng Thị Ưng"), "dang-thi-ung"),
    ],
    ids=["name", "title", "path-traversal", "windows-path", "windows-forbidden",
         "con", "con-with-marks", "nul", "com1", "empty", "blank", "symbols", "no-latin",
         "full-width", "hyphens-trimmed", "nfd"],
)
def test_slugify_gives_a_safe_ascii_file_name(s, expected):
    assert slugify(s) == expected


def test_a_long_slug_is_cut_at_a_word_boundary():
    s = "Quyết định về việc khen thưởng tập thể và cá nhân có thành tích xuất sắc " * 3
    slug = slugify(s, max_length=40)
    assert len(slug) <= 40
    assert SLUG_RE.match(slug)
    assert not slug.endswith("-")
    assert slugify(s).startswith(slug)


def test_a_long_single_word_is_cut_hard():
    assert slugify("a" * 200, max_length=30) == "a" * 30


def test_a_tiny_max_length_is_refused():
    with pytest.raises(ValueError):
        slugify("abc", max_length=3)


@given(st.text(), st.integers(min_value=8, max_value=120))
@settings(max_examples=400)
def test_a_slug_is_always_ascii_nonempty_bounded_and_safe(s, max_length):
    slug = slugify(s, max_length=max_length)
    assert slug.isascii()
    assert SLUG_RE.match(slug)
    assert 1 <= len(slug) <= max_length
    assert slug not in {"con", "prn", "aux", "nul"} and not re.fullmatch(r"(com|lpt)\d", slug)


@given(st.text(alphabet=VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper() + " "))
@settings(max_examples=200)
def test_a_slug_of_vietnamese_text_keeps_the_base_letters(s):
    slug = slugify(s)
    expected = re.sub(r"[^a-z]+", "-", strip_diacritics(s).lower()).strip("-")[:80].strip("-")
    if expected:
        assert slug.replace("-", "") == expected.replace("-", "")[: len(slug.replace("-", ""))]


# ---------------------------------------------------------------- errors

def test_every_message_has_a_vietnamese_and_an_english_text():
    for code, texts in MESSAGES.items():
        assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", code), code
        assert set(texts) == {"vi", "en"}, code
        assert texts["vi"].strip() and texts["en"].strip()
        placeholders_vi = set(re.findall(r"\{(\w+)\}", texts["vi"]))
        placeholders_en = set(re.findall(r"\{(\w+)\}", texts["en"]))
        assert placeholders_vi == placeholders_en, code


def test_every_error_code_raised_in_the_package_has_a_message():
    import pathlib

    import generator.vn as vn

    root = pathlib.Path(vn.__file__).parent
    raised = set()
    for path in root.glob("*.py"):
        raised |= set(re.findall(r'LanguageError\(\s*"([a-z0-9_]+)"', path.read_text(encoding="utf-8")))
    assert raised, "no codes found"
    assert raised <= set(MESSAGES), raised - set(MESSAGES)


def test_an_unknown_error_code_is_a_programming_error():
    with pytest.raises(KeyError):
        LanguageError("no_such_code")


def test_a_language_error_carries_code_params_and_both_languages():
    e = LanguageError("date_invalid", value="31/02/2023", day=31, month=2, year=2023)
    assert isinstance(e, ValueError)
    assert e.code == "date_invalid"
    assert e.params["day"] == 31
    assert "31/02/2023" in str(e) and "31/02/2023" in e.message("en")
    assert str(e) == e.message("vi")


def test_a_language_error_survives_pickling():
    import pickle

    e = LanguageError("date_invalid", value="31/02/2023", day=31, month=2, year=2023)
    e2 = pickle.loads(pickle.dumps(e))
    assert (e2.code, e2.params, str(e2)) == (e.code, e.params, str(e))
