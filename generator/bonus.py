"""Bonus amounts for commendations (ND 152/2025 Art. 49 and following).

amount = coefficient (per award form and recipient type) × the base salary in force on the decision
date, rounded UP to the next 10.000 đồng. Both tables live in the agency profile under
``khen_thuong`` (:class:`BonusConfig`); :data:`DEFAULT_BONUS_CONFIG` holds the values of 2026.

Arithmetic is exact: coefficients are ``Decimal`` read from their text, and the rounding works on
the exact integer ratio of the product, so ``1.1 × 1.800.000`` gives 1.980.000 (a float gives
1.990.000).

A coefficient is either absolute (``0.6``: 0,6 × base) or relative to the individual (cá nhân)
coefficient of the same form, written ``"1.5x"`` (1,5 × the cá nhân amount). ``lam_tron`` sets the
rounding order for the other recipient types of a form that has a cá nhân coefficient:

- ``mot-lan`` (default): combined coefficient × base, rounded up once
  (Giấy khen tập thể 0,6 × 2.340.000 = 1.404.000 → 1.410.000);
- ``ca-nhan-truoc``: the cá nhân amount is rounded first, then scaled by the ratio to it — the
  ``x`` factor of a relative coefficient, or coefficient ÷ cá nhân coefficient for an absolute one
  (0,6 ÷ 0,3 = 2, the "tập thể = 2 × cá nhân" of ND 152) — and rounded up again
  (2 × 710.000 = 1.420.000; 1,5 × 710.000 = 1.065.000 → 1.070.000).

Errors are :class:`BonusError` with a code of ``generator.messages`` and its parameters.
Imports only ``generator.vn`` and ``generator.errors``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ValidationError, BeforeValidator, ConfigDict, Field, PlainSerializer, PlainValidator, PrivateAttr
from pydantic import field_validator, model_serializer, model_validator
from pydantic_core import PydanticCustomError

from . import awards
from .errors import VanbanError
from .vn import LanguageError, format_amount, parse_amount, parse_date, parse_decimal, short_date
from .vn.text import nfc, strip_diacritics

__all__ = [
    "RECIPIENT_TYPES", "RECIPIENT_LABELS", "ROUNDING_ORDERS", "BonusError", "Coefficient", "BaseSalary",
    "AwardForm", "BonusConfig", "DEFAULT_BONUS_CONFIG", "config_of", "fold_key", "parse_recipient_type",
    "resolve_award_form", "award_form", "law_forms", "base_salary_on", "award_coefficient", "bonus_amount", "amount_explained",
    "round_up_10000",
]

RECIPIENT_TYPES = ("ca-nhan", "tap-the", "ho-gia-dinh")
RECIPIENT_LABELS = {"ca-nhan": "Cá nhân", "tap-the": "Tập thể", "ho-gia-dinh": "Hộ gia đình"}
ROUNDING_ORDERS = ("mot-lan", "ca-nhan-truoc")
STEP = 10_000  # "làm tròn số lên hàng chục nghìn đồng"
_EXACT = Context(prec=60)

_FIELD_OF = {"ca-nhan": "ca_nhan", "tap-the": "tap_the", "ho-gia-dinh": "ho_gia_dinh"}



# The largest bonus amount anyone can mean (đồng): a cell or a form value past this is a typing slip
# (1e20), not a bonus. Sheets and forms check it alike.
MAX_AMOUNT = 999_999_999_999

class BonusError(VanbanError, ValueError):
    """A value cannot be turned into a bonus amount; ``code`` is a key of ``generator.messages``."""

    exit_code = 4
    code = "bonus_error"

    def __reduce__(self):  # keep pickling (multiprocessing) working
        return (_rebuild_error, (self.code, self.params))


def _rebuild_error(code: str, params: dict) -> BonusError:
    return BonusError(code, **params)


# --------------------------------------------------------------------------------------------
# Tolerant matching

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_FINAL_Y = re.compile(r"(?<=[bcdghklmnpqrstvx])y\b")  # sỹ/sĩ, kỹ/kĩ, lý/lí are the same word


@lru_cache(maxsize=8192)
def fold_key(text: str) -> str:
    """A matching key: NFC, no accents (đ → d), case-folded, punctuation and space runs → one space.

    ``'  Họ và tên / Tên tập thể '`` → ``'ho va ten ten tap the'``; ``'Chiến sỹ'`` → ``'chien si'``.
    """
    folded = strip_diacritics(nfc(text)).casefold()
    return _FINAL_Y.sub("i", _NON_ALNUM.sub(" ", folded).strip())


_RECIPIENT_WORDS = {
    "ca-nhan": ("ca nhan", "cn"),
    "tap-the": ("tap the", "tt", "don vi", "co quan", "to chuc", "doanh nghiep", "dn"),
    "ho-gia-dinh": ("ho gia dinh", "ho", "hgd", "gia dinh", "ho dan"),
}
_RECIPIENT_BY_KEY = {key: kind for kind, words in _RECIPIENT_WORDS.items() for key in words}


def _labels(kinds: tuple[str, ...] | list[str] = RECIPIENT_TYPES) -> str:
    return ", ".join(RECIPIENT_LABELS[k] for k in kinds)


def parse_recipient_type(text: Any) -> str:
    """``'Cá nhân'``, ``'CA NHAN'``, ``'ca-nhan'`` → ``'ca-nhan'``; ``'Hộ'`` → ``'ho-gia-dinh'``."""
    if not isinstance(text, str) or not fold_key(text):
        raise BonusError("recipient_type_unknown", value=text, allowed=_labels())
    kind = _RECIPIENT_BY_KEY.get(fold_key(text))
    if kind is None:
        raise BonusError("recipient_type_unknown", value=nfc(text).strip(), allowed=_labels())
    return kind


# --------------------------------------------------------------------------------------------
# Coefficients

_RELATIVE = re.compile(r"^\s*(?:[x×*]\s*(?P<pre>\S.*?)|(?P<post>.*?\S)\s*[x×*])\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Coefficient:
    """``factor`` × base salary, or with ``relative`` ``factor`` × the cá nhân amount ("1.5x")."""

    factor: Decimal
    relative: bool = False

    def __str__(self) -> str:
        text = format(self.factor.normalize(), "f")
        return f"{text}x" if self.relative else text


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float):  # a YAML loader's float: its shortest repr is the text typed
        value = repr(value)
    return parse_decimal(value)


def _coefficient(value: Any) -> Coefficient:
    if isinstance(value, Coefficient):
        return value
    relative = False
    if isinstance(value, str):
        match = _RELATIVE.match(value)
        if match:
            value, relative = match.group("pre") or match.group("post"), True
    try:
        factor = _decimal(value)
    except (LanguageError, ValueError) as exc:
        raise PydanticCustomError("bonus_coefficient_invalid", "bonus_coefficient_invalid",
                                  {"value": value}) from exc
    if not factor.is_finite() or factor < 0 or factor >= 1000 or (relative and factor == 0):
        raise PydanticCustomError("bonus_coefficient_invalid", "bonus_coefficient_invalid",
                                  {"value": value})
    return Coefficient(factor, relative)


CoefficientField = Annotated[Coefficient, PlainValidator(_coefficient), PlainSerializer(str)]


def _date(value: Any) -> dt.date:
    try:
        return parse_date(value)
    except LanguageError as exc:
        raise PydanticCustomError(exc.code, exc.code, dict(exc.params)) from exc


def positive_amount(value: Any) -> int:
    """A base salary typed by a clerk (``1.410.000``, ``1410000`` …), above zero — for a pydantic
    validator."""
    try:
        amount = parse_amount(value)
    except LanguageError as exc:
        raise PydanticCustomError(exc.code, exc.code, dict(exc.params)) from exc
    if amount <= 0:
        raise PydanticCustomError("base_salary_not_positive", "base_salary_not_positive", {"value": value})
    return amount



# --------------------------------------------------------------------------------------------
# The profile block ``khen_thuong``

class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class BaseSalary(_Strict):
    """One row of the dated base salary table: ``muc`` đồng/month from ``tu_ngay``."""

    tu_ngay: Annotated[dt.date, BeforeValidator(_date)]
    muc: Annotated[int, BeforeValidator(positive_amount)]


class AwardForm(_Strict):
    """The coefficients of one award form, per recipient type. Absent: not for that type; ``0`` or
    left blank: awarded to that type with no bonus (an honorary award). ``tham_quyen`` is who grants
    it, ``danh_hieu`` whether it is a title ("tặng danh hiệu “…”"), ``ten_khac`` other spellings."""

    ca_nhan: CoefficientField | None = None
    tap_the: CoefficientField | None = None
    ho_gia_dinh: CoefficientField | None = None
    tham_quyen: str | None = None
    danh_hieu: bool = False
    ten_khac: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _blank_is_zero(cls, data: Any) -> Any:
        """``ca_nhan:`` left blank and ``ca_nhan: 0`` mean the same: no bonus for that type."""
        if isinstance(data, dict):
            data = dict(data)
            for name in _FIELD_OF.values():
                if name in data and (data[name] is None or (isinstance(data[name], str) and not data[name].strip())):
                    data[name] = "0"
            if isinstance(data.get("ten_khac"), list):
                data["ten_khac"] = tuple(data["ten_khac"])
        return data

    @model_validator(mode="after")
    def _coherent(self) -> AwardForm:
        if self.ca_nhan is None and self.tap_the is None and self.ho_gia_dinh is None:
            raise PydanticCustomError("bonus_form_empty", "bonus_form_empty", {})
        if self.ca_nhan is not None and self.ca_nhan.relative:
            raise PydanticCustomError("bonus_individual_relative", "bonus_individual_relative",
                                      {"value": str(self.ca_nhan)})
        for coefficient in (self.tap_the, self.ho_gia_dinh):
            if coefficient is not None and coefficient.relative and self.ca_nhan is None:
                raise PydanticCustomError("bonus_relative_needs_individual",
                                          "bonus_relative_needs_individual",
                                          {"value": str(coefficient)})
        return self

    def coefficient(self, recipient_type: str) -> Coefficient | None:
        return getattr(self, _FIELD_OF[recipient_type])

    @property
    def recipient_types(self) -> tuple[str, ...]:
        return tuple(k for k in RECIPIENT_TYPES if self.coefficient(k) is not None)

    @model_serializer(mode="wrap")
    def _absent_stays_absent(self, handler):
        """A type the form is not for is left out of a dump (a blank would read back as "no bonus")."""
        data = handler(self)
        return {k: v for k, v in data.items() if not (k in _FIELD_OF.values() and v is None)}

    def honorary(self, recipient_type: str) -> bool:
        """True when this form is given to ``recipient_type`` with no bonus."""
        coefficient = self.coefficient(recipient_type)
        if coefficient is None:
            return False
        if coefficient.relative:
            return self.ca_nhan is None or self.ca_nhan.factor == 0
        return coefficient.factor == 0


def _law_form(form: awards.LawForm, decree: str) -> AwardForm | None:
    coefficients = form.coefficients.get(decree)
    if coefficients is None:
        return None
    return AwardForm.model_validate({**coefficients, "tham_quyen": form.authority, "danh_hieu": form.title,
                                     "ten_khac": form.aliases})


@lru_cache(maxsize=8)
def law_forms(decree: str) -> dict[str, AwardForm]:
    """The forms of the law table under ``decree`` (a key of :data:`generator.awards.DECREES`)."""
    return {form.name: built for form in awards.LAW_FORMS if (built := _law_form(form, decree)) is not None}


_BASE_SALARIES = (
    {"tu_ngay": "01/7/2019", "muc": 1_490_000},  # ND 38/2019
    {"tu_ngay": "01/7/2023", "muc": 1_800_000},  # ND 24/2023
    {"tu_ngay": "01/7/2024", "muc": 2_340_000},  # ND 73/2024
    {"tu_ngay": "01/7/2026", "muc": 2_530_000},  # ND 161/2026
)


class BonusConfig(_Strict):
    """``khen_thuong`` of an agency profile: base salary table, award forms, rounding order, fund.

    ``hinh_thuc`` adds forms to the law's table (:mod:`generator.awards`) or overrides its rows, at
    every date; ``theo_luat: false`` leaves the law's table out. ``nguon_kinh_phi`` is the fund
    sentence's source ("Quỹ thi đua, khen thưởng của …"): a decision says where money comes from
    only when the form or the profile says so."""

    luong_co_so: Annotated[list[BaseSalary], Field(min_length=1)] = Field(
        default_factory=lambda: [BaseSalary.model_validate(row) for row in _BASE_SALARIES])
    hinh_thuc: dict[str, AwardForm] = Field(default_factory=dict)
    theo_luat: bool = True
    lam_tron: Literal["mot-lan", "ca-nhan-truoc"] = "mot-lan"
    nguon_kinh_phi: str | None = None
    _by_decree: dict = PrivateAttr(default_factory=dict)
    _resolved: dict = PrivateAttr(default_factory=dict)  # (decree, text typed) -> form name

    @model_validator(mode="after")
    def _some_form(self) -> BonusConfig:
        if not self.theo_luat and not self.hinh_thuc:
            raise PydanticCustomError("bonus_no_forms", "bonus_no_forms", {})
        return self

    def forms_on(self, on: dt.date | None = None) -> dict[str, AwardForm]:
        """The award forms on the decision date ``on`` (the latest law when None): the law's table
        in force then, with the profile's forms added or put in place of the law's row they name."""
        decree = awards.decree_on(on)
        key = decree.key if decree else None
        if key not in self._by_decree:
            law = dict(law_forms(key)) if (self.theo_luat and key) else {}
            by_key = {fold_key(spelling): name for name, form in law.items()
                      for spelling in (name, *form.ten_khac)}
            forms: dict[str, AwardForm] = {}
            for name, form in self.hinh_thuc.items():  # the agency's own forms first
                law_name = by_key.get(fold_key(name))
                if law_name is not None:
                    row = law.pop(law_name)
                    spellings = (*form.ten_khac, *((law_name,) if law_name != name else ()), *row.ten_khac)
                    form = form.model_copy(update={"ten_khac": spellings,
                                                   "tham_quyen": form.tham_quyen or row.tham_quyen,
                                                   "danh_hieu": form.danh_hieu or row.danh_hieu})
                forms[name] = form
            forms.update(law)
            self._by_decree[key] = forms
        return self._by_decree[key]

    def __eq__(self, other: object) -> bool:  # the per-date cache is not part of the value
        return isinstance(other, BonusConfig) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def before_law(self, on: dt.date | None) -> bool:
        return self.theo_luat and on is not None and awards.decree_on(on) is None

    @field_validator("luong_co_so")
    @classmethod
    def _dated(cls, rows: list[BaseSalary]) -> list[BaseSalary]:
        rows = sorted(rows, key=lambda row: row.tu_ngay)
        for before, after in zip(rows, rows[1:]):
            if before.tu_ngay == after.tu_ngay:
                raise PydanticCustomError("bonus_salary_date_duplicate", "bonus_salary_date_duplicate",
                                          {"value": short_date(after.tu_ngay)})
        return rows

    @field_validator("hinh_thuc")
    @classmethod
    def _names(cls, forms: dict[str, AwardForm]) -> dict[str, AwardForm]:
        seen: dict[str, str] = {}
        clean: dict[str, AwardForm] = {}
        for name, form in forms.items():
            name = " ".join(nfc(name).split())
            key = fold_key(name)
            if not key:
                raise PydanticCustomError("bonus_form_name_empty", "bonus_form_name_empty", {})
            if key in seen:
                raise PydanticCustomError("bonus_form_name_clash", "bonus_form_name_clash",
                                          {"value": name, "other": seen[key]})
            seen[key] = name
            clean[name] = form
        return clean

    def forms_for(self, recipient_type: str, on: dt.date | None = None) -> list[str]:
        """The award forms given to ``recipient_type``."""
        return [name for name, form in self.forms_on(on).items() if form.coefficient(recipient_type) is not None]


DEFAULT_BONUS_CONFIG = BonusConfig()


def config_of(table: Any) -> BonusConfig:
    """The bonus table a form's ``khen_thuong`` gives, for reading a sheet before the form is
    validated: the default when absent or invalid (the form's validation reports it, located)."""
    if not table:
        return DEFAULT_BONUS_CONFIG
    try:
        return BonusConfig.model_validate(table)
    except ValidationError:
        return DEFAULT_BONUS_CONFIG


# --------------------------------------------------------------------------------------------
# Lookups

_AWARD_PREFIXES = ("cong nhan danh hieu ", "tang danh hieu ", "danh hieu ", "tang ")


def _initials(key: str) -> str:
    return "".join(word[0] for word in key.split())


def resolve_award_form(text: Any, config: BonusConfig, on: dt.date | None = None) -> str:
    """The canonical name in ``config.hinh_thuc`` for what a clerk typed.

    Case, accents, spaces and punctuation are ignored (``'GIAY KHEN'``, ``'giấy  khen'``), as are
    a leading "Tặng"/"Danh hiệu" and quotes; initials also match when unique (``'LĐTT'``,
    ``'CSTĐCS'``).
    """
    forms = config.forms_on(on)
    # A batch asks the same few spellings for every row: each is folded and looked up once per
    # table in force (forms_on caches the table; the answer depends on nothing else).
    memo = (id(forms), text) if isinstance(text, str) else None
    known = config._resolved.get(memo) if memo is not None else None
    if known is not None:
        return known
    names = list(forms)
    key = fold_key(text) if isinstance(text, str) else ""
    if key:
        by_key = {fold_key(spelling): name for name, form in forms.items() for spelling in (*form.ten_khac, name)}
        for prefix in ("", *_AWARD_PREFIXES):
            if key.startswith(prefix) and key[len(prefix):] in by_key:
                config._resolved[memo] = by_key[key[len(prefix):]]
                return config._resolved[memo]
        compact = key.replace(" ", "")
        by_initials = [name for name in names if _initials(fold_key(name)) == compact
                       and not name.startswith("Huân chương")]
        if len(by_initials) == 1 and len(compact) >= 2:
            config._resolved[memo] = by_initials[0]
            return by_initials[0]
    shown = nfc(text).strip() if isinstance(text, str) else text
    raise BonusError("award_form_unknown", value=shown, allowed=_common_names(names))


def _common_names(names: list[str]) -> str:
    """The names to suggest: the orders (Huân chương) as one entry, so the list stays readable."""
    shown = [name for name in names if not name.startswith("Huân chương ")]
    if len(shown) < len(names):
        shown.append("Huân chương … (Lao động, Độc lập … hạng Nhất, Nhì, Ba)")
    return ", ".join(shown)


def base_salary_on(d: dt.date, config: BonusConfig) -> int:
    """The base salary (đồng/month) in force on ``d``: the last row with ``tu_ngay <= d``."""
    current = None
    for row in config.luong_co_so:
        if row.tu_ngay > d:
            break
        current = row.muc
    if current is None:
        first = config.luong_co_so[0].tu_ngay
        raise BonusError("base_salary_unknown", value=short_date(d), first=short_date(first))
    return current


def _ceil_step(numerator: Decimal | int, denominator: Decimal | int = 1) -> int:
    """``numerator / denominator`` rounded up to a multiple of :data:`STEP`, exactly."""
    n1, d1 = Decimal(numerator).as_integer_ratio()
    n2, d2 = Decimal(denominator).as_integer_ratio()
    num, den = n1 * d2, d1 * n2 * STEP
    return -((-num) // den) * STEP


def round_up_10000(amount: Decimal | int) -> int:
    """Round up to the next 10.000 đồng: ``Decimal('702000')`` → 710000; 710000 stays.

    Floats are refused: ``1.1 * 1800000`` is already wrong before rounding.
    """
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        raise TypeError(f"round_up_10000 takes a Decimal or an int, not {type(amount).__name__}")
    if isinstance(amount, Decimal) and not amount.is_finite():
        raise ValueError(f"cannot round {amount}")
    return _ceil_step(amount)


def _award(hinh_thuc: str, recipient_type: str, config: BonusConfig,
           on: dt.date | None = None) -> tuple[str, AwardForm, Coefficient]:
    name = resolve_award_form(hinh_thuc, config, on)
    kind = recipient_type if recipient_type in RECIPIENT_TYPES else parse_recipient_type(recipient_type)
    form = config.forms_on(on)[name]
    coefficient = form.coefficient(kind)
    if coefficient is None:
        raise BonusError("award_not_for_recipient", value=name, recipient=RECIPIENT_LABELS[kind],
                         allowed=_labels(form.recipient_types),
                         alternatives=_common_names(config.forms_for(kind, on)) or "—")
    return kind, form, coefficient


def award_coefficient(hinh_thuc: str, recipient_type: str, config: BonusConfig,
                      on: dt.date | None = None) -> Coefficient:
    """The coefficient of ``hinh_thuc`` for ``recipient_type``; :class:`BonusError` if it has none."""
    return _award(hinh_thuc, recipient_type, config, on)[2]


def award_form(hinh_thuc: str, config: BonusConfig, on: dt.date | None = None) -> AwardForm:
    """The row of the award table for ``hinh_thuc`` on ``on``."""
    return config.forms_on(on)[resolve_award_form(hinh_thuc, config, on)]


def bonus_amount(hinh_thuc: str, recipient_type: str, on: dt.date, config: BonusConfig) -> int:
    """The bonus in đồng for ``hinh_thuc`` given to a ``recipient_type`` by a decision dated ``on``.

    ``hinh_thuc`` is matched tolerantly (:func:`resolve_award_form`); ``recipient_type`` is one of
    :data:`RECIPIENT_TYPES` or any spelling :func:`parse_recipient_type` accepts.
    """
    if config.before_law(on) and fold_key(hinh_thuc) not in {fold_key(n) for n in config.hinh_thuc}:
        raise BonusError("award_table_before_law", value=short_date(on), form=hinh_thuc,
                         first=short_date(awards.DECREES[0].start))
    kind, form, coefficient = _award(hinh_thuc, recipient_type, config, on)
    if form.honorary(kind):
        return 0
    base = base_salary_on(on, config)
    individual = form.ca_nhan
    with localcontext(_EXACT):  # products of a few digits each: exact, whatever the caller's context
        if kind == "ca-nhan" or individual is None:
            return _ceil_step(coefficient.factor * base)
        if config.lam_tron == "mot-lan":
            combined = coefficient.factor * (individual.factor if coefficient.relative else 1)
            return _ceil_step(combined * base)
        rounded = _ceil_step(individual.factor * base)
        if coefficient.relative:
            return _ceil_step(coefficient.factor * rounded)
        return _ceil_step(coefficient.factor * rounded, individual.factor)


def amount_explained(hinh_thuc: str, recipient_type: str, on: dt.date,
                     config: BonusConfig) -> dict[str, str]:
    """Message parameters describing a computed amount (for warnings and reports)."""
    _, form, coefficient = _award(hinh_thuc, recipient_type, config, on)
    amount = bonus_amount(hinh_thuc, recipient_type, on, config)
    text = str(coefficient).replace(".", ",")
    if coefficient.relative and form.ca_nhan is not None:
        text = f"{text.rstrip('x')} × {str(form.ca_nhan).replace('.', ',')}"
    return {"computed": format_amount(amount), "coefficient": text,
            "base": format_amount(base_salary_on(on, config))}
