"""Numbers and amounts in Vietnamese words (accounting / official style).

Rules R1-R10 of ``spec/thi-dua-khen-thuong.md`` §7:

- R1 groups of three digits; scale words nghìn (10^3), triệu (10^6), tỷ
  (10^9), nghìn tỷ (10^12), triệu tỷ (10^15); all-zero groups are skipped
  (never "không nghìn", "không triệu");
- R2 the leading group is read short, every later non-zero group in full, so
  a hundreds digit 0 becomes "không trăm" (1.010 -> một nghìn không trăm mười);
- R3 tens digit 0 after a hundreds word: "linh" (option "lẻ");
- R4 tens 1 is "mười", tens 2-9 "<số> mươi";
- R5 "mốt" only after "mươi"; R6 "lăm" after "mười"/"mươi";
- R7 4 after "mươi": "tư" (option "bốn"); elsewhere "bốn";
- R8 0 is "không"; R9 money: capital first letter, ends with "đồng", optional
  "chẵn"; "nghìn" (option "ngàn"); "tỷ".

Numbers up to 10^18 - 1 are read ("chín trăm chín mươi chín triệu tỷ ...");
from 10^18 on ``LanguageError('number_too_large')`` is raised instead of
inventing a scale word.  Negative numbers start with "âm".

Importing this module installs :class:`Num2Word_VI_Corrected` as num2words'
converter for ``lang='vi'`` (:func:`register`, idempotent). ``generator.vn`` loads this module on
first use of one of its names, so ``import generator.vn`` alone stays light.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from .errors import LanguageError
from .text import capitalize_first

__all__ = [
    "MAX_NUMBER",
    "number_to_words",
    "amount_in_words",
    "decimal_to_words",
    "Num2Word_VI_Corrected",
    "register",
]

MAX_NUMBER = 10**18 - 1

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_ZERO_OPTIONS = ("linh", "lẻ")
_FOUR_OPTIONS = ("tư", "bốn")
_THOUSAND_OPTIONS = ("nghìn", "ngàn")


def _check_options(zero: str, four: str, thousand: str) -> None:
    if zero not in _ZERO_OPTIONS:
        raise ValueError(f"zero must be one of {_ZERO_OPTIONS}, not {zero!r}")
    if four not in _FOUR_OPTIONS:
        raise ValueError(f"four must be one of {_FOUR_OPTIONS}, not {four!r}")
    if thousand not in _THOUSAND_OPTIONS:
        raise ValueError(f"thousand must be one of {_THOUSAND_OPTIONS}, not {thousand!r}")


def _group(n: int, full: bool, zero: str, four: str) -> list[str]:
    """Words for 1 <= n <= 999; ``full`` reads a zero hundreds digit as 'không trăm'."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append(zero)            # R3: một trăm linh một
            words.append(_DIGITS[units])      # R5-R7: một, bốn, năm stay as is
    elif tens == 1:
        words.append("mười")                  # R4
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])  # mười một, mười bốn, mười lăm
    else:
        words += [_DIGITS[tens], "mươi"]      # R4
        if units == 1:
            words.append("mốt")               # R5
        elif units == 4:
            words.append(four)                # R7
        elif units == 5:
            words.append("lăm")               # R6
        elif units:
            words.append(_DIGITS[units])
    return words


def _below_billion(n: int, leading: bool, zero: str, four: str, thousand: str) -> list[str]:
    words: list[str] = []
    first = leading
    for value, scale in ((n // 10**6, "triệu"), (n // 1000 % 1000, thousand), (n % 1000, "")):
        if value == 0:
            continue                          # R1: skip all-zero groups
        words += _group(value, not first, zero, four)  # R2
        if scale:
            words.append(scale)
        first = False
    return words


def _positive_words(n: int, leading: bool, zero: str, four: str, thousand: str) -> list[str]:
    if n < 10**9:
        return _below_billion(n, leading, zero, four, thousand)
    high, low = divmod(n, 10**9)
    words = _positive_words(high, leading, zero, four, thousand) + ["tỷ"]
    if low:
        words += _below_billion(low, False, zero, four, thousand)
    return words


def _as_int(n: object) -> int:
    if isinstance(n, bool):
        raise LanguageError("number_not_integer", value=str(n))
    if isinstance(n, int):
        return n
    if isinstance(n, float):
        if math.isfinite(n) and n.is_integer():
            return int(n)
        raise LanguageError("number_not_integer", value=repr(n))
    if isinstance(n, Decimal):
        if n.is_finite() and n == n.to_integral_value():
            return int(n)
        raise LanguageError("number_not_integer", value=str(n))
    raise LanguageError("number_not_integer", value=repr(n))


def number_to_words(n: int, *, zero: str = "linh", four: str = "tư", thousand: str = "nghìn") -> str:
    """An integer in words: 1010 -> 'một nghìn không trăm mười'.

    Options: ``zero`` 'linh' | 'lẻ'; ``four`` 'tư' | 'bốn' (after "mươi"
    only); ``thousand`` 'nghìn' | 'ngàn'.  Integral floats and Decimals are
    accepted.  |n| >= 10^18 raises ``LanguageError('number_too_large')``.
    """
    _check_options(zero, four, thousand)
    value = _as_int(n)
    if abs(value) > MAX_NUMBER:
        raise LanguageError("number_too_large", value=str(value))
    if value == 0:
        return "không"                        # R8
    words = _positive_words(abs(value), True, zero, four, thousand)
    if value < 0:
        words.insert(0, "âm")
    return " ".join(words)


def amount_in_words(
    n: int | Decimal,
    *,
    zero: str = "linh",
    four: str = "tư",
    thousand: str = "nghìn",
    chan: bool = False,
) -> str:
    """Money in words: 1410000 -> 'Một triệu bốn trăm mười nghìn đồng'.

    First letter capital, no commas, ends with 'đồng' ('đồng chẵn' with
    ``chan=True``); 0 -> 'Không đồng'; negatives 'Âm ... đồng'.  A fraction of
    a đồng is an error (``LanguageError('amount_not_integer')``).
    """
    _check_options(zero, four, thousand)
    try:
        value = _as_int(n)
    except LanguageError:
        raise LanguageError("amount_not_integer", value=_shown(n)) from None
    words = number_to_words(value, zero=zero, four=four, thousand=thousand)
    text = capitalize_first(words) + " đồng"
    return text + " chẵn" if chan else text


def _shown(n: object) -> str:
    if isinstance(n, (float, Decimal)):
        try:
            from .figures import format_decimal

            return format_decimal(n)
        except (LanguageError, ValueError, InvalidOperation):
            return str(n)
    return str(n)


def decimal_to_words(
    x: Decimal | str | int | float,
    *,
    zero: str = "linh",
    four: str = "tư",
    thousand: str = "nghìn",
) -> str:
    """A decimal quantity in words: '0,3' -> 'không phẩy ba', Decimal('2.05') -> 'hai phẩy không năm'.

    Strings are read with :func:`generator.vn.figures.parse_decimal` (decimal
    comma).  Trailing zeros of the fraction are dropped (0,30 reads like 0,3).
    After "phẩy": each leading zero is read "không"; the remaining digits are
    read as a number when there are at most three of them (0,25 -> không phẩy
    hai mươi lăm), digit by digit otherwise (3,14159 -> ba phẩy một bốn một
    năm chín).
    """
    _check_options(zero, four, thousand)
    from .figures import parse_decimal

    value = parse_decimal(x) if not isinstance(x, Decimal) else x
    if not value.is_finite():
        raise LanguageError("decimal_not_finite", value=str(x))
    negative = value < 0
    value = abs(value)
    text = format(value, "f")
    whole_text, _, frac_text = text.partition(".")
    frac_text = frac_text.rstrip("0")
    words = number_to_words(int(whole_text), zero=zero, four=four, thousand=thousand)
    if frac_text:
        stripped = frac_text.lstrip("0")
        frac_words = ["không"] * (len(frac_text) - len(stripped))
        if len(stripped) <= 3:
            frac_words.append(number_to_words(int(stripped), zero=zero, four=four, thousand=thousand))
        else:
            frac_words += [_DIGITS[int(d)] for d in stripped]
        words = f"{words} phẩy {' '.join(frac_words)}"
    if negative and (int(whole_text) or frac_text):
        words = "âm " + words
    return words


# --------------------------------------------------------------------------
# num2words integration

try:  # num2words is a project dependency, but keep the rest importable without it
    from num2words.lang_VI import Num2Word_VI as _Num2WordVIBase
except ImportError:  # pragma: no cover
    _Num2WordVIBase = object  # type: ignore[assignment,misc]


_ORDINALS = {1: "nhất", 4: "tư"}


class Num2Word_VI_Corrected(_Num2WordVIBase):  # type: ignore[misc,valid-type]
    """num2words converter for Vietnamese that follows rules R1-R10.

    ``num2words(n, lang='vi')`` equals :func:`number_to_words` for integers;
    options pass through: ``num2words(1005, lang='vi', zero='lẻ')``.
    Non-integers are read with :func:`decimal_to_words`; ``to='currency'``
    gives the money form (VND only); ``to='ordinal'`` gives 'thứ nhất',
    'thứ hai', 'thứ tư', 'thứ mười một' ...
    """

    def str_to_number(self, value: str) -> Decimal:
        from .figures import parse_decimal

        return parse_decimal(value)

    def to_cardinal(self, number, zero: str = "linh", four: str = "tư", thousand: str = "nghìn", **kwargs):
        if isinstance(number, bool):
            raise TypeError("bool is not a number")
        if isinstance(number, float):
            number = Decimal(repr(number))
        if isinstance(number, Decimal) and number != number.to_integral_value():
            return decimal_to_words(number, zero=zero, four=four, thousand=thousand)
        return number_to_words(number, zero=zero, four=four, thousand=thousand)

    def to_ordinal(self, number, **kwargs):
        value = _as_int(number)
        if value < 1:
            raise LanguageError("number_not_integer", value=str(number))
        if value in _ORDINALS:
            return "thứ " + _ORDINALS[value]
        return "thứ " + self.to_cardinal(value, **kwargs)

    def to_ordinal_num(self, number, **kwargs):
        return f"thứ {_as_int(number)}"

    def to_year(self, number, **kwargs):
        return self.to_cardinal(number, **kwargs)

    def to_currency(self, val, currency: str = "VND", **kwargs):
        if currency not in ("VND", "đồng"):
            raise NotImplementedError(f"currency {currency!r} is not supported for 'vi'; use VND")
        options = {k: kwargs[k] for k in ("zero", "four", "thousand", "chan") if k in kwargs}
        return amount_in_words(val, **options)

    # num2words 0.5.x calls these directly for lang='vi'
    def number_to_text(self, number):
        return self.to_cardinal(number)

    def vietnam_number(self, val):
        return number_to_words(val)


def register() -> None:
    """Install the corrected converter as num2words' 'vi' (idempotent)."""
    try:
        import num2words as _n2w
    except ImportError:  # pragma: no cover
        return
    _n2w.CONVERTER_CLASSES["vi"] = Num2Word_VI_Corrected()


register()  # importing the number words makes num2words(n, lang='vi') follow them
