"""Dates as ND30 writes them, and dates as clerks and Excel give them.

ND30 (PL I, Part I, II.4) zero rules, used both on the date line and in the
short form inside body text:

- day 1-9 takes a leading zero (``05``); 10-31 as is;
- months 1 and 2 take a leading zero (``01``, ``02``); months 3-12 do not;
- the year has 4 digits.

Pure functions, no I/O.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
from decimal import Decimal

from .errors import LanguageError
from .text import clean_text

__all__ = [
    "MIN_YEAR",
    "MAX_YEAR",
    "parse_date",
    "date_line",
    "date_words",
    "short_date",
    "draft_date_line",
    "day_str",
    "month_str",
    "excel_serial_to_date",
]

MIN_YEAR = 1900
MAX_YEAR = 2100

DRAFT_BLANK = " " * 6

_EXCEL_EPOCH = _dt.date(1899, 12, 30)  # serial 61 -> 1900-03-01
_EXCEL_MAX_SERIAL = (_dt.date(MAX_YEAR, 12, 31) - _EXCEL_EPOCH).days


def day_str(day: int) -> str:
    """ND30 day: ``5`` -> ``'05'``, ``13`` -> ``'13'``."""
    return f"{day:02d}"


def month_str(month: int) -> str:
    """ND30 month: 1 and 2 padded (``'01'``, ``'02'``), 3-12 not (``'3'`` ... ``'12'``)."""
    return f"{month:02d}" if month < 3 else str(month)


def _as_date(d: object) -> _dt.date:
    if isinstance(d, _dt.datetime):
        return d.date()
    if isinstance(d, _dt.date):
        return d
    return parse_date(d)


def date_words(d: _dt.date) -> str:
    """``'ngày 05 tháng 02 năm 2024'`` (no place). Accepts anything :func:`parse_date` accepts."""
    d = _as_date(d)
    return f"ngày {day_str(d.day)} tháng {month_str(d.month)} năm {d.year:04d}"


def date_line(place: str, d: _dt.date) -> str:
    """The place-and-date line: ``'Hải Phòng, ngày 05 tháng 02 năm 2024'``."""
    return f"{_place(place)}, {date_words(d)}"


def date_words_or_blank(d: _dt.date | None) -> str:
    """``date_words`` of a date, or the blank form a draft prints (``ngày      tháng      năm       ``)."""
    if d is None:
        return f"ngày{DRAFT_BLANK}tháng{DRAFT_BLANK}năm {DRAFT_BLANK}"
    return date_words(d)


def short_date(d: _dt.date) -> str:
    """The short form used in body text: ``'13/4/2023'``, ``'05/01/2024'``, ``'29/12/2023'``."""
    d = _as_date(d)
    return f"{day_str(d.day)}/{month_str(d.month)}/{d.year:04d}"


def draft_date_line(place: str, year: int | None = None) -> str:
    """Date line with blanks for the clerk: ``'Hải Phòng, ngày      tháng      năm 2024'``.

    Each blank is exactly six spaces; with ``year=None`` the year is a blank too.
    """
    if year is None:
        year_text = DRAFT_BLANK
    else:
        if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
            raise LanguageError(
                "date_year_out_of_range", value=str(year), year=year,
                min_year=MIN_YEAR, max_year=MAX_YEAR,
            )
        year_text = f"{year:04d}"
    return f"{_place(place)}, ngày{DRAFT_BLANK}tháng{DRAFT_BLANK}năm {year_text}"


def _place(place: str) -> str:
    text = clean_text(place, multiline=False).rstrip(",").strip()
    if not text:
        raise LanguageError("place_empty")
    return text


# --------------------------------------------------------------------------
# Parsing

_DMY_RE = re.compile(r"^(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d+)$")
_YMD_RE = re.compile(r"^(\d{4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})$")
_WORDS_RE = re.compile(
    r"^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d+)$", re.IGNORECASE
)
# A trailing time of day, as written by spreadsheets and CSV exports.
_TIME_RE = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?)$")


def parse_date(value: object) -> _dt.date:
    """Read a date the way clerks and spreadsheets give it; raise ``LanguageError`` otherwise.

    Accepted:

    - ``datetime.date`` / ``datetime.datetime`` (time of day dropped);
    - strings day-first: ``13/4/2023``, ``13/04/2023``, ``13-04-2023``,
      ``13.04.2023`` (same separator twice; spaces around it tolerated);
    - ISO year-first: ``2023-04-13`` (also ``2023/04/13``, ``2023.04.13``),
      optionally followed by a time (``2023-04-13 00:00:00``, ``...T08:30``);
    - the words form ``ngày 13 tháng 4 năm 2023`` (with or without ``ngày``);
    - Excel serial numbers in the 1900 date system, int or float (the time
      fraction is dropped): 45029 -> 2023-04-13.

    Rejected with a reason: impossible dates (31/02/2023), month > 12 (a
    month-first date), 2-digit years, years outside 1900-2100, whole numbers
    1900-2100 (a year typed into a date cell), serial 60 (Excel's fictitious
    29/02/1900), other numbers and types.
    """
    if isinstance(value, _dt.datetime):
        return _check_year(value.date(), str(value))
    if isinstance(value, _dt.date):
        return _check_year(value, str(value))
    if isinstance(value, bool):
        raise LanguageError("date_type", value=str(value), type=type(value).__name__)
    if isinstance(value, (int, float, Decimal)):
        return excel_serial_to_date(value)
    if not isinstance(value, str):
        raise LanguageError("date_type", value=_short(value), type=type(value).__name__)

    text = clean_text(value, multiline=False)
    if not text:
        raise LanguageError("date_empty")
    shown = text

    m = _WORDS_RE.match(text)
    if m:
        return _build(shown, int(m.group(3)), int(m.group(2)), int(m.group(1)), m.group(3))

    core = _TIME_RE.sub("", text).strip()
    m = _YMD_RE.match(core)
    if m:
        return _build(shown, int(m.group(1)), int(m.group(3)), int(m.group(4)), m.group(1))
    m = _DMY_RE.match(core)
    if m:
        return _build(shown, int(m.group(4)), int(m.group(3)), int(m.group(1)), m.group(4))
    raise LanguageError("date_unrecognized", value=shown)


def _build(shown: str, year: int, month: int, day: int, year_text: str) -> _dt.date:
    if len(year_text) == 2:
        suggestion = f"{day}/{month}/20{year_text}"
        raise LanguageError(
            "date_two_digit_year", value=shown, year=year_text, suggestion=suggestion
        )
    if len(year_text) != 4:
        raise LanguageError("date_unrecognized", value=shown)
    if not 1 <= month <= 12:
        raise LanguageError("date_month_invalid", value=shown, month=month)
    if not 1 <= day <= 31:
        raise LanguageError("date_day_invalid", value=shown, day=day)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise LanguageError(
            "date_year_out_of_range", value=shown, year=year,
            min_year=MIN_YEAR, max_year=MAX_YEAR,
        )
    if day > calendar.monthrange(year, month)[1]:
        raise LanguageError("date_invalid", value=shown, day=day, month=month, year=year)
    return _dt.date(year, month, day)


def _check_year(d: _dt.date, shown: str) -> _dt.date:
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise LanguageError(
            "date_year_out_of_range", value=shown, year=d.year,
            min_year=MIN_YEAR, max_year=MAX_YEAR,
        )
    return d


def excel_serial_to_date(serial: int | float | Decimal) -> _dt.date:
    """Excel 1900 date system serial -> date (45029 -> 2023-04-13).

    Serial 1 is 1900-01-01.  Excel counts a fictitious 29/02/1900 as serial
    60, so serials 1-59 are off by one compared with later ones; 60 itself is
    rejected.  A fractional part (time of day) is dropped.
    """
    shown = _num_text(serial)
    if isinstance(serial, bool):
        raise LanguageError("date_type", value=str(serial), type="bool")
    if isinstance(serial, float) and not math.isfinite(serial):
        raise LanguageError("date_serial_invalid", value=shown)
    if isinstance(serial, Decimal) and not serial.is_finite():
        raise LanguageError("date_serial_invalid", value=shown)
    whole = int(math.floor(serial))
    if whole < 1 or whole > _EXCEL_MAX_SERIAL:
        raise LanguageError("date_serial_invalid", value=shown)
    if MIN_YEAR <= whole <= MAX_YEAR and whole == serial:
        raise LanguageError("date_serial_looks_like_year", value=shown)
    if whole == 60:
        raise LanguageError("date_serial_1900_leap", value=shown)
    if whole < 60:
        return _dt.date(1899, 12, 31) + _dt.timedelta(days=whole)
    return _EXCEL_EPOCH + _dt.timedelta(days=whole)


def _num_text(x: object) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
