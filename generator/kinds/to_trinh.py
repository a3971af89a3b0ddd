"""Tờ trình (TTr): a proposal (ND30 Mẫu 1.4; spec §5.2), Kính gửi optional.

A tờ trình is its body. The commendation proposal is a preset of it: a form naming the awardee
sheet gets its counts, its amounts and its attached list from that one source, never typed twice —
read through the loaders the pipeline hands to :func:`prepare`. With the decision form the decisions
are made from (``quyet_dinh``, the batch's form), the sheet is read exactly as the batch reads it;
without one, a few facts of the proposal are enough: what the awardees did (``thanh_tich``), the
money rule (``tien_thuong``) and to whom it is proposed (``kinh_trinh``); the agency profile gives
the award table.
"""

from __future__ import annotations

from pathlib import Path

from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..document.model import Document
from .. import bonus
from ..awardee import Awardee
from ..errors import Issue, ValidationFailed
from ..markup import Block, Run
from ..model import OptionalDate, OptionalText, Strict, Text, flag
from ..sources import Located
from ..vn import full_reference
from .base import KindSpec, document_fields
from .khen_thuong import (
    ListOptions, MoneyMode, attached_list, award_phrase, awards_sentence, money_sentence, money_warnings,
    recipients_word, settled_list,
)
from .parts import Body, CommonForm, body_blocks, with_end_mark
from .quyet_dinh import QuyetDinhKhenThuong, _bonus_config


class Proposal(Strict):
    """The awardees a tờ trình proposes, read from a sheet without a decision form."""

    ngay: OptionalDate = None
    thanh_tich: Text
    khen_thuong: Annotated[bonus.BonusConfig, BeforeValidator(_bonus_config)] = Field(
        default_factory=lambda: bonus.DEFAULT_BONUS_CONFIG, validate_default=True)
    tien_thuong: MoneyMode | None = None
    danh_sach: Annotated[list[Awardee], Field(min_length=1)]

    @field_validator("danh_sach")
    @classmethod
    def _amounts(cls, awardees: list[Awardee], info: ValidationInfo) -> list[Awardee]:
        return settled_list(awardees, info)


class ToTrinh(CommonForm):
    KIND = "to-trinh"
    TEN_LOAI = "Tờ trình"
    TYPE_CODE = "TTr"
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    trich_yeu: OptionalText = None  # built for a commendation proposal when absent
    noi_dung: Body | None = None  # the body of a proposal (any subject)
    # A commendation proposal: the awardee sheet, and the decision form when there is one.
    danh_sach: OptionalText = None  # the awardee sheet (.xlsx / .csv)
    quyet_dinh: OptionalText = None  # the decision form of `vanban batch` (optional)
    cot_nhom: OptionalText = None  # the grouping column of the sheet ("Quyết định")
    nhom: OptionalText = None  # propose only this group (a value of cot_nhom); default: every row
    thanh_tich: OptionalText = None  # what the awardees did (without a decision form)
    tien_thuong: MoneyMode | None = None  # money rule (without a decision form; see kinds.khen_thuong)
    khen_thuong: dict[str, Any] | None = None  # the award table (from the agency profile)
    kinh_trinh: OptionalText = None  # "Trưởng ban" in "Kính trình Trưởng ban xem xét, quyết định"
    loi_trinh: OptionalText = None  # the whole closing line: "Sở Tư pháp kính trình … xem xét, quyết định"
    mo_dau: Body | None = None  # the bases and the reason
    tom_tat: Body | None = None  # results of the campaign, how the awardees were chosen
    danh_sach_kem_theo: ListOptions = Field(default_factory=ListOptions)
    bo_dong_an: bool = False  # leave out the rows hidden in the sheet (they are read, with a warning, by default)
    de_xuat: Annotated[QuyetDinhKhenThuong | Proposal | None, Field(union_mode="left_to_right")] = None  # from the sheet (prepare)

    @model_validator(mode="after")
    def _proposal_has_content(self) -> "ToTrinh":
        if self.quyet_dinh is not None and self.danh_sach is None:
            raise PydanticCustomError("to_trinh_needs_sheet_and_form", "to_trinh_needs_sheet_and_form", {})
        if self.danh_sach is not None and self.quyet_dinh is None and not self.thanh_tich and self.de_xuat is None:
            raise PydanticCustomError("to_trinh_needs_achievement", "to_trinh_needs_achievement", {})
        if self.de_xuat is None and not self.trich_yeu:
            raise PydanticCustomError("to_trinh_needs_trich_yeu", "to_trinh_needs_trich_yeu", {})
        if self.de_xuat is None and self.danh_sach is None and not self.noi_dung:
            raise PydanticCustomError("to_trinh_needs_body", "to_trinh_needs_body", {})
        return self


def prepare(located: Located, issues: list[Issue], loaders) -> Located:
    """Read the sheet into one proposal: with the decision form exactly as the batch does, or on
    its own with the proposal's facts (through the loaders the pipeline gives: the kind never
    imports the readers)."""
    data = located.data
    form, sheet = data.get("quyet_dinh"), data.get("danh_sach")
    if not isinstance(sheet, str):
        return located  # a proposal of any subject, or fields the model reports
    base = located.path.parent if located.path else Path(".")
    if isinstance(form, str):
        try:
            decision = loaders.proposal(base / sheet, base / form, data.get("cot_nhom"), data.get("nhom"),
                                        data.get("ngay"), located.origin_of(("nhom",)), issues)
        except ValidationFailed as exc:
            issues.extend(exc.issues)
            return located
        if decision is not None:
            data["de_xuat"] = decision
        return located
    if form is not None or not data.get("thanh_tich"):
        return located  # reported by the model
    rows = loaders.awardees(base / sheet, data.get("khen_thuong"), data.get("cot_nhom"), data.get("nhom"),
                            located.origin_of(("nhom",)), issues, flag(data.get("bo_dong_an")))
    if rows is None:
        return located
    fields = ("stt", "ho_ten", "chuc_vu", "don_vi", "doi_tuong", "hinh_thuc", "thanh_tich", "so_tien", "ghi_chu")
    data["de_xuat"] = {
        "ngay": data.get("ngay"), "thanh_tich": data.get("thanh_tich"), "khen_thuong": data.get("khen_thuong"),
        "tien_thuong": data.get("tien_thuong"),
        "danh_sach": [{name: getattr(row, name) for name in fields if getattr(row, name) is not None}
                      for row in rows]}
    for index, row in enumerate(rows):  # a problem of a proposed line is shown at its cell
        located.origins[("de_xuat", "danh_sach", index)] = row.origins["ho_ten"]
        for name, origin in row.origins.items():
            located.origins[("de_xuat", "danh_sach", index, name)] = origin
    return located


def warnings(paper: ToTrinh, located: Located) -> list[Issue]:
    if not isinstance(paper.de_xuat, Proposal):  # a decision form's warnings come with it
        return []
    return money_warnings(paper.de_xuat.danh_sach, paper.de_xuat.tien_thuong, located, ("de_xuat", "danh_sach"))


def _kinh_trinh(paper: ToTrinh) -> str:
    if paper.kinh_trinh:
        return paper.kinh_trinh
    if paper.kinh_gui:
        return paper.kinh_gui[0]
    return "lãnh đạo"


def _proposal(paper: ToTrinh) -> str:
    proposal = paper.de_xuat
    awards = awards_sentence(proposal.danh_sach, proposal.khen_thuong, listed=True)
    achievement = proposal.danh_sach[0].thanh_tich if len(proposal.danh_sach) == 1 and \
        proposal.danh_sach[0].thanh_tich else proposal.thanh_tich
    joint = ", " if len(proposal.danh_sach) == 1 else " "
    sentence = f"Đề nghị {_kinh_trinh(paper)} {awards}{joint}{achievement.rstrip('.')}."
    amount = money_sentence(proposal.danh_sach, decided=False)
    return f"{sentence} {amount}" if amount else sentence


def closing_line(paper: ToTrinh) -> str:
    if paper.loi_trinh:
        return paper.loi_trinh.rstrip().rstrip("./").rstrip(".") + "./."
    return f"Kính trình {_kinh_trinh(paper)} xem xét, quyết định./."


def built_trich_yeu(paper: ToTrinh) -> str:
    """``Về việc đề nghị tặng Giấy khen cho các tập thể, cá nhân đã có thành tích …``."""
    awardees = paper.de_xuat.danh_sach
    forms = {a.hinh_thuc for a in awardees}
    if len(awardees) == 1:
        awards = awards_sentence(awardees, paper.de_xuat.khen_thuong, listed=False)
    elif len(forms) == 1:
        awards = f"{award_phrase(forms.pop(), paper.de_xuat.khen_thuong)} cho {recipients_word(awardees)}"
    else:
        awards = f"khen thưởng {recipients_word(awardees)}"
    return f"Về việc đề nghị {awards} {paper.de_xuat.thanh_tich.rstrip('.')}"


def build(paper: ToTrinh, base: Path | None = None) -> Document:
    fields = document_fields(paper)
    blocks = body_blocks(paper.mo_dau, base=base) + body_blocks(paper.tom_tat, base=base)
    blocks += body_blocks(paper.noi_dung, base=base)
    annexes = []
    if paper.de_xuat is not None:
        fields["trich_yeu"] = paper.trich_yeu or built_trich_yeu(paper)
        blocks.append(Block("body", [Run(_proposal(paper))]))
        blocks.append(Block("body", [Run(closing_line(paper))]))
        reference = (f"(Kèm theo {full_reference('Tờ trình', paper.number_text, paper.ky_hieu, paper.ngay, paper.co_quan_ban_hanh)})")
        listed = attached_list(paper.de_xuat.danh_sach, paper.danh_sach_kem_theo, reference,
                               paper.de_xuat.khen_thuong, decided=False)
        if listed is not None:
            annexes.append(listed)
    return Document(**fields, body=tuple(with_end_mark(blocks)), annexes=tuple(annexes + paper.annex_parts(base)))


SPEC = KindSpec(
    kind="to-trinh",
    model=ToTrinh,
    build=build,
    starter="to-trinh.yaml",
    prepare=prepare,
    warnings=warnings,
)
