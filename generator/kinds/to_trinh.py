"""Tờ trình (TTr): a proposal (ND30 Mẫu 1.4; spec §5.2), Kính gửi optional.

A tờ trình is its body. The commendation proposal is a preset of it: a form naming the awardee
sheet and the decision form the decisions are made from (``vanban batch``) gets its counts, its
amounts and its attached list from that one source, never typed twice — read through the loader
the pipeline hands to :func:`prepare`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from ..document.model import Document
from ..errors import Issue, ValidationFailed
from ..markup import Block, Run
from ..model import OptionalText
from ..sources import Located
from ..vn import full_reference
from .base import KindSpec, document_fields
from .parts import Body, CommonForm, body_blocks, with_end_mark
from .quyet_dinh import QuyetDinhKhenThuong, _award_phrase, _counts, attached_list, money


class ToTrinh(CommonForm):
    KIND = "to-trinh"
    TEN_LOAI = "Tờ trình"
    TYPE_CODE = "TTr"
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    trich_yeu: OptionalText = None  # built for a commendation proposal when absent
    noi_dung: Body | None = None  # the body of a proposal (any subject)
    # A commendation proposal: the decision form and the sheet the decisions are made from.
    quyet_dinh: OptionalText = None
    danh_sach: OptionalText = None  # the awardee sheet (.xlsx / .csv)
    cot_nhom: OptionalText = None  # the grouping column of the sheet ("Quyết định")
    nhom: OptionalText = None  # propose only this group (a value of cot_nhom); default: every row
    kinh_trinh: OptionalText = None  # "Trưởng ban" in "Kính trình Trưởng ban xem xét, quyết định"
    mo_dau: Body | None = None  # the bases and the reason
    tom_tat: Body | None = None  # results of the campaign, how the awardees were chosen
    de_xuat: QuyetDinhKhenThuong | None = None  # filled from the sheet and the decision form (prepare)

    @model_validator(mode="after")
    def _proposal_has_content(self) -> "ToTrinh":
        if (self.quyet_dinh is None) != (self.danh_sach is None):
            raise PydanticCustomError("to_trinh_needs_sheet_and_form", "to_trinh_needs_sheet_and_form", {})
        if self.de_xuat is None and not self.trich_yeu:
            raise PydanticCustomError("to_trinh_needs_trich_yeu", "to_trinh_needs_trich_yeu", {})
        if self.de_xuat is None and self.quyet_dinh is None and not self.noi_dung:
            raise PydanticCustomError("to_trinh_needs_body", "to_trinh_needs_body", {})
        return self



def prepare(located: Located, issues: list[Issue], loaders) -> Located:
    """Read the sheet with the decision form exactly as the batch does, into one proposal (through
    the loader the pipeline gives: the kind never imports the batch)."""
    data = located.data
    form, sheet = data.get("quyet_dinh"), data.get("danh_sach")
    if not isinstance(form, str) or not isinstance(sheet, str):
        return located  # a proposal of any subject, or fields the model reports
    base = located.path.parent if located.path else Path(".")
    try:
        decision = loaders.proposal(base / sheet, base / form, data.get("cot_nhom"), data.get("nhom"),
                                    data.get("ngay"), located.origin_of(("nhom",)), issues)
    except ValidationFailed as exc:
        issues.extend(exc.issues)
        return located
    if decision is not None:
        data["de_xuat"] = decision
    return located


def _proposal(paper: ToTrinh) -> str:
    decision = paper.de_xuat
    phrase = _award_phrase({a.hinh_thuc for a in decision.danh_sach})
    return (f"Đề nghị {paper.kinh_trinh_text()} {phrase[:1].lower()}{phrase[1:]} cho "
            f"{_counts(decision.danh_sach)} (có danh sách kèm theo) {decision.thanh_tich.rstrip('.')}. "
            f"Tổng số tiền thưởng: {money(decision.total)}.")


def _kinh_trinh(paper: ToTrinh) -> str:
    if paper.kinh_trinh:
        return paper.kinh_trinh
    if paper.kinh_gui:
        return paper.kinh_gui[0]
    return "lãnh đạo"


ToTrinh.kinh_trinh_text = _kinh_trinh  # type: ignore[attr-defined]


def built_trich_yeu(paper: ToTrinh) -> str:
    decision = paper.de_xuat
    phrase = _award_phrase({a.hinh_thuc for a in decision.danh_sach})
    return f"Về việc đề nghị {phrase[:1].lower()}{phrase[1:]} cho các tập thể, cá nhân {decision.thanh_tich.rstrip('.')}"


def build(paper: ToTrinh, base: Path | None = None) -> Document:
    fields = document_fields(paper)
    blocks = body_blocks(paper.mo_dau, base=base) + body_blocks(paper.tom_tat, base=base)
    blocks += body_blocks(paper.noi_dung, base=base)
    annexes = []
    if paper.de_xuat is not None:
        fields["trich_yeu"] = paper.trich_yeu or built_trich_yeu(paper)
        blocks.append(Block("body", [Run(_proposal(paper))]))
        blocks.append(Block("body", [Run(f"Kính trình {_kinh_trinh(paper)} xem xét, quyết định./.")]))
        reference = (f"(Kèm theo {full_reference('Tờ trình', paper.number_text, paper.ky_hieu, paper.ngay, paper.co_quan_ban_hanh)})")
        listed = attached_list(paper.de_xuat, reference)
        if listed is not None:
            annexes.append(listed)
    return Document(**fields, body=tuple(with_end_mark(blocks)), annexes=tuple(annexes + paper.annex_parts(base)))


SPEC = KindSpec(
    kind="to-trinh",
    model=ToTrinh,
    build=build,
    starter="to-trinh.yaml",
    prepare=prepare,
)
