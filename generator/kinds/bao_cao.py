"""Báo cáo (BC): the report on one phase of a plan (ND30 Mẫu 1.4; spec §5.1).

The form names its plan — the plan's form file, or its number, date, issuer, trích yếu and phases
written inline — and the phase. Number, date, issuer and trích yếu of the plan, and the phase's
period and report deadline, come from there: changing the plan changes every report.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

from docx.shared import Cm
from pydantic import BeforeValidator, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .. import markup
from ..blocks import BodyXml, Column, end_with_closing_mark
from ..errors import Issue, ValidationFailed
from ..markup import Block, Run
from ..model import DocumentForm, OptionalText, RequiredDate, Strict, Text
from ..sources import Located
from ..vn import (
    LanguageError,
    document_reference,
    format_amount,
    format_decimal,
    parse_decimal,
    short_date,
)
from .base import BodyMarkup, KindSpec, header_context, roman

SECTION_TITLES = {
    "chi_dao": "CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI",
    "ket_qua": "KẾT QUẢ THỰC HIỆN",
    "danh_gia": "ĐÁNH GIÁ CHUNG",
    "phuong_huong": "PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN TIẾP THEO",
    "kien_nghi": "ĐỀ XUẤT, KIẾN NGHỊ",
}


class PlanPhase(Strict):
    ten: Text
    tu_ngay: RequiredDate
    den_ngay: RequiredDate
    han_bao_cao: RequiredDate


class PlanReference(Strict):
    """What a report needs of its plan."""

    so: int
    ky_hieu: Text
    ngay: RequiredDate
    co_quan_ban_hanh: Text
    trich_yeu: Text
    giai_doan: Annotated[list[PlanPhase], Field(min_length=1)]


def _quantity(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise PydanticCustomError("quantity_invalid", "quantity_invalid", {"value": value})
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    try:
        return parse_decimal(value)
    except LanguageError as exc:
        raise PydanticCustomError(exc.code, exc.code, dict(exc.params)) from exc
    except (InvalidOperation, ValueError) as exc:
        raise PydanticCustomError("quantity_invalid", "quantity_invalid", {"value": value}) from exc


Quantity = Annotated[Decimal | None, BeforeValidator(_quantity)]


class Target(Strict):
    """One row of the targets table: planned vs achieved."""

    noi_dung: Text
    ke_hoach: Quantity = None
    thuc_hien: Quantity = None
    ghi_chu: OptionalText = None


class BaoCao(DocumentForm):
    KIND = "bao-cao"
    TEN_LOAI = "Báo cáo"
    TYPE_CODE = "BC"

    ke_hoach: PlanReference
    giai_doan: int = Field(ge=1)
    trich_yeu: OptionalText = None  # built from the plan when absent
    mo_dau: BodyMarkup | None = None  # built from the plan when absent
    chi_dao: BodyMarkup | None = None
    ket_qua: BodyMarkup | None = None
    chi_tieu: list[Target] = Field(default_factory=list)
    danh_gia: BodyMarkup | None = None
    phuong_huong: BodyMarkup | None = None
    kien_nghi: BodyMarkup | None = None

    @field_validator("giai_doan")
    @classmethod
    def _phase_exists(cls, value: int, info: ValidationInfo) -> int:
        plan = info.data.get("ke_hoach")
        if plan is not None and value > len(plan.giai_doan):
            raise PydanticCustomError("phase_unknown", "phase_unknown",
                                      {"value": value, "count": len(plan.giai_doan)})
        return value

    @property
    def phase(self) -> PlanPhase:
        return self.ke_hoach.giai_doan[self.giai_doan - 1]

    def plan_reference(self, first: bool = True) -> str:
        plan = self.ke_hoach
        return document_reference("Kế hoạch", plan.so, plan.ky_hieu, plan.ngay,
                                  plan.co_quan_ban_hanh if first else None,
                                  plan.trich_yeu if first else None, first=first)

    def built_trich_yeu(self) -> str:
        phase = self.phase
        return (f"Kết quả thực hiện {self.plan_reference(first=False)} ngày "
                f"{short_date(self.ke_hoach.ngay)} {phase.ten.lower()} "
                f"(từ ngày {short_date(phase.tu_ngay)} đến ngày {short_date(phase.den_ngay)})")


# --------------------------------------------------------------------------------------------
# Reading the plan


def prepare(located: Located, issues: list[Issue]) -> Located:
    """Replace ``ke_hoach: <plan form file>`` by the plan's facts (validated as a plan)."""
    from ..forms import load  # the plan is a form of its own

    reference = located.data.get("ke_hoach")
    if not isinstance(reference, str):
        return located
    base = located.path.parent if located.path else Path(".")
    plan_path = Path(reference) if Path(reference).is_absolute() else base / reference
    origin = located.origin_of(("ke_hoach",))
    if not plan_path.exists():
        issues.append(Issue("plan_not_found", "ke_hoach", origin, reference, {"path": reference}))
        return located
    try:
        plan = load(plan_path).model
    except ValidationFailed as exc:
        issues.extend(exc.issues)
        return located
    if plan.KIND != "ke-hoach":
        issues.append(Issue("plan_wrong_kind", "ke_hoach", origin, reference, {"kind": plan.KIND}))
        return located
    if plan.so is None or plan.ngay is None:
        issues.append(Issue("plan_not_final", "ke_hoach", origin, reference, {}))
        return located
    located.data["ke_hoach"] = {
        "so": plan.so,
        "ky_hieu": plan.ky_hieu,
        "ngay": plan.ngay,
        "co_quan_ban_hanh": plan.co_quan_ban_hanh,
        "trich_yeu": plan.trich_yeu,
        "giai_doan": [
            {"ten": p.ten, "tu_ngay": p.tu_ngay, "den_ngay": p.den_ngay, "han_bao_cao": p.han_bao_cao}
            for p in plan.giai_doan
        ],
    }
    return located


def warnings(report: BaoCao, located: Located) -> list[Issue]:
    phase = report.phase
    if report.ngay is not None and report.ngay >= phase.han_bao_cao:
        return [Issue("report_after_deadline", "ngay", located.origin_of(("ngay",)), None,
                      {"date": short_date(report.ngay), "deadline": short_date(phase.han_bao_cao),
                       "phase": phase.ten}, severity="warning")]
    return []


# --------------------------------------------------------------------------------------------
# Context


def _figure(value: Decimal | None) -> str:
    if value is None:
        return ""
    if value == value.to_integral_value():
        return format_amount(int(value))
    return format_decimal(value)


def _ratio(target: Target) -> str:
    if target.ke_hoach in (None, Decimal(0)) or target.thuc_hien is None:
        return "-"
    return format_decimal(target.thuc_hien / target.ke_hoach * 100, places=1)


TARGET_COLUMNS = [
    Column("STT", Cm(1.2), "VBBangGiua"),
    Column("Nội dung, chỉ tiêu", Cm(6.1), "VBBang"),
    Column("Kế hoạch", Cm(2.2), "VBBangSo"),
    Column("Thực hiện", Cm(2.2), "VBBangSo"),
    Column("Tỷ lệ (%)", Cm(2.0), "VBBangSo"),
    Column("Ghi chú", Cm(2.8), "VBBang"),
]


def _parse(text: str | None) -> list[Block]:
    return markup.parse(text) if text else []


def build_context(report: BaoCao) -> dict:
    context = header_context(report)
    context["trich_yeu"] = report.trich_yeu or report.built_trich_yeu()
    phase = report.phase
    opening = _parse(report.mo_dau) or [Block("body", [Run(
        f"Thực hiện {report.plan_reference(first=True)}, {report.co_quan_ban_hanh} báo cáo kết quả "
        f"thực hiện {phase.ten.lower()} (từ ngày {short_date(phase.tu_ngay)} đến ngày "
        f"{short_date(phase.den_ngay)}) như sau:")])]
    # Sections I–V for the parts that have content; the targets table closes section II.
    items: list[list[Block] | None] = [opening]
    number = 0
    for name, title in SECTION_TITLES.items():
        content = _parse(getattr(report, name))
        with_table = name == "ket_qua" and bool(report.chi_tieu)
        if not content and not with_table:
            continue
        number += 1
        items.append([Block("muc1", [Run(f"{roman(number)}. {title}")]), *content])
        if with_table:
            items.append(None)
    last = max(i for i, item in enumerate(items) if item)
    items[last] = end_with_closing_mark(items[last])
    body = BodyXml()
    for item in items:
        if item is None:
            _targets(body, report)
        else:
            body.add_blocks(item)
    context["noi_dung"] = body
    return context


def _targets(body: BodyXml, report: BaoCao) -> None:
    rows = [[str(i), t.noi_dung, _figure(t.ke_hoach), _figure(t.thuc_hien), _ratio(t), t.ghi_chu or ""]
            for i, t in enumerate(report.chi_tieu, start=1)]
    body.add_table(TARGET_COLUMNS, rows)


SPEC = KindSpec(
    kind="bao-cao",
    model=BaoCao,
    template="van-ban-co-ten-loai.docx",
    build_context=build_context,
    starter="bao-cao.yaml",
    prepare=prepare,
    warnings=warnings,
)
