"""One line of an attached list of awardees, and its rules — the one place they live.

The same :class:`Awardee` model validates a line typed in a decision form (``danh_sach``) and a row
of an awardee sheet: the sheet reader only reads cell values as text with their cell origins, then
hands each row to this model and turns its errors into issues located at the cell (``Danh sách!D7``).
The award form is resolved and checked against the recipient type with the bonus table given in the
validation context (``khen_thuong``); without one it is kept as typed (the decision resolves it).

Imports the bonus rules and the language helpers only.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from . import bonus
from .model import OptionalText, Strict
from .vn import LanguageError, format_amount, parse_amount

RECIPIENT_TYPES = ("ca-nhan", "tap-the", "ho-gia-dinh")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _stt(value: Any) -> Any:
    if _blank(value):
        raise PydanticCustomError("stt_missing", "stt_missing", {})
    number = value
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    elif isinstance(number, str):
        text = number.strip().rstrip(".")
        number = int(text) if text.isdigit() else None
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise PydanticCustomError("stt_invalid", "stt_invalid", {"value": value})
    return number


def _name(value: Any) -> Any:
    if _blank(value):
        raise PydanticCustomError("name_missing", "name_missing", {})
    return value


def _recipient_type(value: Any) -> Any:
    if _blank(value):
        raise PydanticCustomError("recipient_type_missing", "recipient_type_missing",
                                  {"allowed": ", ".join(bonus.RECIPIENT_LABELS.values())})
    if value in RECIPIENT_TYPES:
        return value
    try:
        return bonus.parse_recipient_type(value)
    except bonus.BonusError as exc:
        raise PydanticCustomError(exc.code, exc.code, dict(exc.params)) from exc


def _award_form(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise PydanticCustomError("award_form_missing", "award_form_missing", {})
    return value


def _amount(value: Any) -> Any:
    """A typed bonus: ``1.410.000``, ``1410000``, ``1.410.000 đồng`` …. Blank and ``0`` mean the
    same: no amount typed on this line (what the decision does then is its ``tien_thuong``)."""
    if _blank(value):
        return None
    try:
        amount = parse_amount(value)
    except LanguageError as exc:
        raise PydanticCustomError(exc.code, exc.code, dict(exc.params)) from exc
    if amount < 0:
        raise PydanticCustomError("amount_not_positive", "amount_not_positive", {"value": value})
    if amount == 0:
        return None
    if amount > bonus.MAX_AMOUNT:
        # 1e20 in a cell would reach the amount in words and the totals; no bonus is that large.
        raise PydanticCustomError("amount_too_large", "amount_too_large", {
            "value": format_amount(amount) if amount < 10 ** 30 else f"{amount:.3e}",
            "limit": format_amount(bonus.MAX_AMOUNT)})
    return amount


class Awardee(Strict):
    """One line of the attached list."""

    stt: Annotated[int, BeforeValidator(_stt), Field(ge=1, le=99_999)]
    ho_ten: Annotated[str, BeforeValidator(_name), Field(min_length=1)]
    chuc_vu: OptionalText = None
    don_vi: OptionalText = None
    doi_tuong: Annotated[Literal["ca-nhan", "tap-the", "ho-gia-dinh"], BeforeValidator(_recipient_type)]
    hinh_thuc: Annotated[str, BeforeValidator(_award_form)] = "Giấy khen"
    thanh_tich: OptionalText = None
    so_tien: Annotated[int | None, BeforeValidator(_amount)] = None  # typed amount (wins)
    so_tien_tinh: int | None = None  # computed from the bonus table
    thuong: int | None = None  # the amount given, set by the document's money rule (kinds.khen_thuong)
    ghi_chu: OptionalText = None

    @field_validator("hinh_thuc")
    @classmethod
    def _known_award(cls, value: str, info: ValidationInfo) -> str:
        """With a bonus table in the context: the canonical award name, given to this recipient type."""
        config = (info.context or {}).get("khen_thuong")
        if config is None:
            return value
        try:
            form = bonus.resolve_award_form(value, config)
            kind = info.data.get("doi_tuong")
            if kind is not None:
                bonus.award_coefficient(form, kind, config)
        except bonus.BonusError as exc:
            raise PydanticCustomError(exc.code, exc.code, dict(exc.params)) from exc
        return form

    @property
    def amount(self) -> int:
        """The bonus this line gives (0: honorary)."""
        if self.thuong is not None:
            return self.thuong
        return self.so_tien if self.so_tien is not None else (self.so_tien_tinh or 0)

    @property
    def position(self) -> str:
        return ", ".join(part for part in (self.chuc_vu, self.don_vi) if part)
