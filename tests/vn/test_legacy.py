import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.vn import LanguageError, detect_legacy, to_unicode
from generator.vn.legacy import (
    TCVN3_TO_UNICODE,
    VIETNAMESE_LETTERS,
    VNI_TO_UNICODE,
    from_unicode,
    is_vietnamese_syllable,
)

LOWER = VIETNAMESE_LETTERS[: len(VIETNAMESE_LETTERS) // 2]
UPPER = VIETNAMESE_LETTERS[len(VIETNAMESE_LETTERS) // 2:]
TONES = {"huyền": "\u0300", "hỏi": "\u0309", "ngã": "\u0303", "sắc": "\u0301", "nặng": "\u0323"}

# Strings as old documents hold them, written by hand (not produced by the encoder).
TCVN3_KNOWN = [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("QuyÕt ®Þnh", "Quyết định"),
    ("Uû ban nh©n d©n thµnh phè H¶i Phßng", "Uỷ ban nhân dân thành phố Hải Phòng"),
    ("Ban Qu¶n lý Khu kinh tÕ H¶i Phßng", "Ban Quản lý Khu kinh tế Hải Phòng"),
    ("B»ng khen", "Bằng khen"),
    ("Phã Gi¸m ®èc Së Tµi chÝnh", "Phó Giám đốc Sở Tài chính"),
    ("KÝnh göi: Thñ t­íng ChÝnh phñ", "Kính gửi: Thủ tướng Chính phủ"),
    ("N¬i nhËn", "Nơi nhận"),
    ("Ch­¬ng tr×nh c«ng t¸c n¨m 2024", "Chương trình công tác năm 2024"),
    ("H­íng dÉn thi ®ua, khen th­ëng", "Hướng dẫn thi đua, khen thưởng"),
    ("nh÷ng chøc vô tõ ngµy 05/3/2020", "những chức vụ từ ngày 05/3/2020"),
    ("mÆt trËn, n¾m v÷ng, häc tËp", "mặt trận, nắm vững, học tập"),
    ("§µ N½ng, Kú Anh, Mü Tho, Qu¶ng Ng·i", "Đà Nẵng, Kỳ Anh, Mỹ Tho, Quảng Ngãi"),
    ("¤ng, ¥n, ¦u tiªn, ¡n, ¢u, £", "Ông, Ơn, Ưu tiên, Ăn, Âu, Ê"),
    ("trÎ em, vÏ tranh, mÑ, mÌo, nghØ phÐp, DiÔn", "trẻ em, vẽ tranh, mẹ, mèo, nghỉ phép, Diễn"),
    ("nhá, râ, chç, ng­ìng, mïa, cò, kú, tû, hoµn thiÖn", "nhỏ, rõ, chỗ, ngưỡng, mùa, cũ, kỳ, tỷ, hoàn thiện"),
]

TCVN3H_KNOWN = [
    ("QUYÕT §ÞNH", "QUYẾT ĐỊNH"),
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("BAN QU¶N Lý KHU KINH TÕ", "BAN QUẢN LÝ KHU KINH TẾ"),
]

VNI_KNOWN = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("ÑOÄC LAÄP - TÖÏ DO - HAÏNH PHUÙC", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
    ("Quyeát ñònh", "Quyết định"),
    ("QUYEÁT ÑÒNH", "QUYẾT ĐỊNH"),
    ("UÛy ban nhaân daân thaønh phoá Haûi Phoøng", "Ủy ban nhân dân thành phố Hải Phòng"),
    ("Thuû töôùng Chính phuû", "Thủ tướng Chính phủ"),
    ("Baèng khen, naém vöõng, maët traän", "Bằng khen, nắm vững, mặt trận"),
    ("Ñaø Naüng, Kyø Anh, Myõ Tho, Quaûng Ngaõi", "Đà Nẵng, Kỳ Anh, Mỹ Tho, Quảng Ngãi"),
    ("Kính göûi: Sôû Taøi chính", "Kính gửi: Sở Tài chính"),
    ("Chöông trình, Höôùng daãn, tyû, nghæ pheùp", "Chương trình, Hướng dẫn, tỷ, nghỉ phép"),
    ("Maãu, bieåu, Nôi nhaän, khoûe, tröôøng", "Mẫu, biểu, Nơi nhận, khỏe, trường"),
    ("Ô, Ö, Ñ, ôû, öù, ñi, gì, ní, ò, Ò, æ, Æ, ó, Ó, î, Î", "Ơ, Ư, Đ, ở, ứ, đi, gì, ní, ị, Ị, ỉ, Ỉ, ĩ, Ĩ, ỵ, Ỵ"),
]

UNICODE_SENTENCES = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Tặng Giấy khen của Trưởng ban Ban Quản lý Khu kinh tế Hải Phòng cho 05 tập thể và 12 cá nhân.",
    "Chánh Văn phòng, Trưởng các phòng, đơn vị trực thuộc chịu trách nhiệm thi hành Quyết định này.",
    "Nguyễn Văn Đức, Trần Thị Hoà, Lê Quý Đôn, Huỳnh Thúc Kháng",
    "khuya khuỷu quyển giữa gìn xoong thuở ngoằn ngoèo oái oăm huỳnh khuếch nghiêng rượu",
]


# ---------------------------------------------------------------- tables

def test_the_letter_list_has_73_lower_case_and_73_capital_letters():
    assert len(LOWER) == len(UPPER) == 73
    assert len(set(VIETNAMESE_LETTERS)) == 146
    assert all(unicodedata.is_normalized("NFC", ch) and len(ch) == 1 for ch in VIETNAMESE_LETTERS)
    assert UPPER == LOWER.upper()


def test_the_tcvn3_table_has_every_lower_case_letter_and_seven_capitals():
    decoded = set(TCVN3_TO_UNICODE.values())
    non_ascii_lower = {ch for ch in LOWER if not ch.isascii()}
    assert non_ascii_lower <= decoded
    assert decoded - non_ascii_lower == set("ĂÂÊÔƠƯĐ")
    assert all(0xA1 <= ord(code) <= 0xFE for code in TCVN3_TO_UNICODE)


def test_the_vni_table_has_every_letter_as_one_or_two_latin1_characters():
    decoded = set(VNI_TO_UNICODE.values())
    assert decoded == {ch for ch in VIETNAMESE_LETTERS if not ch.isascii()}
    for seq in VNI_TO_UNICODE:
        assert 1 <= len(seq) <= 2
        assert all(ord(ch) <= 0xFF for ch in seq)
        assert all(0xC0 <= ord(ch) <= 0xFF for ch in seq[-1:])


# ---------------------------------------------------------------- known strings

@pytest.mark.parametrize("legacy, unicode_text", TCVN3_KNOWN, ids=[u for _, u in TCVN3_KNOWN])
def test_known_tcvn3_strings_convert_to_unicode(legacy, unicode_text):
    assert to_unicode(legacy, "tcvn3") == (unicode_text, "tcvn3")
    assert to_unicode(legacy) == (unicode_text, "tcvn3")


@pytest.mark.parametrize("legacy, unicode_text", TCVN3H_KNOWN, ids=[u for _, u in TCVN3H_KNOWN])
def test_text_in_the_vntimeh_capitals_font_converts_to_capitals(legacy, unicode_text):
    assert to_unicode(legacy, "tcvn3h") == (unicode_text, "tcvn3h")
    assert to_unicode(legacy) == (unicode_text, "tcvn3")


def test_the_capitals_font_with_lower_case_ascii_needs_the_explicit_encoding():
    assert to_unicode("quyÕt ®Þnh", ".VnTimeH") == ("QUYẾT ĐỊNH", "tcvn3h")


@pytest.mark.parametrize("legacy, unicode_text", VNI_KNOWN, ids=[u for _, u in VNI_KNOWN])
def test_known_vni_strings_convert_to_unicode(legacy, unicode_text):
    assert to_unicode(legacy, "vni") == (unicode_text, "vni")


@pytest.mark.parametrize("legacy, unicode_text", VNI_KNOWN[:-1], ids=[u for _, u in VNI_KNOWN[:-1]])
def test_known_vni_strings_are_detected(legacy, unicode_text):
    assert to_unicode(legacy) == (unicode_text, "vni")


@pytest.mark.parametrize("tone", list(TONES), ids=list(TONES))
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_every_tone_mark_converts_on_every_vowel(tone, encoding):
    vowels = "aăâeêioôơuưy"
    unicode_text = unicodedata.normalize("NFC", " ".join(v + TONES[tone] for v in vowels))
    legacy = from_unicode(unicode_text, encoding)
    assert legacy != unicode_text
    assert to_unicode(legacy, encoding)[0] == unicode_text
    if encoding == "vni":
        upper = unicode_text.upper()
        assert to_unicode(from_unicode(upper, "vni"), "vni")[0] == upper
    else:
        upper = unicode_text.upper()
        assert to_unicode(from_unicode(upper, "tcvn3h"), "tcvn3h")[0] == upper


# ---------------------------------------------------------------- round trips

@pytest.mark.parametrize("letter", list(LOWER), ids=lambda c: f"U+{ord(c):04X}")
def test_every_lower_case_letter_round_trips_through_both_encodings(letter):
    for encoding in ("tcvn3", "vni"):
        assert to_unicode(from_unicode(letter, encoding), encoding)[0] == letter


@pytest.mark.parametrize("letter", list(UPPER), ids=lambda c: f"U+{ord(c):04X}")
def test_every_capital_letter_round_trips(letter):
    assert to_unicode(from_unicode(letter, "vni"), "vni")[0] == letter
    assert to_unicode(from_unicode(letter, "tcvn3h"), "tcvn3h")[0] == letter
    if letter in "ĂÂÊÔƠƯĐ" or letter.isascii():
        assert to_unicode(from_unicode(letter, "tcvn3"), "tcvn3")[0] == letter


def test_tcvn3_cannot_hold_toned_capitals():
    with pytest.raises(ValueError):
        from_unicode("Ấ", "tcvn3")


@pytest.mark.parametrize("sentence", UNICODE_SENTENCES, ids=range(len(UNICODE_SENTENCES)))
def test_real_sentences_round_trip_and_are_detected(sentence):
    for encoding in ("vni",):
        legacy = from_unicode(sentence, encoding)
        assert to_unicode(legacy, encoding)[0] == sentence
        assert to_unicode(legacy) == (sentence, encoding)
    if not any(ch.isupper() and not ch.isascii() and ch not in "ĂÂÊÔƠƯĐ" for ch in sentence):
        legacy = from_unicode(sentence, "tcvn3")
        assert to_unicode(legacy) == (sentence, "tcvn3")
    upper = sentence.upper()
    assert to_unicode(from_unicode(upper, "tcvn3h"), "tcvn3h")[0] == upper
    assert to_unicode(from_unicode(upper, "tcvn3h")) == (upper, "tcvn3")
    assert to_unicode(from_unicode(upper, "vni")) == (upper, "vni")


@given(st.text(alphabet=VIETNAMESE_LETTERS + " ,.-0123456789bcdghklmnpqrstvx"))
@settings(max_examples=300)
def test_vni_decode_of_encode_is_the_identity(s):
    assert to_unicode(from_unicode(s, "vni"), "vni")[0] == s


@given(st.text(alphabet=LOWER + "ĂÂÊÔƠƯĐ ,.-0123456789bcdghklmnpqrstvxBCDGHKLMN"))
@settings(max_examples=300)
def test_tcvn3_decode_of_encode_is_the_identity(s):
    assert to_unicode(from_unicode(s, "tcvn3"), "tcvn3")[0] == s


# ---------------------------------------------------------------- detection must not fire

NOT_LEGACY = [
    "",
    "plain ASCII text, UBND, QĐ-BQL 05/2024",
    "Quyet dinh khen thuong",
    "Hà Nội",
    "Tháng ba là tháng đẹp",
    "Tháng ba có",
    "hoà bình",
    "Tôi có nhà",
    "Müller, François, Peña, São Paulo, café, naïve",
    "©2024 ABC® «quoted»",
    "2×3 = 6; ½ kg; 5 µm",
    "Hµ",
    "Haø",
    unicodedata.normalize("NFD", "Quyết định khen thưởng"),
] + UNICODE_SENTENCES


@pytest.mark.parametrize("s", NOT_LEGACY, ids=range(len(NOT_LEGACY)))
def test_detection_does_not_fire_on_unicode_or_ascii(s):
    assert detect_legacy(s) is None
    assert to_unicode(s) == (unicodedata.normalize("NFC", s), None)


ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
          "ngh", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"]
NUCLEI = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "ay", "âu",
          "ây", "eo", "êu", "ia", "iê", "oa", "oe", "oi", "ôi", "ơi", "ua", "uô", "ươ", "ưa",
          "uy", "ươi", "uyê", "yêu", "iêu"]
CODAS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]

syllables = st.builds(
    lambda o, n, c, t: unicodedata.normalize("NFC", o + n[0] + t + n[1:] + c),
    st.sampled_from(ONSETS), st.sampled_from(NUCLEI), st.sampled_from(CODAS),
    st.sampled_from(["", *TONES.values()]),
)
sentences = st.lists(syllables, min_size=1, max_size=12).map(" ".join)


@given(sentences)
@settings(max_examples=400)
def test_detection_never_fires_on_unicode_vietnamese(s):
    assert detect_legacy(s) is None
    assert detect_legacy(s.upper()) is None
    assert detect_legacy(s.title()) is None


@given(sentences)
@settings(max_examples=300)
def test_a_detected_encoding_is_never_the_wrong_one(s):
    vni = from_unicode(s, "vni")
    assert detect_legacy(vni) in (None, "vni")
    if detect_legacy(vni):
        assert to_unicode(vni)[0] == s
    tcvn3 = from_unicode(s, "tcvn3")
    assert detect_legacy(tcvn3) in (None, "tcvn3")
    if detect_legacy(tcvn3):
        assert to_unicode(tcvn3)[0] in (s, s.upper())


# ---------------------------------------------------------------- helpers and errors

@pytest.mark.parametrize("word", ["quyết", "nghĩa", "khuya", "giữa", "thuở", "xoong", "Ưu", "ĐỊNH"])
def test_real_syllables_are_recognised(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["Müller", "café", "QuyÕt", "ẫá", "xyz", "ab1"])
def test_non_syllables_are_not(word):
    assert not is_vietnamese_syllable(word)


def test_an_unknown_encoding_name_is_a_value_error():
    with pytest.raises(ValueError):
        to_unicode("abc", "utf-7")


def test_a_non_string_is_a_language_error():
    with pytest.raises(LanguageError):
        to_unicode(b"abc")  # type: ignore[arg-type]


@pytest.mark.parametrize("alias, expected", [("ABC", "tcvn3"), (".VnTime", "tcvn3"), ("VNI-Times", "vni"), ("VNI_Windows", "vni")])
def test_encoding_aliases(alias, expected):
    assert to_unicode("x", alias)[1] == expected
