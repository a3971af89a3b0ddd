"""Pydantic models of the ND30 parts every document shares, and of the agency profile.

Field names are the ND30 names in ASCII Vietnamese, the same in the form, the model and the
templates. Rules that need several fields are field validators that read earlier fields from
``info.data``, so pydantic reports every problem of a form in one pass, each on its own field.

Errors are raised as ``PydanticCustomError(code, ...)``: ``code`` is a key of the message
catalogue (``generator.messages``), so the same error prints in Vietnamese or English.
Imports nothing from the package but the language helpers.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .vn import LanguageError, check_ky_hieu, clean_text, format_number, ky_hieu as make_ky_hieu, parse_date

MODES = ("draft", "final")


def _mode(info: ValidationInfo) -> str:
    return (info.context or {}).get("mode", "draft")


def language_error(exc: LanguageError) -> PydanticCustomError:
    return PydanticCustomError(exc.code, exc.code, dict(exc.params))


def _date(value: Any) -> Any:
    if value is None or value == "":
        return None
    try:
        return parse_date(value)
    except LanguageError as exc:
        raise language_error(exc) from exc


def _number(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise PydanticCustomError("number_invalid", "number_invalid", {"value": value})
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text.isdigit():
            raise PydanticCustomError("number_invalid", "number_invalid", {"value": value})
        value = int(text)
    if not isinstance(value, int):
        raise PydanticCustomError("number_invalid", "number_invalid", {"value": value})
    if value < 1:
        raise PydanticCustomError("number_not_positive", "number_not_positive", {"value": value})
    if value > MAX_NUMBER:
        raise PydanticCustomError("number_too_large", "number_too_large", {"value": value, "max": MAX_NUMBER})
    return value


# A document number counts one agency's documents of one year (ND30 Art. 15): six digits at most.
MAX_NUMBER = 999_999


def _text(value: Any) -> Any:
    """Numbers typed where text is expected are taken as their text (``2023`` -> ``"2023"``)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


OptionalDate = Annotated[dt.date | None, BeforeValidator(_date)]
RequiredDate = Annotated[dt.date, BeforeValidator(_date)]
Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
OptionalText = Annotated[str | None, BeforeValidator(_text)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------------------------
# Signer (ô 7a–7c)

AUTHORITIES = ("", "TM.", "KT.", "Q.", "TL.", "TUQ.")
ACADEMIC_PREFIX = re.compile(r"^(GS|PGS|TS|ThS|KS|BS|CN|TSKH|NGƯT|NGND)\.?\s", re.IGNORECASE)


def _authority(value: Any) -> Any:
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    text = value.strip().upper()
    if text and not text.endswith("."):
        text += "."
    if text not in AUTHORITIES:
        raise PydanticCustomError(
            "signer_authority_unknown", "signer_authority_unknown",
            {"value": value, "allowed": ", ".join(a for a in AUTHORITIES if a)},
        )
    return text


class Signer(Strict):
    """Người ký: the authority chain and the name (ô 7a–7c).

    ``quyen_han`` is the prefix of the first line; any later line may carry its own prefix, so a
    three-level chain is written ``quyen_han: TM.`` + ``chuc_vu: [Ủy ban nhân dân, KT. Chủ tịch,
    Phó Chủ tịch]``. The rules are :func:`generator.document.signature.chain_problems`.
    """

    quyen_han: Annotated[str, BeforeValidator(_authority)] = ""
    chuc_vu: Annotated[list[Text], Field(min_length=1)]
    ho_ten: Text

    @field_validator("chuc_vu")
    @classmethod
    def _title_lines(cls, lines: list[str], info: ValidationInfo) -> list[str]:
        from .document.signature import authority_lines, chain_problems

        chain = authority_lines(lines, info.data.get("quyen_han", ""))
        for problem in chain_problems(chain):
            if problem.severity == "error":
                raise PydanticCustomError(problem.code, problem.code,
                                          {**problem.params, "line": problem.index + 1})
        return lines

    @field_validator("ho_ten")
    @classmethod
    def _name(cls, name: str) -> str:
        if ACADEMIC_PREFIX.match(name):
            raise PydanticCustomError("signer_name_title", "signer_name_title", {"value": name})
        letters = [ch for ch in name if ch.isalpha()]
        all_capitals = len(letters) > 1 and all(ch.isupper() for ch in letters)  # CHK-27: not all caps
        for syllable in name.split():
            if not syllable[0].isupper() or (len(syllable) > 1 and syllable.isupper()) or all_capitals:
                raise PydanticCustomError("signer_name_case", "signer_name_case", {"value": name})
        return name

    def authority_lines(self) -> list[str]:
        """The bold caps lines of ô 7a: ``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``."""
        from .document.signature import authority_lines

        return authority_lines(self.chuc_vu, self.quyen_han)

    def warnings(self) -> list:
        """The chain's ND30 warnings (an unusual deputy title, a line after ``Q.``)."""
        from .document.signature import chain_problems

        return [p for p in chain_problems(self.authority_lines()) if p.severity == "warning"]


# --------------------------------------------------------------------------------------------
# Layout choices (profile "trinh_bay")


def _in_range(low: float, high: float):
    def check(value: float, info: ValidationInfo) -> float:
        if not low <= value <= high:
            raise PydanticCustomError("layout_out_of_range", "layout_out_of_range",
                                      {"value": value, "low": low, "high": high})
        return value

    return check


def _range(low: float, high: float, default: float):
    from pydantic import AfterValidator

    return Annotated[float, AfterValidator(_in_range(low, high)), Field(default=default)]


class LayoutChoices(Strict):
    """ND30-permitted layout choices; defaults: margins 20/20/30/15 mm, body 14 pt, 13/14/14."""

    le_tren_mm: _range(20, 25, 20)
    le_duoi_mm: _range(20, 25, 20)
    le_trai_mm: _range(30, 35, 30)
    le_phai_mm: _range(15, 20, 15)
    co_chu_noi_dung: _range(13, 14, 14)
    co_chu_co_quan: _range(12, 13, 13)
    co_chu_quoc_hieu: _range(12, 13, 13)
    co_chu_tieu_ngu: _range(13, 14, 14)
    co_chu_ngay_thang: _range(13, 14, 14)
    gian_dong: _range(1.0, 1.5, 1.15)
    thut_dau_dong_cm: _range(1.0, 1.27, 1.27)
    cach_doan_pt: _range(6, 12, 6)

    @field_validator("co_chu_tieu_ngu")
    @classmethod
    def _tieu_ngu_follows_quoc_hieu(cls, value: float, info: ValidationInfo) -> float:
        quoc_hieu = info.data.get("co_chu_quoc_hieu")
        if quoc_hieu is not None and value != quoc_hieu + 1:
            raise PydanticCustomError("layout_sizes_incoherent", "layout_sizes_incoherent",
                                      {"quoc_hieu": quoc_hieu, "tieu_ngu": value})
        return value

    @field_validator("co_chu_ngay_thang")
    @classmethod
    def _date_line_follows_tieu_ngu(cls, value: float, info: ValidationInfo) -> float:
        tieu_ngu = info.data.get("co_chu_tieu_ngu")
        if tieu_ngu is not None and value != tieu_ngu:
            raise PydanticCustomError("layout_date_size", "layout_date_size",
                                      {"tieu_ngu": tieu_ngu, "value": value})
        return value


# --------------------------------------------------------------------------------------------
# Agency profile


_CODE = re.compile(r"^[A-ZĐ0-9&]+$")
# A drafting unit's code in the Lưu line may hold dots or a lower-case part: "TH.KM", "KT(pvT)".
_UNIT_CODE = re.compile(r"^[A-ZĐ0-9&][A-Za-zĐđ0-9&.()]*$")


def _agency_code(value: Any) -> Any:
    if isinstance(value, str) and not _CODE.match(value.strip()):
        raise PydanticCustomError("agency_code_invalid", "agency_code_invalid", {"value": value})
    return value.strip() if isinstance(value, str) else value


AgencyCode = Annotated[str, BeforeValidator(_agency_code)]


def _unit_code(value: Any) -> Any:
    if isinstance(value, str) and not _UNIT_CODE.match(value.strip()):
        raise PydanticCustomError("agency_code_invalid", "agency_code_invalid", {"value": value})
    return value.strip() if isinstance(value, str) else value


UnitCode = Annotated[str, BeforeValidator(_unit_code)]


class NamedList(Strict):
    """A named distribution list of the profile, with its ND30 group."""

    nhom: Literal["thuc-hien", "bao-cao", "de-biet"] = "thuc-hien"
    muc: Annotated[list[Text], Field(min_length=1)]


class AgencyProfile(Strict):
    """The issuing agency's fixed facts (``samples/co-quan.yaml``)."""

    co_quan_chu_quan: OptionalText = None
    co_quan_ban_hanh: Text
    ma_co_quan: AgencyCode
    dia_danh: Text
    don_vi: dict[UnitCode, Text] = Field(default_factory=dict)
    nguoi_ky: dict[str, Signer] = Field(default_factory=dict)
    noi_nhan: dict[str, list[Text] | NamedList] = Field(default_factory=dict)
    trinh_bay: LayoutChoices = Field(default_factory=LayoutChoices)
    khen_thuong: dict[str, Any] | None = None  # bonus tables (generator.bonus.BonusConfig)
    so_van_ban: dict[str, Any] | None = None  # the number register (generator.register)


# Profile keys copied into a form (the form may override each of them).
PROFILE_FACTS = ("co_quan_chu_quan", "co_quan_ban_hanh", "ma_co_quan", "dia_danh", "trinh_bay", "don_vi")
# Profile keys copied only into the kinds whose model has that field (e.g. bonus tables).
KIND_PROFILE_FACTS = ("khen_thuong",)


# --------------------------------------------------------------------------------------------
# Nơi nhận (ô 9b)

_LUU = re.compile(r"^Lưu\s*:\s*VT\b")


def _recipient(value: Any) -> Any:
    """Drop the punctuation a clerk may type: leading ``-``, trailing ``;`` or ``.``."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    text = re.sub(r"^[-–+•]\s*", "", text)
    text = re.sub(r"[;.,]+$", "", text).strip()
    return text


Recipient = Annotated[str, BeforeValidator(_recipient), Field(min_length=1)]


def _as_list(value: Any) -> Any:
    """One recipient may be written as a plain string."""
    return [value] if isinstance(value, str) else value


# Kính gửi: one addressee as a plain string, or a list.
Addressees = Annotated[list[Recipient], BeforeValidator(_as_list)]


def _recipients(items: list[str]) -> list[str]:
    if not items:
        raise PydanticCustomError("too_short", "too_short", {"min_length": 1})
    last = items[-1]
    if not last.startswith("Lưu"):
        raise PydanticCustomError("noi_nhan_last_not_luu", "noi_nhan_last_not_luu", {"value": last})
    if not _LUU.match(last):
        raise PydanticCustomError("noi_nhan_luu_needs_vt", "noi_nhan_luu_needs_vt", {"value": last})
    return items


def _all_capitals(text: str) -> bool:
    if not text.isupper():  # the usual case, decided in C
        return False
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    letters = [ch for ch in text if ch.isalpha()]
    return len(words) >= 2 and len(letters) >= 6 and all(not ch.islower() for ch in letters)


def _sentence_case(text: str) -> str:
    lower = text.lower()
    return lower[:1].upper() + lower[1:]


# --------------------------------------------------------------------------------------------
# The header every document shares


class DocumentForm(Strict):
    """ô 1–9 of ND30 Phụ lục I: what every administrative document carries."""

    KIND: ClassVar[str] = ""
    TEN_LOAI: ClassVar[str] = ""
    TYPE_CODE: ClassVar[str | None] = None

    loai: str
    co_quan: OptionalText = None  # path of the agency profile (resolved before validation)
    co_quan_chu_quan: OptionalText = None
    co_quan_ban_hanh: Text
    ma_co_quan: AgencyCode
    dia_danh: Text
    trinh_bay: LayoutChoices = Field(default_factory=LayoutChoices)
    don_vi: dict[UnitCode, Text] = Field(default_factory=dict)  # the agency's units (profile)
    don_vi_soan_thao: Annotated[UnitCode | None, Field(default=None, validate_default=True)]
    so: Annotated[int | None, BeforeValidator(_number)] = Field(default=None, validate_default=True)
    ky_hieu: OptionalText = Field(default=None, validate_default=True)
    ngay: OptionalDate = Field(default=None, validate_default=True)
    nam: int | None = Field(default=None, ge=1945, le=2100)  # the year on a draft's date line (no date yet)
    trich_yeu: Text
    kinh_gui: Addressees = Field(default_factory=list)
    nguoi_ky: Signer
    so_ban_luu: Annotated[int | None, BeforeValidator(_number), Field(le=99)] = None  # archived copies
    noi_nhan: list[Recipient]

    _so_typed: str | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_typed_number(cls, data: Any, handler):
        """``so: "0124"`` prints ``0124``: a number typed with more leading zeros than ND30's
        ``01``–``09`` is kept as typed (and warned about by the form reader)."""
        model = handler(data)
        raw = data.get("so") if isinstance(data, dict) else None
        if isinstance(raw, str) and raw.strip().isdigit() and model.so is not None:
            text = raw.strip()
            if text.startswith("0") and text != format_number(int(text)):
                model.__pydantic_private__["_so_typed"] = text
        return model

    @property
    def number_text(self) -> str | int | None:
        """The number as printed: the typed text when kept as typed, else the number."""
        return self._so_typed if self._so_typed is not None else self.so

    @field_validator("dia_danh")
    @classmethod
    def _one_line_place(cls, value: str) -> str:
        """The place name stands on the date line: one line, no trailing comma."""
        text = clean_text(value, multiline=False).rstrip(",").strip()
        if not text:
            raise PydanticCustomError("place_empty", "place_empty", {"value": value})
        return text

    @field_validator("trich_yeu")
    @classmethod
    def _trich_yeu_not_in_capitals(cls, value: str | None) -> str | None:
        """ND30-TY: the trích yếu is in sentence case (the template prints it bold); a title typed in
        capitals would break the rule, so it is refused rather than printed."""
        if value and _all_capitals(value):
            raise PydanticCustomError("trich_yeu_all_caps", "trich_yeu_all_caps",
                                      {"value": value[:60], "example": _sentence_case(value)[:60]})
        return value

    @field_validator("don_vi_soan_thao")
    @classmethod
    def _known_unit(cls, value: str | None, info: ValidationInfo) -> str | None:
        units = info.data.get("don_vi") or {}
        if value is not None and units and value not in units:
            raise PydanticCustomError("unit_unknown", "unit_unknown",
                                      {"value": value, "allowed": ", ".join(units)})
        return value

    @classmethod
    def expected_ky_hieu(cls, data: dict) -> str | None:
        """The ký hiệu this kind must carry: ``<type code>-<agency>`` (công văn overrides)."""
        agency = data.get("ma_co_quan")
        return make_ky_hieu(cls.TYPE_CODE, agency) if agency else None

    @field_validator("loai")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value != cls.KIND:
            raise PydanticCustomError("kind_mismatch", "kind_mismatch",
                                      {"value": value, "expected": cls.KIND})
        return value

    @field_validator("so")
    @classmethod
    def _number_required_when_final(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is None and _mode(info) == "final" and not (info.context or {}).get("register"):
            raise PydanticCustomError("final_needs_number", "final_needs_number", {})
        return value

    @field_validator("ky_hieu")
    @classmethod
    def _ky_hieu_matches_kind(cls, value: str | None, info: ValidationInfo) -> str | None:
        try:
            expected = cls.expected_ky_hieu(info.data)
        except LanguageError as exc:
            raise language_error(exc) from exc
        if expected is None:
            return value
        if value is None:
            return expected
        try:
            check_ky_hieu(value, expected)
        except LanguageError as exc:
            raise language_error(exc) from exc
        return value

    @field_validator("ngay")
    @classmethod
    def _date_required_when_final(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if value is None and _mode(info) == "final":
            raise PydanticCustomError("final_needs_date", "final_needs_date", {})
        return value

    @field_validator("noi_nhan")
    @classmethod
    def _archive_line(cls, items: list[str], info: ValidationInfo) -> list[str]:
        """The Lưu line: built from the drafting unit and copy count, or typed last."""
        unit = info.data.get("don_vi_soan_thao")
        if unit is None:
            return _recipients(items)
        typed = [item for item in items if item.startswith("Lưu")]
        if typed:
            raise PydanticCustomError("noi_nhan_luu_twice", "noi_nhan_luu_twice",
                                      {"value": typed[0], "unit": unit})
        copies = info.data.get("so_ban_luu")
        archive = f"Lưu: VT, {unit}" + (f" ({format_number(copies)})" if copies else "")
        return [*items, archive]


MarkupText = Annotated[str, BeforeValidator(_text)]
Mode = Literal["draft", "final"]


def flag(value: Any) -> bool:
    """A yes/no a form gives before its model is validated (YAML scalars are read as text):
    ``true``/``True``/``yes`` … as pydantic reads a bool; anything else is False."""
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(bool).validate_python(value)
    except ValidationError:
        return False
