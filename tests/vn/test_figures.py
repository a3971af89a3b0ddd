from decimal import Decimal

import pytest
import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.vn import LanguageError, format_amount, format_decimal, parse_amount, parse_decimal

# ---------------------------------------------------------------- writing


@pytest.mark.parametrize(
    "n, expected",
    [
        (0, "0"),
        (5, "5"),
        (999, "999"),
        (1_000, "1.000"),
        (710_000, "710.000"),
        (1_410_000, "1.410.000"),
        (1_800_000, "1.800.000"),
        (2_005_000_000, "2.005.000.000"),
        (10**15, "1.000.000.000.000.000"),
        (-1_410_000, "-1.410.000"),
        (Decimal("1410000"), "1.410.000"),
        (Decimal("1410000.00"), "1.410.000"),
        (1410000.0, "1.410.000"),
    ],
    ids=["zero", "one-digit", "three-digits", "thousand", "710k", "1.41m", "1.8m", "2bn",
         "1e15", "negative", "decimal", "decimal-zero-fraction", "integral-float"],
)
def test_amounts_are_written_with_dots_between_thousands(n, expected):
    assert format_amount(n) == expected


@pytest.mark.parametrize("n", [Decimal("1.5"), 1.5, "1000", True, None], ids=["decimal", "float", "str", "bool", "none"])
def test_format_amount_refuses_fractions_and_non_numbers(n):
    with pytest.raises(LanguageError):
        format_amount(n)


@pytest.mark.parametrize(
    "x, places, expected",
    [
        (Decimal("0.3"), None, "0,3"),
        (0.3, None, "0,3"),
        ("0,3", None, "0,3"),
        (95.5, 1, "95,5"),
        (95.5, 2, "95,50"),
        (2.345, 2, "2,35"),
        (Decimal("2.5"), 0, "3"),
        (1234.5, None, "1.234,5"),
        (Decimal("1234567.891"), None, "1.234.567,891"),
        (Decimal("-0.5"), None, "-0,5"),
        (-0.0, None, "0,0"),
        (Decimal("1E+3"), None, "1.000"),
        (7, None, "7"),
        (Decimal("0.30"), None, "0,30"),
    ],
    ids=["decimal", "float", "string", "places-1", "places-2-pads", "half-up", "half-up-integer",
         "thousands", "long", "negative", "negative-zero", "exponent", "int", "kept-trailing-zero"],
)
def test_decimals_are_written_with_a_comma(x, places, expected):
    assert format_decimal(x, places=places) == expected


@pytest.mark.parametrize("x", [float("nan"), float("inf"), Decimal("NaN"), True, None], ids=["nan", "inf", "decimal-nan", "bool", "none"])
def test_format_decimal_refuses_non_numbers(x):
    with pytest.raises(LanguageError):
        format_decimal(x)


# ---------------------------------------------------------------- reading amounts

ACCEPTED_AMOUNTS = [
    (1_410_000, 1_410_000),
    (1_410_000.0, 1_410_000),
    (Decimal("1410000"), 1_410_000),
    (1_404_000.0000000002, 1_404_000),
    ("1.410.000", 1_410_000),
    ("1410000", 1_410_000),
    ("1.410.000 đ", 1_410_000),
    ("1.410.000 đồng", 1_410_000),
    ("1.410.000đ", 1_410_000),
    ("1.410.000đồng", 1_410_000),
    ("1.410.000 VNĐ", 1_410_000),
    ("1.410.000 VND", 1_410_000),
    ("1.410.000 ₫", 1_410_000),
    ("1.410.000 d", 1_410_000),
    ("1.410.000 dong", 1_410_000),
    ("VNĐ 1.410.000", 1_410_000),
    ("₫1.410.000", 1_410_000),
    ("1.410.000 đ.", 1_410_000),
    ("1 410 000", 1_410_000),
    ("1\u00a0410\u00a0000 đ", 1_410_000),
    ("1,410,000", 1_410_000),
    ("1.410.000,00", 1_410_000),
    ("1410000.00", 1_410_000),
    ("1.410", 1_410),
    ("-1.410.000", -1_410_000),
    ("  1.410.000  ", 1_410_000),
    ("0", 0),
    ("1.410.000 đ\u0302\u0300ng".replace("đ\u0302\u0300ng", "đ\u00f4\u0300ng"), 1_410_000),
]


@pytest.mark.parametrize(
    "value, expected", ACCEPTED_AMOUNTS, ids=[repr(v) for v, _ in ACCEPTED_AMOUNTS]
)
def test_amounts_are_read_as_clerks_and_excel_give_them(value, expected):
    result = parse_amount(value)
    assert result == expected
    assert type(result) is int


REJECTED_AMOUNTS = [
    ("1,410", "amount_comma_ambiguous"),
    ("14,100", "amount_comma_ambiguous"),
    ("1,41 triệu", "amount_scale_word"),
    ("1,5 triệu", "amount_scale_word"),
    ("1.5 triệu", "amount_scale_word"),
    ("2 tỷ đồng", "amount_scale_word"),
    ("710k", "amount_scale_word"),
    ("710 nghìn", "amount_scale_word"),
    ("1,41", "amount_not_integer"),
    ("1.410,5", "amount_not_integer"),
    ("1.41", "amount_dot_decimal"),
    ("1410000.5", "amount_dot_decimal"),
    ("1.410.00", "amount_unrecognized"),
    ("1..410", "amount_unrecognized"),
    ("1.4100", "amount_dot_decimal"),
    ("một triệu", "amount_unrecognized"),
    ("đ", "amount_unrecognized"),
    ("", "amount_empty"),
    ("  ", "amount_empty"),
    (1.5, "amount_not_integer"),
    (Decimal("1410000.5"), "amount_not_integer"),
    (float("nan"), "amount_not_finite"),
    (float("inf"), "amount_not_finite"),
    (True, "amount_type"),
    (None, "amount_type"),
    ([1], "amount_type"),
]


@pytest.mark.parametrize(
    "value, code", REJECTED_AMOUNTS, ids=[repr(v) for v, _ in REJECTED_AMOUNTS]
)
def test_ambiguous_or_wrong_amounts_are_rejected_with_a_reason(value, code):
    with pytest.raises(LanguageError) as err:
        parse_amount(value)
    assert err.value.code == code


def test_the_comma_message_explains_both_readings_and_what_to_type():
    with pytest.raises(LanguageError) as err:
        parse_amount("1,410")
    assert err.value.params == {"value": "1,410", "as_decimal": "1,41", "as_thousands": "1.410", "plain": "1410"}
    msg = str(err.value)
    assert "1,41" in msg and "1.410" in msg and "1410" in msg


@pytest.mark.parametrize(
    "value, suggestion",
    [("1,41 triệu", "1.410.000"), ("1.5 triệu", "1.500.000"), ("710k", "710.000"), ("2 tỷ", "2.000.000.000"), ("1,5 tr", "1.500.000")],
)
def test_a_scale_word_message_gives_the_full_figure_to_type(value, suggestion):
    with pytest.raises(LanguageError) as err:
        parse_amount(value)
    assert err.value.params["suggestion"] == suggestion
    assert suggestion in str(err.value)


def test_amount_messages_include_the_bad_value():
    for value, _code in REJECTED_AMOUNTS:
        if isinstance(value, str) and value.strip():
            with pytest.raises(LanguageError) as err:
                parse_amount(value)
            assert value.strip() in str(err.value)


# ---------------------------------------------------------------- reading decimals

ACCEPTED_DECIMALS = [
    ("0,3", Decimal("0.3")),
    ("1,5", Decimal("1.5")),
    ("95,5", Decimal("95.5")),
    ("0.3", Decimal("0.3")),
    ("95.5", Decimal("95.5")),
    ("1234.5", Decimal("1234.5")),
    ("0.300", Decimal("0.300")),
    ("0,300", Decimal("0.300")),
    ("1.234,5", Decimal("1234.5")),
    ("1,234.5", Decimal("1234.5")),
    ("1.234.567", Decimal("1234567")),
    ("12", Decimal("12")),
    ("-0,5", Decimal("-0.5")),
    ("1,2345", Decimal("1.2345")),
    ("1,234", Decimal("1.234")),
    ("12,500", Decimal("12.500")),
    (0.3, Decimal("0.3")),
    (3, Decimal("3")),
    (Decimal("0.6"), Decimal("0.6")),
]


@pytest.mark.parametrize("value, expected", ACCEPTED_DECIMALS, ids=[repr(v) for v, _ in ACCEPTED_DECIMALS])
def test_decimals_are_read_with_a_decimal_comma_and_an_unambiguous_dot(value, expected):
    result = parse_decimal(value)
    assert result == expected
    assert isinstance(result, Decimal)


REJECTED_DECIMALS = [
    ("1.234", "decimal_ambiguous"),
    ("12.500", "decimal_ambiguous"),
    ("1,5 triệu", "decimal_scale_word"),
    ("1,2,3", "decimal_unrecognized"),
    ("1.2.3", "decimal_unrecognized"),
    ("abc", "decimal_unrecognized"),
    ("95,5%", "decimal_unrecognized"),
    ("", "decimal_empty"),
    (float("nan"), "decimal_not_finite"),
    (True, "decimal_type"),
    (None, "decimal_type"),
]


@pytest.mark.parametrize("value, code", REJECTED_DECIMALS, ids=[repr(v) for v, _ in REJECTED_DECIMALS])
def test_ambiguous_decimals_are_rejected_with_a_reason(value, code):
    with pytest.raises(LanguageError) as err:
        parse_decimal(value)
    assert err.value.code == code


def test_the_decimal_ambiguity_message_says_what_to_type():
    with pytest.raises(LanguageError) as err:
        parse_decimal("1.234")
    assert err.value.params == {"value": "1.234", "as_decimal": "1,234", "plain": "1234"}


# ---------------------------------------------------------------- properties

@given(st.integers(min_value=-(10**20), max_value=10**20))
@settings(max_examples=500)
def test_format_then_parse_then_format_is_stable_for_amounts(n):
    text = format_amount(n)
    assert parse_amount(text) == n
    assert format_amount(parse_amount(text)) == text
    assert parse_amount(text + " đồng") == n
    assert parse_amount(text + "đ") == n
    assert parse_amount(str(n)) == n


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
@settings(max_examples=500)
def test_format_then_parse_gives_the_same_decimal(x):
    text = format_decimal(x)
    # the one shape refused on purpose: a single dot group ('1.234' = 1234 or 1,234?)
    assume(not re.fullmatch(r"-?[1-9]\d{0,2}\.\d{3}", text))
    assert parse_decimal(text) == x
    assert format_decimal(parse_decimal(text)) == text
