"""Checks of the values a reservation carries: number, ký hiệu, date (as ``RegisterError``)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..errors import RegisterError
from ..vn import LanguageError, parse_date, so_line


# A document number counts one agency's documents of one series and year: six digits at most
# (SQLite's INTEGER would overflow on a 33-digit one).
MAX_NUMBER = 999_999


def check_number(number: Any) -> int:
    if isinstance(number, str) and number.strip().isdigit():
        text = number.strip()
        if len(text.lstrip("0")) > len(str(MAX_NUMBER)):
            raise RegisterError("register_number_too_large", value=text[:40], limit=MAX_NUMBER)
        number = int(text)
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise RegisterError("register_number_invalid", value=str(number)[:40])
    if number > MAX_NUMBER:
        raise RegisterError("register_number_too_large", value=str(number)[:40], limit=MAX_NUMBER)
    return number


def check_ky_hieu(ky_hieu: str) -> str:
    try:
        return so_line(1, ky_hieu).split("/", 1)[1]
    except LanguageError as exc:
        raise RegisterError("register_ky_hieu_invalid", value=str(ky_hieu), reason=exc.message("vi"),
                            reason_en=exc.message("en")) from exc


def check_date(value: Any) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return parse_date(value)
    except LanguageError as exc:
        raise RegisterError("register_date_invalid", value=str(value), reason=exc.message("vi"),
                            reason_en=exc.message("en")) from exc
