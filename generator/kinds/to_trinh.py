"""Tờ trình đề nghị khen thưởng (TTr): the proposal for a commendation (ND30 Mẫu 1.4; spec §5.2).

It is built from the same sheet and decision form the decisions use (``vanban batch``): the counts,
the amounts and the attached list come from that one source, never typed twice.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pydantic import ConfigDict, Field

from .. import markup
from ..blocks import BodyXml, end_with_closing_mark
from ..errors import Issue, ValidationFailed
from ..markup import Block, Run
from ..model import Addressees, DocumentForm, OptionalText, Text
from ..sources import Located
from ..vn import full_reference
from .base import BodyMarkup, KindSpec, header_context
from .quyet_dinh import QuyetDinhKhenThuong, _award_phrase, _counts, attached_list, money


class ToTrinh(DocumentForm):
    KIND = "to-trinh"
    TEN_LOAI = "Tờ trình"
    TYPE_CODE = "TTr"
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    quyet_dinh: Text  # the decision form the decisions are made from (batch form)
    danh_sach: Text  # the awardee sheet (.xlsx / .csv)
    cot_nhom: OptionalText = None  # the grouping column of the sheet ("Quyết định")
    nhom: OptionalText = None  # propose only this group (a value of cot_nhom); default: every row
    kinh_gui: Addressees = Field(min_length=1)
    kinh_trinh: OptionalText = None  # "Trưởng ban" in "Kính trình Trưởng ban xem xét, quyết định"
    trich_yeu: OptionalText = None  # built when absent
    mo_dau: BodyMarkup | None = None  # the bases and the reason
    tom_tat: BodyMarkup | None = None  # results of the campaign, how the awardees were chosen
    de_xuat: QuyetDinhKhenThuong  # filled from the sheet and the decision form (see prepare)



def prepare(located: Located, issues: list[Issue]) -> Located:
    """Read the sheet with the decision form exactly as the batch does, into one proposal."""
    from ..batch import Options, plan  # the batch reads sheets; imported here to avoid a cycle
    from ..forms import validate

    data = located.data
    form, sheet = data.get("quyet_dinh"), data.get("danh_sach")
    if not isinstance(form, str) or not isinstance(sheet, str):
        return located  # reported as missing or wrong fields by the model
    base = located.path.parent if located.path else Path(".")
    group = data.get("nhom")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            batch = plan(base / sheet, base / form, Path(tmp),
                         Options(group_by=data.get("cot_nhom") if group else None))
    except ValidationFailed as exc:
        issues.extend(exc.issues)
        return located
    groups = [g for g in batch.groups if g is not None]
    if group:
        chosen = [g for g in groups if g.label == group]
        if not chosen:
            issues.append(Issue("to_trinh_group_unknown", "nhom", located.origin_of(("nhom",)), group,
                                {"allowed": ", ".join(g.label for g in groups)}))
            return located
        chosen = chosen[0]
    else:
        chosen = groups[0]
    decision_data = chosen.located.data
    decision_data.pop("so", None)
    if not decision_data.get("ngay"):
        decision_data["ngay"] = data.get("ngay")  # amounts at the proposal's date until decided
    decision = validate(batch.spec, chosen.located, issues, mode="draft")
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
    return paper.kinh_trinh or paper.kinh_gui[0]


ToTrinh.kinh_trinh_text = _kinh_trinh  # type: ignore[attr-defined]


def built_trich_yeu(paper: ToTrinh) -> str:
    decision = paper.de_xuat
    phrase = _award_phrase({a.hinh_thuc for a in decision.danh_sach})
    return f"Về việc đề nghị {phrase[:1].lower()}{phrase[1:]} cho các tập thể, cá nhân {decision.thanh_tich.rstrip('.')}"


def build_context(paper: ToTrinh) -> dict:
    context = header_context(paper)
    context["trich_yeu"] = paper.trich_yeu or built_trich_yeu(paper)
    blocks: list[Block] = []
    if paper.mo_dau:
        blocks.extend(markup.parse(paper.mo_dau))
    if paper.tom_tat:
        blocks.extend(markup.parse(paper.tom_tat))
    blocks.append(Block("body", [Run(_proposal(paper))]))
    blocks.append(Block("body", [Run(f"Kính trình {_kinh_trinh(paper)} xem xét, quyết định./.")]))
    body = BodyXml()
    body.add_blocks(end_with_closing_mark(blocks))
    context["noi_dung"] = body
    reference = f"(Kèm theo {full_reference('Tờ trình', paper.so, paper.ky_hieu, paper.ngay, paper.co_quan_ban_hanh)})"
    context["phu_luc"] = attached_list(paper.de_xuat, reference)
    return context


SPEC = KindSpec(
    kind="to-trinh",
    model=ToTrinh,
    template="to-trinh.docx",
    build_context=build_context,
    starter="to-trinh.yaml",
    prepare=prepare,
)
