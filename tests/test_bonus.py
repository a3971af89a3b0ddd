"""Bonus amounts: coefficients × the base salary in force, rounded up to 10.000 đồng (ND 152/2025)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from ruamel.yaml import YAML

from generator.bonus import (
    DEFAULT_BONUS_CONFIG, RECIPIENT_TYPES, BonusConfig, BonusError, award_coefficient, base_salary_on,
    bonus_amount, fold_key, parse_recipient_type, resolve_award_form, round_up_10000,
)
from generator.messages import MESSAGES, text

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "khen-thuong-mac-dinh.yaml"
# The sample profile block: the agency's own table, at every date, and nothing else (theo_luat: false).
_SAMPLE_BLOCK = dict(YAML(typ="safe").load(SAMPLE.read_text(encoding="utf-8"))["khen_thuong"])
CONFIG = BonusConfig.model_validate({**_SAMPLE_BLOCK, "theo_luat": False})
ONCE_INDIVIDUAL_FIRST = CONFIG.model_copy(update={"lam_tron": "ca-nhan-truoc"})

# a day in force for each base salary
BASES = {
    1_490_000: dt.date(2019, 7, 1),
    1_800_000: dt.date(2023, 7, 1),
    2_340_000: dt.date(2024, 7, 1),
    2_530_000: dt.date(2026, 7, 1),
}
# (form, recipient, amounts at 1.490.000 / 1.800.000 / 2.340.000 / 2.530.000), computed by hand
TABLE_ONCE = [
    ("Giấy khen", "ca-nhan", (450_000, 540_000, 710_000, 760_000)),            # 0,3
    ("Giấy khen", "tap-the", (900_000, 1_080_000, 1_410_000, 1_520_000)),      # 0,6
    ("Giấy khen", "ho-gia-dinh", (680_000, 810_000, 1_060_000, 1_140_000)),    # 1,5 × 0,3
    ("Lao động tiên tiến", "ca-nhan", (450_000, 540_000, 710_000, 760_000)),   # 0,3
    ("Chiến sĩ thi đua cơ sở", "ca-nhan", (1_490_000, 1_800_000, 2_340_000, 2_530_000)),  # 1,0
    ("Tập thể lao động tiên tiến", "tap-the", (1_200_000, 1_440_000, 1_880_000, 2_030_000)),  # 0,8
]
# individual amount rounded first, then × 2 (tập thể) or × 1,5 (hộ gia đình), rounded up again
TABLE_INDIVIDUAL_FIRST = [
    ("Giấy khen", "ca-nhan", (450_000, 540_000, 710_000, 760_000)),
    ("Giấy khen", "tap-the", (900_000, 1_080_000, 1_420_000, 1_520_000)),
    ("Giấy khen", "ho-gia-dinh", (680_000, 810_000, 1_070_000, 1_140_000)),
    ("Tập thể lao động tiên tiến", "tap-the", (1_200_000, 1_440_000, 1_880_000, 2_030_000)),
]


def _cases(table):
    for form, kind, amounts in table:
        for (base, day), amount in zip(BASES.items(), amounts):
            yield pytest.param(form, kind, day, amount, id=f"{fold_key(form)}-{kind}-{base}")


@pytest.mark.parametrize("form, kind, day, expected", list(_cases(TABLE_ONCE)))
def test_every_coefficient_at_every_base_salary_rounds_up_once(form, kind, day, expected):
    assert bonus_amount(form, kind, day, CONFIG) == expected


@pytest.mark.parametrize("form, kind, day, expected", list(_cases(TABLE_INDIVIDUAL_FIRST)))
def test_rounding_the_individual_amount_first_then_scaling(form, kind, day, expected):
    assert bonus_amount(form, kind, day, ONCE_INDIVIDUAL_FIRST) == expected


@pytest.mark.parametrize(
    "day, base",
    [
        (dt.date(2023, 6, 30), 1_490_000), (dt.date(2023, 7, 1), 1_800_000),
        (dt.date(2024, 6, 30), 1_800_000), (dt.date(2024, 7, 1), 2_340_000),
        (dt.date(2026, 6, 30), 2_340_000), (dt.date(2026, 7, 1), 2_530_000),
        (dt.date(2030, 1, 1), 2_530_000), (dt.date(2019, 7, 1), 1_490_000),
    ],
    ids=["30-6-2023", "1-7-2023", "30-6-2024", "1-7-2024", "30-6-2026", "1-7-2026", "later",
         "first-day"],
)
def test_the_base_salary_changes_on_the_first_of_july(day, base):
    assert base_salary_on(day, CONFIG) == base


@pytest.mark.parametrize(
    "day, expected",
    [(dt.date(2023, 6, 30), 450_000), (dt.date(2023, 7, 1), 540_000),
     (dt.date(2024, 6, 30), 540_000), (dt.date(2024, 7, 1), 710_000),
     (dt.date(2026, 6, 30), 710_000), (dt.date(2026, 7, 1), 760_000)],
    ids=["30-6-2023", "1-7-2023", "30-6-2024", "1-7-2024", "30-6-2026", "1-7-2026"],
)
def test_a_decision_signed_on_the_boundary_day_uses_the_new_base(day, expected):
    assert bonus_amount("Giấy khen", "ca-nhan", day, CONFIG) == expected


@pytest.mark.parametrize(
    "kind, day, expected",
    [
        ("ca-nhan", dt.date(2025, 3, 15), 710_000), ("tap-the", dt.date(2025, 3, 15), 1_410_000),
        ("ho-gia-dinh", dt.date(2025, 3, 15), 1_060_000),
        ("ca-nhan", dt.date(2026, 9, 1), 760_000), ("tap-the", dt.date(2026, 9, 1), 1_520_000),
        ("ho-gia-dinh", dt.date(2026, 9, 1), 1_140_000),
        ("ca-nhan", dt.date(2024, 1, 10), 540_000), ("tap-the", dt.date(2024, 1, 10), 1_080_000),
    ],
    ids=["710k", "1410k", "household-1060k", "760k", "1520k", "household-1140k", "540k", "1080k"],
)
def test_the_worked_examples_of_the_spec(kind, day, expected):
    assert bonus_amount("Giấy khen", kind, day, CONFIG) == expected


def test_the_two_rounding_orders_differ_for_collectives_and_households():
    day = dt.date(2025, 3, 15)
    assert [bonus_amount("Giấy khen", k, day, CONFIG) for k in RECIPIENT_TYPES] == [
        710_000, 1_410_000, 1_060_000]
    assert [bonus_amount("Giấy khen", k, day, ONCE_INDIVIDUAL_FIRST) for k in RECIPIENT_TYPES] == [
        710_000, 1_420_000, 1_070_000]


def test_a_relative_collective_coefficient_follows_the_rounding_setting():
    data = {"luong_co_so": [{"tu_ngay": "01/7/2024", "muc": 2_340_000}],
            "hinh_thuc": {"Giấy khen": {"ca_nhan": "0,3", "tap_the": "2x"}}}
    day = dt.date(2025, 1, 1)
    assert bonus_amount("Giấy khen", "tap-the", day, BonusConfig.model_validate(data)) == 1_410_000
    individual_first = BonusConfig.model_validate({**data, "lam_tron": "ca-nhan-truoc"})
    assert bonus_amount("Giấy khen", "tap-the", day, individual_first) == 1_420_000


# ---------------------------------------------------------------------------------- rounding

@pytest.mark.parametrize(
    "amount, expected",
    [(Decimal("702000"), 710_000), (Decimal("710000"), 710_000), (Decimal("710000.0001"), 720_000),
     (Decimal("1138500"), 1_140_000), (Decimal("1"), 10_000), (0, 0), (Decimal("1980000.0"), 1_980_000)],
    ids=["up", "exact", "a-hair-above", "half-thousand", "tiny", "zero", "trailing-zero"],
)
def test_round_up_10000_goes_to_the_next_ten_thousand(amount, expected):
    assert round_up_10000(amount) == expected


def test_round_up_10000_refuses_floats():
    with pytest.raises(TypeError):
        round_up_10000(1.1 * 1_800_000)


@pytest.mark.parametrize("coefficient", ["1.1", "1,1", 1.1], ids=["text", "comma", "yaml-float"])
def test_the_float_trap_1_1_times_1_800_000_gives_1_980_000(coefficient):
    assert 1.1 * 1_800_000 != 1_980_000  # the trap is real
    config = BonusConfig.model_validate({
        "luong_co_so": [{"tu_ngay": "01/7/2023", "muc": 1_800_000}],
        "hinh_thuc": {"X": {"ca_nhan": coefficient}},
    })
    assert bonus_amount("X", "ca-nhan", dt.date(2023, 8, 1), config) == 1_980_000


@settings(max_examples=300, deadline=None)
@given(tenths=st.integers(1, 199), base=st.integers(1_000_000, 3_000_000),
       kind=st.sampled_from(["ca-nhan", "tap-the"]))
def test_an_amount_is_the_exact_product_rounded_up_to_a_multiple_of_10000(tenths, base, kind):
    coefficient = f"{tenths // 10}.{tenths % 10}"
    config = BonusConfig.model_validate({
        "luong_co_so": [{"tu_ngay": "01/01/2020", "muc": base}],
        "hinh_thuc": {"Hình thức": {kind.replace("-", "_"): coefficient}},
    })
    amount = bonus_amount("Hình thức", kind, dt.date(2025, 1, 1), config)
    exact = Fraction(tenths, 10) * base
    assert amount % 10_000 == 0
    assert exact <= amount < exact + 10_000
    assert round_up_10000(Decimal(coefficient) * base) == amount


# ---------------------------------------------------------------------------------- lookups

@pytest.mark.parametrize(
    "typed, expected",
    [("Cá nhân", "ca-nhan"), ("ca nhan", "ca-nhan"), ("CÁ NHÂN", "ca-nhan"), ("  cá   nhân ", "ca-nhan"),
     (unicodedata.normalize("NFD", "Cá nhân"), "ca-nhan"), ("ca-nhan", "ca-nhan"), ("CN", "ca-nhan"),
     ("Tập thể", "tap-the"), ("TẬP THỂ", "tap-the"), ("tap_the", "tap-the"), ("Doanh nghiệp", "tap-the"),
     ("Hộ gia đình", "ho-gia-dinh"), ("hộ", "ho-gia-dinh"), ("Ho gia dinh", "ho-gia-dinh"),
     (unicodedata.normalize("NFD", "Hộ gia đình"), "ho-gia-dinh")],
    ids=["vn", "no-accents", "upper", "spaces", "nfd", "code", "abbrev", "collective",
         "collective-upper",
         "underscore", "enterprise", "household", "ho", "household-ascii", "household-nfd"],
)
def test_recipient_types_are_read_whatever_the_spelling(typed, expected):
    assert parse_recipient_type(typed) == expected


@pytest.mark.parametrize("typed", ["Ông", "nhân viên", "", None, 3],
                         ids=["title", "other", "empty", "none", "number"])
def test_an_unknown_recipient_type_lists_the_choices(typed):
    with pytest.raises(BonusError) as info:
        parse_recipient_type(typed)
    assert info.value.code == "recipient_type_unknown"
    assert info.value.params["allowed"] == "Cá nhân, Tập thể, Hộ gia đình"


@pytest.mark.parametrize(
    "typed, expected",
    [("Giấy khen", "Giấy khen"), ("GIẤY KHEN", "Giấy khen"), ("giay khen", "Giấy khen"),
     (" Giấy   khen. ", "Giấy khen"), (unicodedata.normalize("NFD", "Giấy khen"), "Giấy khen"),
     ("Tặng Giấy khen", "Giấy khen"), ('Danh hiệu "Lao động tiên tiến"', "Lao động tiên tiến"),
     ("LĐTT", "Lao động tiên tiến"), ("CSTĐCS", "Chiến sĩ thi đua cơ sở"),
     ("Chiến sỹ thi đua cơ sở", "Chiến sĩ thi đua cơ sở"), ("TTLĐTT", "Tập thể lao động tiên tiến")],
    ids=["exact", "upper", "no-accents", "spaces-dot", "nfd", "tang", "danh-hieu-quoted", "ldtt",
         "cstdcs", "sy-for-si", "ttldtt"],
)
def test_award_forms_resolve_to_their_canonical_name(typed, expected):
    assert resolve_award_form(typed, CONFIG) == expected


def test_an_unknown_award_form_lists_the_known_forms():
    with pytest.raises(BonusError) as info:
        bonus_amount("Bằng khen", "ca-nhan", dt.date(2025, 1, 1), CONFIG)
    assert info.value.code == "award_form_unknown"
    assert info.value.params["allowed"] == (
        "Giấy khen, Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến")


@pytest.mark.parametrize(
    "form, kind, alternatives",
    [("Lao động tiên tiến", "tap-the", "Giấy khen, Tập thể lao động tiên tiến"),
     ("Tập thể lao động tiên tiến", "ca-nhan", "Giấy khen, Lao động tiên tiến, Chiến sĩ thi đua cơ sở"),
     ("Chiến sĩ thi đua cơ sở", "ho-gia-dinh", "Giấy khen")],
    ids=["ldtt-for-collective", "ttldtt-for-individual", "cstdcs-for-household"],
)
def test_a_form_not_given_to_that_recipient_type_is_refused(form, kind, alternatives):
    with pytest.raises(BonusError) as info:
        bonus_amount(form, kind, dt.date(2025, 1, 1), CONFIG)
    assert info.value.code == "award_not_for_recipient"
    assert info.value.params["alternatives"] == alternatives
    with pytest.raises(BonusError):
        award_coefficient(form, kind, CONFIG)


def test_a_date_before_the_salary_table_is_an_error():
    with pytest.raises(BonusError) as info:
        base_salary_on(dt.date(2019, 6, 30), CONFIG)
    assert info.value.code == "base_salary_unknown"
    assert info.value.params == {"value": "30/6/2019", "first": "01/7/2019"}


# ---------------------------------------------------------------------------------- the profile block

def test_the_sample_profile_block_repeats_the_law_of_2025_for_its_forms():
    sample = BonusConfig.model_validate(_SAMPLE_BLOCK)
    law = DEFAULT_BONUS_CONFIG.forms_on(dt.date(2026, 1, 1))
    for name, form in sample.hinh_thuc.items():
        assert form.model_dump(include={"ca_nhan", "tap_the", "ho_gia_dinh"}) == \
            law[name].model_dump(include={"ca_nhan", "tap_the", "ho_gia_dinh"})


def test_a_config_round_trips_through_its_dump():
    dumped = CONFIG.model_dump(mode="json")
    assert dumped["hinh_thuc"]["Giấy khen"]["ho_gia_dinh"] == "1.5x"
    assert BonusConfig.model_validate(dumped) == CONFIG


def test_coefficients_are_decimals_read_from_their_text():
    form = CONFIG.hinh_thuc["Giấy khen"]
    assert form.ca_nhan.factor == Decimal("0.3") and not form.ca_nhan.relative
    assert form.ho_gia_dinh.factor == Decimal("1.5") and form.ho_gia_dinh.relative


def test_the_salary_table_is_sorted_and_accepts_dotted_amounts():
    config = BonusConfig.model_validate({
        "luong_co_so": [{"tu_ngay": "01/7/2024", "muc": "2.340.000"},
                        {"tu_ngay": "2023-07-01", "muc": 1_800_000}],
        "hinh_thuc": {"Giấy khen": {"ca_nhan": 0.3}},
    })
    assert [row.muc for row in config.luong_co_so] == [1_800_000, 2_340_000]


GOOD = {"luong_co_so": [{"tu_ngay": "01/7/2024", "muc": 2_340_000}],
        "hinh_thuc": {"Giấy khen": {"ca_nhan": "0.3"}}}


@pytest.mark.parametrize(
    "change, code",
    [
        ({"hinh_thuc": {"Giấy khen": {"ca_nhan": "abc"}}}, "bonus_coefficient_invalid"),
        ({"hinh_thuc": {"Giấy khen": {"ca_nhan": "-0.3"}}}, "bonus_coefficient_invalid"),
        ({"hinh_thuc": {"Giấy khen": {"ca_nhan": True}}}, "bonus_coefficient_invalid"),
        ({"hinh_thuc": {"Giấy khen": {"ca_nhan": "1.5x"}}}, "bonus_individual_relative"),
        ({"hinh_thuc": {"Giấy khen": {"tap_the": "2x"}}}, "bonus_relative_needs_individual"),
        ({"hinh_thuc": {"Giấy khen": {}}}, "bonus_form_empty"),
        ({"hinh_thuc": {"Giấy khen": {"ca_nhan": "0.3", "tap_the_x": "0.6"}}}, "extra_forbidden"),
        ({"hinh_thuc": {"Giấy khen": {"ca_nhan": "0.3"}, "GIAY  KHEN": {"ca_nhan": "0.3"}}},
         "bonus_form_name_clash"),
        ({"luong_co_so": [{"tu_ngay": "01/7/2024", "muc": 1}, {"tu_ngay": "1/7/2024", "muc": 2}]},
         "bonus_salary_date_duplicate"),
        ({"luong_co_so": [{"tu_ngay": "31/6/2024", "muc": 2_340_000}]}, "date_invalid"),
        ({"luong_co_so": [{"tu_ngay": "01/7/2024", "muc": 0}]}, "base_salary_not_positive"),
        ({"luong_co_so": []}, "too_short"),
        ({"lam_tron": "hai-lan"}, "literal_error"),
        ({"muc_thuong": 1}, "extra_forbidden"),
    ],
    ids=["not-a-number", "negative", "bool", "relative-individual", "relative-without-individual",
         "empty-form", "unknown-recipient-key", "name-clash", "duplicate-date", "impossible-date",
         "zero-salary", "empty-table", "unknown-rounding", "unknown-key"],
)
def test_a_broken_profile_block_is_reported_with_a_catalogued_code(change, code):
    with pytest.raises(ValidationError) as info:
        BonusConfig.model_validate({**GOOD, **change})
    codes = [error["type"] for error in info.value.errors()]
    assert code in codes
    assert code in MESSAGES


BONUS_CODES = {
    "recipient_type_unknown": {"value": "x", "allowed": "a"},
    "award_form_unknown": {"value": "x", "allowed": "a"},
    "award_not_for_recipient": {"value": "x", "recipient": "Tập thể", "allowed": "a",
                                "alternatives": "b"},
    "base_salary_unknown": {"value": "30/06/2019", "first": "01/07/2019"},
    "bonus_coefficient_invalid": {"value": "x"},
    "bonus_individual_relative": {"value": "x"},
    "bonus_relative_needs_individual": {"value": "x"},
    "bonus_form_empty": {},
    "bonus_form_name_empty": {},
    "bonus_form_name_clash": {"value": "x", "other": "y"},
    "bonus_salary_date_duplicate": {"value": "x"},
    "amount_not_positive": {"value": "x"},
}


@pytest.mark.parametrize("code", sorted(BONUS_CODES))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_bonus_message_exists_in_both_languages_and_fills_its_parameters(code, lang):
    sentence = text(code, lang, **BONUS_CODES[code])
    assert "{" not in sentence and sentence != code


def test_a_bonus_error_survives_pickling_for_worker_processes():
    import pickle

    error = pickle.loads(pickle.dumps(BonusError("award_form_unknown", value="x", allowed="y")))
    assert (error.code, error.params) == ("award_form_unknown", {"value": "x", "allowed": "y"})
    assert isinstance(error, ValueError)
