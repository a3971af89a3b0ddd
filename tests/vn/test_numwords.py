import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.vn.numwords  # noqa: F401  (registers the corrected converter)
from generator.vn import LanguageError, amount_in_words, decimal_to_words, number_to_words
from generator.vn.numwords import MAX_NUMBER
from num2words import num2words

# ---------------------------------------------------------------- the spec's table (§7.2)

SPEC_EXAMPLES = [
    (0, "không"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (101, "một trăm linh một"),
    (110, "một trăm mười"),
    (1_005, "một nghìn không trăm linh năm"),
    (1_010, "một nghìn không trăm mười"),
    (702_000, "bảy trăm linh hai nghìn"),
    (2_005_000_000, "hai tỷ không trăm linh năm triệu"),
    (1_000_000_000_000, "một nghìn tỷ"),
]


@pytest.mark.parametrize("n, words", SPEC_EXAMPLES, ids=[str(n) for n, _ in SPEC_EXAMPLES])
def test_the_spec_examples(n, words):
    assert number_to_words(n) == words


# ---------------------------------------------------------------- rule by rule

RULE_CASES = [
    # R1: skip all-zero groups; scale words up to triệu tỷ
    ("R1", 1_000, "một nghìn"),
    ("R1", 1_000_000, "một triệu"),
    ("R1", 1_000_000_000, "một tỷ"),
    ("R1", 10**12, "một nghìn tỷ"),
    ("R1", 10**15, "một triệu tỷ"),
    ("R1", 10**17, "một trăm triệu tỷ"),
    ("R1", 2_000_000_000_000_000, "hai triệu tỷ"),
    ("R1", 1_000_000_000_000_001, "một triệu tỷ không trăm linh một"),
    ("R1", 5_000_000, "năm triệu"),
    ("R1", 1_000_001, "một triệu không trăm linh một"),
    ("R1", 1_000_000_001, "một tỷ không trăm linh một"),
    ("R1", 1_001_000_000, "một tỷ không trăm linh một triệu"),
    ("R1", 100_000_010, "một trăm triệu không trăm mười"),
    ("R1", 1_005_000_000_000, "một nghìn không trăm linh năm tỷ"),
    ("R1", 1_000_005_000_000, "một nghìn tỷ không trăm linh năm triệu"),
    ("R1", 1_500_000_000_000, "một nghìn năm trăm tỷ"),
    ("R1", 1_001_000_000_000_000, "một triệu không trăm linh một nghìn tỷ"),
    # R2: inner groups in full
    ("R2", 1_010, "một nghìn không trăm mười"),
    ("R2", 1_015, "một nghìn không trăm mười lăm"),
    ("R2", 1_099, "một nghìn không trăm chín mươi chín"),
    ("R2", 2_005_000_000, "hai tỷ không trăm linh năm triệu"),
    ("R2", 10_050, "mười nghìn không trăm năm mươi"),
    ("R2", 1_000_100, "một triệu một trăm"),
    ("R2", 1_001_001, "một triệu không trăm linh một nghìn không trăm linh một"),
    ("R2", 5_020_000, "năm triệu không trăm hai mươi nghìn"),
    ("R2", 15_000, "mười lăm nghìn"),
    ("R2", 50_000, "năm mươi nghìn"),
    # R3: linh after a hundreds word
    ("R3", 101, "một trăm linh một"),
    ("R3", 909, "chín trăm linh chín"),
    ("R3", 1_001, "một nghìn không trăm linh một"),
    ("R3", 2_001, "hai nghìn không trăm linh một"),
    ("R3", 702_000, "bảy trăm linh hai nghìn"),
    ("R3", 7, "bảy"),
    # R4: mười / mươi
    ("R4", 10, "mười"),
    ("R4", 110, "một trăm mười"),
    ("R4", 20, "hai mươi"),
    ("R4", 90, "chín mươi"),
    ("R4", 310, "ba trăm mười"),
    # R5: mốt only after mươi
    ("R5", 1, "một"),
    ("R5", 11, "mười một"),
    ("R5", 21, "hai mươi mốt"),
    ("R5", 91, "chín mươi mốt"),
    ("R5", 101, "một trăm linh một"),
    ("R5", 111, "một trăm mười một"),
    ("R5", 121, "một trăm hai mươi mốt"),
    ("R5", 1_000_021, "một triệu không trăm hai mươi mốt"),
    # R6: lăm after mười/mươi
    ("R6", 5, "năm"),
    ("R6", 15, "mười lăm"),
    ("R6", 25, "hai mươi lăm"),
    ("R6", 105, "một trăm linh năm"),
    ("R6", 115, "một trăm mười lăm"),
    ("R6", 500, "năm trăm"),
    ("R6", 555, "năm trăm năm mươi lăm"),
    ("R6", 5_005, "năm nghìn không trăm linh năm"),
    # R7: tư after mươi, bốn elsewhere
    ("R7", 4, "bốn"),
    ("R7", 14, "mười bốn"),
    ("R7", 24, "hai mươi tư"),
    ("R7", 104, "một trăm linh bốn"),
    ("R7", 114, "một trăm mười bốn"),
    ("R7", 444, "bốn trăm bốn mươi tư"),
    ("R7", 4_000, "bốn nghìn"),
    # R8: zero
    ("R8", 0, "không"),
    # negatives
    ("neg", -1, "âm một"),
    ("neg", -1_410_000, "âm một triệu bốn trăm mười nghìn"),
    ("neg", -1_005, "âm một nghìn không trăm linh năm"),
]


@pytest.mark.parametrize(
    "rule, n, words", RULE_CASES, ids=[f"{r}-{n}" for r, n, _ in RULE_CASES]
)
def test_each_rule_r1_to_r8(rule, n, words):
    assert number_to_words(n) == words


# ---------------------------------------------------------------- options

OPTION_CASES = [
    (dict(zero="lẻ"), 101, "một trăm lẻ một"),
    (dict(zero="lẻ"), 1_005, "một nghìn không trăm lẻ năm"),
    (dict(zero="lẻ"), 2_005_000_000, "hai tỷ không trăm lẻ năm triệu"),
    (dict(four="bốn"), 24, "hai mươi bốn"),
    (dict(four="bốn"), 14, "mười bốn"),
    (dict(four="bốn"), 104, "một trăm linh bốn"),
    (dict(four="tư"), 104, "một trăm linh bốn"),
    (dict(thousand="ngàn"), 1_010, "một ngàn không trăm mười"),
    (dict(thousand="ngàn"), 10**12, "một ngàn tỷ"),
    (dict(zero="lẻ", four="bốn", thousand="ngàn"), 1_024_104, "một triệu không trăm hai mươi bốn ngàn một trăm lẻ bốn"),
]


@pytest.mark.parametrize(
    "options, n, words", OPTION_CASES, ids=[f"{'-'.join(o.values())}-{n}" for o, n, _ in OPTION_CASES]
)
def test_the_linh_le_tu_bon_nghin_ngan_options(options, n, words):
    assert number_to_words(n, **options) == words


@pytest.mark.parametrize(
    "options",
    [dict(zero="lẽ"), dict(zero="le"), dict(four="4"), dict(thousand="ngan"), dict(thousand="ngìn")],
    ids=["le-wrong-tone", "le-no-marks", "four-digit", "ngan-no-marks", "nghin-typo"],
)
def test_a_wrong_option_is_a_value_error(options):
    with pytest.raises(ValueError):
        number_to_words(5, **options)
    with pytest.raises(ValueError):
        amount_in_words(5, **options)


# ---------------------------------------------------------------- money

MONEY_CASES = [
    (710_000, {}, "Bảy trăm mười nghìn đồng"),
    (1_410_000, {}, "Một triệu bốn trăm mười nghìn đồng"),
    (0, {}, "Không đồng"),
    (1_000_000, dict(chan=True), "Một triệu đồng chẵn"),
    (2_340_000, {}, "Hai triệu ba trăm bốn mươi nghìn đồng"),
    (1_404_000, {}, "Một triệu bốn trăm linh bốn nghìn đồng"),
    (4_680_000, {}, "Bốn triệu sáu trăm tám mươi nghìn đồng"),
    (Decimal("1410000"), {}, "Một triệu bốn trăm mười nghìn đồng"),
    (Decimal("1410000.00"), {}, "Một triệu bốn trăm mười nghìn đồng"),
    (-500_000, {}, "Âm năm trăm nghìn đồng"),
    (1_005_000, dict(zero="lẻ", thousand="ngàn"), "Một triệu không trăm lẻ năm ngàn đồng"),
    (24_000, dict(four="bốn"), "Hai mươi bốn nghìn đồng"),
    (10**15, {}, "Một triệu tỷ đồng"),
]


@pytest.mark.parametrize(
    "n, options, words", MONEY_CASES, ids=[f"{n}-{'-'.join(map(str, o.values())) or 'default'}" for n, o, _ in MONEY_CASES]
)
def test_money_has_a_capital_first_letter_and_ends_with_dong(n, options, words):
    assert amount_in_words(n, **options) == words


@pytest.mark.parametrize(
    "n", [Decimal("1410000.5"), 1.5, Decimal("0.01"), float("nan")], ids=["decimal-half", "float-half", "one-cent", "nan"]
)
def test_a_fraction_of_a_dong_is_an_error(n):
    with pytest.raises(LanguageError) as err:
        amount_in_words(n)
    assert err.value.code == "amount_not_integer"


@pytest.mark.parametrize("n", [10**18, -(10**18), 10**30], ids=["1e18", "minus-1e18", "1e30"])
def test_numbers_from_10_to_the_18_are_refused(n):
    with pytest.raises(LanguageError) as err:
        number_to_words(n)
    assert err.value.code == "number_too_large"


def test_the_largest_number_is_read_with_scales_up_to_triệu_tỷ():
    nine = "chín trăm chín mươi chín"
    expected = f"{nine} triệu {nine} nghìn {nine} tỷ {nine} triệu {nine} nghìn {nine}"
    assert number_to_words(MAX_NUMBER) == expected
    assert number_to_words(999 * 10**15) == f"{nine} triệu tỷ"


@pytest.mark.parametrize("n", [True, "5", None, 1.5], ids=["bool", "str", "none", "fraction"])
def test_number_to_words_takes_only_whole_numbers(n):
    with pytest.raises(LanguageError):
        number_to_words(n)


def test_integral_floats_and_decimals_are_whole_numbers():
    assert number_to_words(1010.0) == number_to_words(Decimal("1010")) == "một nghìn không trăm mười"


# ---------------------------------------------------------------- decimals

DECIMAL_CASES = [
    ("0,3", "không phẩy ba"),
    ("0,5", "không phẩy năm"),
    ("1,5", "một phẩy năm"),
    ("0,25", "không phẩy hai mươi lăm"),
    ("0,15", "không phẩy mười lăm"),
    ("2,05", "hai phẩy không năm"),
    ("0,30", "không phẩy ba"),
    ("95,5", "chín mươi lăm phẩy năm"),
    ("3,14159", "ba phẩy một bốn một năm chín"),
    ("0,125", "không phẩy một trăm hai mươi lăm"),
    ("-1,5", "âm một phẩy năm"),
    ("7", "bảy"),
    ("1.234,5", "một nghìn hai trăm ba mươi tư phẩy năm"),
    (Decimal("0.3"), "không phẩy ba"),
    (Decimal("2.0"), "hai"),
]


@pytest.mark.parametrize("x, words", DECIMAL_CASES, ids=[str(x) for x, _ in DECIMAL_CASES])
def test_decimal_quantities_are_read_with_phẩy(x, words):
    assert decimal_to_words(x) == words


# ---------------------------------------------------------------- num2words

NUM2WORDS_BROKEN = [1_010, 1_015, 1_000_001, 2_005_000_000, 10**15, 1_005, 101, 24, 702_000]


@pytest.mark.parametrize("n", NUM2WORDS_BROKEN, ids=[str(n) for n in NUM2WORDS_BROKEN])
def test_num2words_vi_is_corrected_once_the_number_words_are_loaded(n):
    assert num2words(n, lang="vi") == number_to_words(n)


def test_num2words_vi_passes_the_options_and_money_through():
    assert num2words(1005, lang="vi", zero="lẻ") == "một nghìn không trăm lẻ năm"
    assert num2words(1410000, lang="vi", to="currency") == "Một triệu bốn trăm mười nghìn đồng"
    assert num2words(2, lang="vi_VN") == "hai"


@pytest.mark.parametrize(
    "n, words", [(1, "thứ nhất"), (2, "thứ hai"), (4, "thứ tư"), (11, "thứ mười một"), (21, "thứ hai mươi mốt")],
)
def test_num2words_vi_ordinals(n, words):
    assert num2words(n, lang="vi", to="ordinal") == words


def test_num2words_vi_reads_decimals_and_strings():
    assert num2words(0.3, lang="vi") == "không phẩy ba"
    assert num2words("0,3", lang="vi") == "không phẩy ba"
    assert num2words(Decimal("1010"), lang="vi") == "một nghìn không trăm mười"


@given(st.integers(min_value=-MAX_NUMBER, max_value=MAX_NUMBER))
@settings(max_examples=500)
def test_num2words_vi_equals_number_to_words_for_integers(n):
    assert num2words(n, lang="vi") == number_to_words(n)


# ---------------------------------------------------------------- properties

WRONG_SHAPES = [
    r"\bmột mươi\b",
    r"\blẻ mười\b",
    r"\blinh mười\b",
    r"\bmươi một\b",
    r"\bmười năm\b",
    r"\bmươi năm\b",
    r"\bkhông nghìn\b",
    r"\bkhông ngàn\b",
    r"\bkhông triệu\b",
    r"\bkhông tỷ\b",
    r"\bmười mốt\b",
    r"\blinh mốt\b",
    r"\blinh lăm\b",
    r"\bmươi không\b",
    r"\blinh không\b",
    r"\bmười không\b",
    r"\btư mươi\b",
    r"\btư trăm\b",
    r"\bmươi bốn\b",  # the default is tư after mươi
]

numbers = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=MAX_NUMBER),
    # numbers with many zero groups and zero digits
    st.lists(st.sampled_from([0, 0, 0, 1, 4, 5, 10, 14, 15, 21, 24, 25, 100, 101, 105, 110, 999]),
             min_size=1, max_size=6).map(lambda gs: int("".join(f"{g:03d}" for g in gs))),
)


@given(numbers)
@settings(max_examples=800)
def test_amount_words_never_contain_the_known_wrong_shapes(n):
    words = number_to_words(n)
    for shape in WRONG_SHAPES:
        assert not re.search(shape, words), (n, words, shape)
    assert "  " not in words
    assert words == words.strip()
    assert all(w for w in words.split(" "))
    if n:
        assert "không" not in words.split(" ")[:1]  # never starts with không
    money = amount_in_words(n)
    assert money == words[0].upper() + words[1:] + " đồng"
    assert "," not in money and "  " not in money


@given(numbers)
@settings(max_examples=300)
def test_every_inner_nonzero_group_is_read_with_three_digits(n):
    words = number_to_words(n)
    groups = f"{n:,}".split(",")
    inner = [g for g in groups[1:] if int(g)]
    hundreds_words = words.count("trăm")
    assert hundreds_words >= len(inner)


@given(numbers, st.sampled_from(["linh", "lẻ"]), st.sampled_from(["tư", "bốn"]), st.sampled_from(["nghìn", "ngàn"]))
@settings(max_examples=300)
def test_the_options_only_swap_their_own_words(n, zero, four, thousand):
    default = number_to_words(n).split(" ")
    other = number_to_words(n, zero=zero, four=four, thousand=thousand).split(" ")
    assert len(default) == len(other)
    for a, b in zip(default, other):
        assert a == b or (a, b) in {("linh", zero), ("tư", four), ("nghìn", thousand)}
