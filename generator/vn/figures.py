"""Figures: writing and reading amounts and decimal quantities the Vietnamese way.

Writing (R10): dot as the thousands separator, comma as the decimal mark:
``1.410.000``, ``0,3``, ``1.234,5``.

Reading: see :func:`parse_amount` and :func:`parse_decimal` for exactly what
is accepted and what is rejected (and why).  Pure functions, no I/O.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import LanguageError
from .text import clean_text

__all__ = ["format_amount", "format_decimal", "parse_amount", "parse_decimal"]

# Excel keeps 15 significant digits; a float this close to a whole number is
# that whole number (e.g. 1404000.0000000002 from a formula).
_FLOAT_TOLERANCE = 1e-6


# --------------------------------------------------------------------------
# Writing

def _group_thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def _amount_int(n: object, shown: str) -> int:
    if isinstance(n, bool):
        raise LanguageError("amount_type", value=shown, type="bool")
    if isinstance(n, int):
        return n
    if isinstance(n, float):
        if not math.isfinite(n):
            raise LanguageError("amount_not_finite", value=shown)
        nearest = round(n)
        if abs(n - nearest) <= _FLOAT_TOLERANCE:
            return int(nearest)
        raise LanguageError("amount_not_integer", value=shown)
    if isinstance(n, Decimal):
        if not n.is_finite():
            raise LanguageError("amount_not_finite", value=shown)
        if n != n.to_integral_value():
            raise LanguageError("amount_not_integer", value=shown)
        return int(n)
    raise LanguageError("amount_type", value=shown, type=type(n).__name__)


def format_amount(n: int | Decimal) -> str:
    """``1410000`` -> ``'1.410.000'``; ``-1410000`` -> ``'-1.410.000'``.

    Integral Decimals and floats are accepted; a fraction of a đồng raises
    ``LanguageError('amount_not_integer')``.
    """
    value = _amount_int(n, _shown_number(n))
    sign = "-" if value < 0 else ""
    return sign + _group_thousands(str(abs(value)))


def _to_decimal(x: object) -> Decimal:
    if isinstance(x, bool):
        raise LanguageError("decimal_type", value=str(x), type="bool")
    if isinstance(x, Decimal):
        value = x
    elif isinstance(x, int):
        value = Decimal(x)
    elif isinstance(x, float):
        if not math.isfinite(x):
            raise LanguageError("decimal_not_finite", value=repr(x))
        value = Decimal(repr(x))
    elif isinstance(x, str):
        return parse_decimal(x)
    else:
        raise LanguageError("decimal_type", value=_short(x), type=type(x).__name__)
    if not value.is_finite():
        raise LanguageError("decimal_not_finite", value=str(x))
    return value


def format_decimal(x: Decimal | str | float, places: int | None = None) -> str:
    """``Decimal('0.3')`` -> ``'0,3'``; ``95.5, places=1`` -> ``'95,5'``; ``1234.5`` -> ``'1.234,5'``.

    Strings are read with :func:`parse_decimal` first.  ``places`` rounds half
    up to that many decimals (and pads with zeros); without it the value's
    own digits are kept (floats use their shortest repr, so 0.3 is 0,3).
    """
    value = _to_decimal(x)
    if places is not None:
        if isinstance(places, bool) or not isinstance(places, int) or places < 0:
            raise ValueError("places must be an int >= 0")
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(abs(value), "f")
    whole, _, frac = text.partition(".")
    result = _group_thousands(whole) + ("," + frac if frac else "")
    if value < 0 and value != 0:
        result = "-" + result
    return result


# --------------------------------------------------------------------------
# Reading

_CURRENCY_SUFFIX_RE = re.compile(r"\s*(?:đồng|dong|vnđ|vnd|đ|d|₫)\.?$", re.IGNORECASE)
_CURRENCY_PREFIX_RE = re.compile(r"^(?:vnđ|vnd|₫)\s*", re.IGNORECASE)
_SCALE_RE = re.compile(
    r"^(?P<num>[-+−]?\s*\d[\d.,\s]*?)\s*(?P<word>triệu|tr|nghìn|ngàn|ngh|k|tỷ|tỉ|ty)\.?$",
    re.IGNORECASE,
)
_SCALES = {"triệu": 10**6, "tr": 10**6, "nghìn": 1000, "ngàn": 1000, "ngh": 1000,
           "k": 1000, "tỷ": 10**9, "tỉ": 10**9, "ty": 10**9}
_SPACE_GROUPED_RE = re.compile(r"^\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:[.,]\d+)?$")
_DIGITS_RE = re.compile(r"^\d+$")
_DOT_GROUPED_RE = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+$")
_COMMA_GROUPED_RE = re.compile(r"^[1-9]\d{0,2}(?:,\d{3})+$")
_ONE_GROUP_DOT_RE = re.compile(r"^[1-9]\d{0,2}\.\d{3}$")
_ONE_GROUP_COMMA_RE = re.compile(r"^[1-9]\d{0,2},\d{3}$")
_VN_MIXED_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d+$")
_EN_MIXED_RE = re.compile(r"^\d{1,3}(?:,\d{3})+\.\d+$")
_PLAIN_DECIMAL_RE = re.compile(r"^\d+[.,]\d+$")


class _Ambiguous(Exception):
    def __init__(self, digits: str, sep: str) -> None:
        self.digits = digits  # e.g. "1410" for "1,410"
        self.sep = sep


class _DotDecimal(Exception):
    pass


def _split_sign(text: str) -> tuple[int, str]:
    if text[:1] in "-−":
        return -1, text[1:].strip()
    if text[:1] == "+":
        return 1, text[1:].strip()
    return 1, text


def _read_number(body: str, kind: str) -> Decimal:
    """Read an unsigned figure; ``kind`` is 'amount' or 'decimal' (they differ on '1.410')."""
    if _SPACE_GROUPED_RE.match(body):
        body = re.sub(r"[ \u00a0\u2009\u202f]", "", body)
    if _DIGITS_RE.match(body):
        return Decimal(body)
    has_dot, has_comma = "." in body, "," in body
    if has_dot and has_comma:
        if _VN_MIXED_RE.match(body):
            return Decimal(body.replace(".", "").replace(",", "."))
        if _EN_MIXED_RE.match(body):
            return Decimal(body.replace(",", ""))
        raise ValueError(body)
    if has_dot:
        if body.count(".") > 1:
            if _DOT_GROUPED_RE.match(body):
                return Decimal(body.replace(".", ""))
            raise ValueError(body)
        if _ONE_GROUP_DOT_RE.match(body):
            if kind == "amount":  # the Vietnamese thousands separator
                return Decimal(body.replace(".", ""))
            raise _Ambiguous(body.replace(".", ""), ".")
        if _PLAIN_DECIMAL_RE.match(body):
            if kind == "amount":
                value = Decimal(body)
                if value == value.to_integral_value():
                    return value
                raise _DotDecimal()
            return Decimal(body)
        raise ValueError(body)
    if has_comma:
        if body.count(",") > 1:
            if _COMMA_GROUPED_RE.match(body):
                return Decimal(body.replace(",", ""))
            raise ValueError(body)
        if _ONE_GROUP_COMMA_RE.match(body) and kind == "amount":
            # 1,41 đồng is not an amount, so the comma may be an English
            # thousands separator; for quantities the comma is the decimal mark.
            raise _Ambiguous(body.replace(",", ""), ",")
        if _PLAIN_DECIMAL_RE.match(body):
            return Decimal(body.replace(",", "."))
        raise ValueError(body)
    raise ValueError(body)


def _lenient_value(body: str) -> Decimal | None:
    """Best reading of a figure in front of a scale word, for a suggestion only."""
    body = re.sub(r"\s", "", body)
    try:
        return _read_number(body, "decimal")
    except _Ambiguous as amb:
        if amb.sep == ",":  # Vietnamese: the comma is the decimal mark
            return Decimal(body.replace(",", "."))
        return Decimal(amb.digits)
    except (ValueError, InvalidOperation, _DotDecimal):
        return None


def parse_amount(value: object) -> int:
    """Read a money amount in whole đồng; raise ``LanguageError`` saying why and what to type.

    Accepted:

    - numbers: ``int``; ``float`` / ``Decimal`` that are whole (an Excel
      number cell; floats within 1e-6 of a whole number count as whole);
    - ``'1410000'``, ``'1.410.000'`` (dots between groups of three),
      ``'1.410'`` = 1410 (the dot is the Vietnamese thousands separator),
      ``'1 410 000'`` (spaces or NBSP between groups of three),
      ``'1,410,000'`` (two or more comma groups: unambiguous),
      ``'1.410.000,00'`` / ``'1410000.00'`` (a zero fraction);
    - a currency word before or after, with or without a space:
      ``đ``, ``đồng``, ``VNĐ``, ``VND``, ``₫``, ``d``, ``dong``
      (``'1.410.000đ'``, ``'1.410.000 đồng'``);
    - a leading minus sign.

    Rejected:

    - ``'1,410'`` (``amount_comma_ambiguous``): 1,41 or 1.410?  Type
      ``1.410`` or ``1410``;
    - ``'1.41'``, ``'1410000.5'`` (``amount_dot_decimal``);
    - any fraction of a đồng (``amount_not_integer``), e.g. ``'1.410,5'``;
    - scale words ``'1,41 triệu'``, ``'710k'``, ``'2 tỷ'``
      (``amount_scale_word``): the message gives the full figure to type,
      e.g. ``1.410.000``; the toolkit never multiplies on its own;
    - empty text, other text, other types, NaN and infinities.
    """
    if not isinstance(value, str):
        return _amount_int(value, _shown_number(value))
    shown = clean_text(value, multiline=False)
    if not shown:
        raise LanguageError("amount_empty")
    text = _CURRENCY_PREFIX_RE.sub("", shown)
    text = _CURRENCY_SUFFIX_RE.sub("", text).strip()
    if not text:
        raise LanguageError("amount_unrecognized", value=shown)
    scale = _SCALE_RE.match(text)
    if scale:
        word = scale.group("word")
        sign, body = _split_sign(scale.group("num").strip())
        number = _lenient_value(body)
        if number is not None:
            total = sign * number * _SCALES[word.lower()]
            if total == total.to_integral_value():
                raise LanguageError(
                    "amount_scale_word", value=shown, word=word, suggestion=format_amount(total)
                )
        raise LanguageError("amount_scale_word_unclear", value=shown, word=word)
    sign, body = _split_sign(text)
    try:
        number = _read_number(body, "amount")
    except _Ambiguous as amb:
        as_decimal = format_decimal(Decimal(body.replace(",", ".")).normalize())
        raise LanguageError(
            "amount_comma_ambiguous",
            value=shown,
            as_decimal=as_decimal,
            as_thousands=format_amount(int(amb.digits)),
            plain=str(int(amb.digits)),
        ) from None
    except _DotDecimal:
        raise LanguageError("amount_dot_decimal", value=shown) from None
    except (ValueError, InvalidOperation):
        raise LanguageError("amount_unrecognized", value=shown) from None
    if number != number.to_integral_value():
        raise LanguageError("amount_not_integer", value=shown)
    return sign * int(number)


def parse_decimal(value: object) -> Decimal:
    """Read a decimal quantity (coefficient, percentage, score); raise ``LanguageError`` otherwise.

    The comma is the decimal mark: ``'0,3'`` -> ``Decimal('0.3')``,
    ``'1.234,5'`` -> ``Decimal('1234.5')``.  Numbers (int, float via its
    shortest repr, Decimal) are taken as they are.

    A dot is accepted as a decimal point when it cannot be a thousands
    separator: ``'0.3'``, ``'95.5'``, ``'1234.5'``, ``'0.300'`` are decimals;
    ``'1.234.567'`` (several dot groups) is 1234567; ``'1,234.5'`` (both
    marks, English style) is 1234.5.

    The comma is always the decimal mark here, so ``'1,234'`` is 1.234 (for
    amounts it is refused instead, see :func:`parse_amount`).

    Ambiguous (``decimal_ambiguous``): a single dot followed by exactly three
    digits after 1-3 digits not starting with 0, i.e. ``'1.234'``: the
    Vietnamese thousands separator (1234) or an English decimal point
    (1,234)?  Type ``1,234`` or ``1234``.
    Scale words (``'1,5 triệu'``) are rejected with the full figure to type.
    """
    if not isinstance(value, str):
        return _to_decimal(value)
    shown = clean_text(value, multiline=False)
    if not shown:
        raise LanguageError("decimal_empty")
    text = shown
    scale = _SCALE_RE.match(text)
    if scale:
        word = scale.group("word")
        sign, body = _split_sign(scale.group("num").strip())
        number = _lenient_value(body)
        suggestion = (
            format_decimal((sign * number * _SCALES[word.lower()]).normalize())
            if number is not None else "1.500.000"
        )
        raise LanguageError("decimal_scale_word", value=shown, word=word, suggestion=suggestion)
    sign, body = _split_sign(text)
    try:
        number = _read_number(body, "decimal")
    except _Ambiguous as amb:
        raise LanguageError(
            "decimal_ambiguous",
            value=shown,
            as_decimal=body.replace(".", ","),
            plain=str(int(amb.digits)),
        ) from None
    except (ValueError, InvalidOperation, _DotDecimal):
        raise LanguageError("decimal_unrecognized", value=shown) from None
    return -number if sign < 0 else number


def _shown_number(n: object) -> str:
    if isinstance(n, float) and math.isfinite(n):
        try:
            return format_decimal(n)
        except LanguageError:  # pragma: no cover
            return repr(n)
    if isinstance(n, Decimal) and n.is_finite():
        return format_decimal(n)
    return _short(n)


def _short(value: object, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
