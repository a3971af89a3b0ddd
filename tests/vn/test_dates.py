import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.vn import (
    LanguageError,
    date_line,
    date_words,
    draft_date_line,
    parse_date,
    short_date,
)
from generator.vn.dates import MAX_YEAR, MIN_YEAR, excel_serial_to_date


# ---------------------------------------------------------------- writing

@pytest.mark.parametrize(
    "d, expected",
    [
        (dt.date(2024, 2, 5), "Hải Phòng, ngày 05 tháng 02 năm 2024"),
        (dt.date(2024, 1, 5), "Hải Phòng, ngày 05 tháng 01 năm 2024"),
        (dt.date(2023, 4, 13), "Hải Phòng, ngày 13 tháng 4 năm 2023"),
        (dt.date(2022, 9, 27), "Hải Phòng, ngày 27 tháng 9 năm 2022"),
        (dt.date(2023, 12, 29), "Hải Phòng, ngày 29 tháng 12 năm 2023"),
        (dt.date(2020, 3, 5), "Hải Phòng, ngày 05 tháng 3 năm 2020"),
        (dt.date(2023, 10, 1), "Hải Phòng, ngày 01 tháng 10 năm 2023"),
        (dt.date(2023, 11, 10), "Hải Phòng, ngày 10 tháng 11 năm 2023"),
    ],
    ids=["feb-padded", "jan-padded", "april-not-padded", "september-not-padded",
         "december", "march-not-padded-day-padded", "october-day-1", "day-10-not-padded"],
)
def test_the_date_line_pads_days_below_10_and_only_months_1_and_2(d, expected):
    assert date_line("Hải Phòng", d) == expected


@pytest.mark.parametrize("month", range(1, 13), ids=lambda m: f"month-{m}")
def test_the_month_is_padded_only_for_january_and_february(month):
    words = date_words(dt.date(2024, month, 15))
    expected = f"{month:02d}" if month <= 2 else str(month)
    assert words == f"ngày 15 tháng {expected} năm 2024"


@pytest.mark.parametrize("day", range(1, 32), ids=lambda d: f"day-{d}")
def test_the_day_is_padded_below_10_and_written_as_is_from_10(day):
    assert date_words(dt.date(2024, 1, day)).startswith(f"ngày {day:02d} tháng")


@pytest.mark.parametrize(
    "d, expected",
    [
        (dt.date(2023, 4, 13), "13/4/2023"),
        (dt.date(2024, 1, 5), "05/01/2024"),
        (dt.date(2024, 2, 5), "05/02/2024"),
        (dt.date(2023, 12, 29), "29/12/2023"),
        (dt.date(2020, 3, 5), "05/3/2020"),
    ],
    ids=["april", "january", "february", "december", "march-day-padded"],
)
def test_the_short_date_follows_the_same_zero_rules(d, expected):
    assert short_date(d) == expected


def test_the_date_line_matches_the_nd30_regex_for_every_day_of_a_leap_year():
    import re

    pattern = re.compile(
        r"^(?P<place>[^,]+), ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm (\d{4})$"
    )
    d = dt.date(2024, 1, 1)
    while d.year == 2024:
        assert pattern.match(date_line("Hải Phòng", d)), d
        d += dt.timedelta(days=1)


def test_date_words_has_no_place():
    assert date_words(dt.date(2024, 2, 5)) == "ngày 05 tháng 02 năm 2024"


def test_a_datetime_is_written_as_its_date():
    assert date_line("Hà Nội", dt.datetime(2020, 1, 5, 14, 30)) == "Hà Nội, ngày 05 tháng 01 năm 2020"


def test_the_place_is_cleaned_and_nfc_normalised():
    nfd_place = "Ha\u0309i Pho\u0300ng"
    assert date_line("  " + nfd_place + " , ", dt.date(2024, 2, 5)) == "Hải Phòng, ngày 05 tháng 02 năm 2024"


@pytest.mark.parametrize("place", ["", "   ", " , "], ids=["empty", "spaces", "comma"])
def test_an_empty_place_is_an_error(place):
    with pytest.raises(LanguageError) as err:
        date_line(place, dt.date(2024, 2, 5))
    assert err.value.code == "place_empty"


def test_the_draft_date_line_has_six_spaces_in_each_blank():
    assert draft_date_line("Hải Phòng", 2024) == "Hải Phòng, ngày      tháng      năm 2024"


def test_the_draft_date_line_without_a_year_leaves_the_year_blank_too():
    assert draft_date_line("Hải Phòng") == "Hải Phòng, ngày      tháng      năm       "
    assert draft_date_line("Hải Phòng").endswith("năm" + " " * 7)


@pytest.mark.parametrize("year", [24, 1800, "2024", True], ids=["two-digit", "too-old", "string", "bool"])
def test_the_draft_date_line_rejects_a_bad_year(year):
    with pytest.raises(LanguageError):
        draft_date_line("Hải Phòng", year)


# ---------------------------------------------------------------- reading

@pytest.mark.parametrize(
    "value, expected",
    [
        (dt.date(2023, 4, 13), dt.date(2023, 4, 13)),
        (dt.datetime(2023, 4, 13, 9, 15), dt.date(2023, 4, 13)),
        ("13/4/2023", dt.date(2023, 4, 13)),
        ("13/04/2023", dt.date(2023, 4, 13)),
        ("13-04-2023", dt.date(2023, 4, 13)),
        ("13.04.2023", dt.date(2023, 4, 13)),
        ("2023-04-13", dt.date(2023, 4, 13)),
        ("2023/4/13", dt.date(2023, 4, 13)),
        ("2023-04-13 00:00:00", dt.date(2023, 4, 13)),
        ("2023-04-13T08:30:00", dt.date(2023, 4, 13)),
        ("13/04/2023 08:30", dt.date(2023, 4, 13)),
        (" 5 / 1 / 2024 ", dt.date(2024, 1, 5)),
        ("05/01/2024", dt.date(2024, 1, 5)),
        ("ngày 13 tháng 4 năm 2023", dt.date(2023, 4, 13)),
        ("Ngày 05 tháng 02 năm 2024", dt.date(2024, 2, 5)),
        ("ngày 13 tha\u0301ng 4 na\u0306m 2023", dt.date(2023, 4, 13)),
        ("29/02/2024", dt.date(2024, 2, 29)),
        (45029, dt.date(2023, 4, 13)),
        (45029.0, dt.date(2023, 4, 13)),
        (45029.75, dt.date(2023, 4, 13)),
        (Decimal("45029"), dt.date(2023, 4, 13)),
        (1, dt.date(1900, 1, 1)),
        (59, dt.date(1900, 2, 28)),
        (61, dt.date(1900, 3, 1)),
        (43831, dt.date(2020, 1, 1)),
    ],
    ids=[
        "date", "datetime", "slash-short", "slash-padded", "dash", "dot", "iso",
        "iso-slash", "iso-with-midnight", "iso-T-time", "dmy-with-time", "spaces",
        "january-padded", "words", "words-capital", "words-nfd", "leap-day",
        "excel-int", "excel-float", "excel-float-with-time", "excel-decimal",
        "excel-1", "excel-59", "excel-61", "excel-2020",
    ],
)
def test_dates_are_read_the_way_clerks_and_excel_give_them(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value, code",
    [
        ("31/02/2023", "date_invalid"),
        ("29/02/2023", "date_invalid"),
        ("31/04/2024", "date_invalid"),
        ("32/01/2024", "date_day_invalid"),
        ("0/01/2024", "date_day_invalid"),
        ("4/13/2023", "date_month_invalid"),
        ("13/0/2023", "date_month_invalid"),
        ("13/4/23", "date_two_digit_year"),
        ("13-04-23", "date_two_digit_year"),
        ("13.4.23", "date_two_digit_year"),
        ("13/4/203", "date_unrecognized"),
        ("13/4-2023", "date_unrecognized"),
        ("13042023", "date_unrecognized"),
        ("45029", "date_unrecognized"),
        ("hôm qua", "date_unrecognized"),
        ("", "date_empty"),
        ("   ", "date_empty"),
        ("13/4/1899", "date_year_out_of_range"),
        ("13/4/2101", "date_year_out_of_range"),
        (dt.date(1800, 1, 1), "date_year_out_of_range"),
        (0, "date_serial_invalid"),
        (-5, "date_serial_invalid"),
        (float("nan"), "date_serial_invalid"),
        (float("inf"), "date_serial_invalid"),
        (10_000_000, "date_serial_invalid"),
        (60, "date_serial_1900_leap"),
        (2023, "date_serial_looks_like_year"),
        (2024.0, "date_serial_looks_like_year"),
        (True, "date_type"),
        (None, "date_type"),
        ([2023, 4, 13], "date_type"),
    ],
    ids=[
        "feb-31", "feb-29-non-leap", "april-31", "day-32", "day-0",
        "month-first-us-style", "month-0", "two-digit-year-slash",
        "two-digit-year-dash", "two-digit-year-dot", "three-digit-year",
        "mixed-separators", "digits-only", "serial-as-text", "words", "empty",
        "blank", "year-1899", "year-2101", "old-date-object", "serial-0",
        "serial-negative", "nan", "inf", "serial-too-large", "excel-fake-leap-day",
        "year-typed-as-number", "year-typed-as-float", "bool", "none", "list",
    ],
)
def test_impossible_or_ambiguous_dates_are_rejected_with_a_reason(value, code):
    with pytest.raises(LanguageError) as err:
        parse_date(value)
    assert err.value.code == code


def test_the_invalid_date_message_names_the_value_day_and_month():
    with pytest.raises(LanguageError) as err:
        parse_date("31/02/2023")
    assert str(err.value) == (
        "'31/02/2023' không phải là ngày hợp lệ (ngày 31 không có trong tháng 2/2023); "
        "hãy kiểm tra lại ngày"
    )
    assert err.value.params == {"value": "31/02/2023", "day": 31, "month": 2, "year": 2023}


def test_the_two_digit_year_message_suggests_a_four_digit_year():
    with pytest.raises(LanguageError) as err:
        parse_date("13/4/23")
    assert "13/4/2023" in str(err.value)
    assert "4 chữ số" in str(err.value)


def test_a_parse_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_date("31/02/2023")


def test_excel_serial_45029_is_13_april_2023():
    assert excel_serial_to_date(45029) == dt.date(2023, 4, 13)


# ---------------------------------------------------------------- properties

dates = st.dates(min_value=dt.date(MIN_YEAR, 1, 1), max_value=dt.date(MAX_YEAR, 12, 31))


@given(dates)
@settings(max_examples=300)
def test_short_date_then_parse_gives_the_same_date(d):
    text = short_date(d)
    assert parse_date(text) == d
    assert short_date(parse_date(text)) == text


@given(dates)
@settings(max_examples=200)
def test_date_words_then_parse_gives_the_same_date(d):
    assert parse_date(date_words(d)) == d


@given(dates)
@settings(max_examples=200)
def test_every_written_form_of_a_date_is_read_back(d):
    for text in (
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        d.isoformat(),
    ):
        assert parse_date(text) == d


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(MAX_YEAR, 12, 31)))
@settings(max_examples=200)
def test_excel_serials_agree_with_the_1899_12_30_epoch_after_february_1900(d):
    serial = (d - dt.date(1899, 12, 30)).days
    if MIN_YEAR <= serial <= MAX_YEAR:
        return  # whole numbers that look like a year are rejected on purpose
    assert parse_date(serial) == d
