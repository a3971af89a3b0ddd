"""Báo cáo (BC): a report (ND30 Mẫu 1.4; spec §5.1).

A report is its body (``noi_dung``), with an optional Kính gửi and annexes. The phase report is a
preset of it: a form that names its plan — the plan's form file, or its number, date, issuer,
trích yếu and phases written inline — and the phase gets its trích yếu, its opening line and its
sections I–V from them: changing the plan changes every report. The plan's form file is read
through the loader the pipeline hands to :func:`prepare`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..document.model import Document, TableBlock
from ..document.table import Cell, Column, Row, Table
from ..errors import Issue, ValidationFailed
from ..markup import Block, Run
from ..model import OptionalText, RequiredDate, Strict, Text
from ..sources import Located
from ..vn import (
    LanguageError,
    document_reference,
    format_amount,
    format_decimal,
    parse_decimal,
    short_date,
)
from .base import KindSpec, document_fields, roman
from .parts import Body, CommonForm, body_blocks, with_end_mark

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
        quantity = parse_decimal(value)
    except LanguageError as exc:
        raise PydanticCustomError(exc.code, exc.code, dict(exc.params)) from exc
    except (InvalidOperation, ValueError) as exc:
        raise PydanticCustomError("quantity_invalid", "quantity_invalid", {"value": value}) from exc
    if not quantity.is_finite() or abs(quantity) >= MAX_QUANTITY:
        raise PydanticCustomError("quantity_invalid", "quantity_invalid", {"value": value})
    return quantity


MAX_QUANTITY = Decimal(10) ** 15  # a target or result past this is a typing slip, not a figure


Quantity = Annotated[Decimal | None, BeforeValidator(_quantity)]


class Target(Strict):
    """One row of the targets table: planned vs achieved."""

    noi_dung: Text
    ke_hoach: Quantity = None
    thuc_hien: Quantity = None
    ghi_chu: OptionalText = None


class BaoCao(CommonForm):
    KIND = "bao-cao"
    TEN_LOAI = "Báo cáo"
    TYPE_CODE = "BC"

    ke_hoach: PlanReference | None = None  # the plan of a phase report
    giai_doan: int | None = Field(default=None, ge=1)  # … and its phase
    trich_yeu: OptionalText = None  # built from the plan when absent
    noi_dung: Body | None = None  # the body of a report not tied to a plan
    mo_dau: Body | None = None  # built from the plan when absent
    chi_dao: Body | None = None
    ket_qua: Body | None = None
    chi_tieu: list[Target] = Field(default_factory=list)
    danh_gia: Body | None = None
    phuong_huong: Body | None = None
    kien_nghi: Body | None = None

    @field_validator("giai_doan")
    @classmethod
    def _phase_exists(cls, value: int | None, info: ValidationInfo) -> int | None:
        plan = info.data.get("ke_hoach")
        if value is not None and plan is not None and value > len(plan.giai_doan):
            raise PydanticCustomError("phase_unknown", "phase_unknown",
                                      {"value": value, "count": len(plan.giai_doan)})
        return value

    @model_validator(mode="after")
    def _report_has_content(self) -> "BaoCao":
        if self.ke_hoach is not None and self.giai_doan is None:
            raise PydanticCustomError("report_needs_phase", "report_needs_phase", {})
        if self.ke_hoach is None:
            if not self.trich_yeu:
                raise PydanticCustomError("report_needs_trich_yeu", "report_needs_trich_yeu", {})
            if not self.noi_dung and not any(getattr(self, name) for name in SECTION_TITLES):
                raise PydanticCustomError("report_needs_body", "report_needs_body", {})
        return self

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


def prepare(located: Located, issues: list[Issue], loaders) -> Located:
    """Replace ``ke_hoach: <plan form file>`` by the plan's facts (validated as a plan by the
    loader the pipeline gives: the report never imports the form reader)."""
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
        plan = loaders.form(plan_path)
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
    if report.ke_hoach is None:
        return []
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


TARGET_HEADER = ("STT", "Nội dung, chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Ghi chú")
TARGET_COLUMNS = (Column("center"), Column("left"), Column("right", numeric=True), Column("right", numeric=True),
                  Column("right", numeric=True), Column("left"))


def targets_table(report: BaoCao) -> Table:
    rows = [Row(tuple(Cell(t) for t in TARGET_HEADER), kind="header")]
    for i, t in enumerate(report.chi_tieu, start=1):
        rows.append(Row(tuple(Cell(text) for text in (
            str(i), t.noi_dung, _figure(t.ke_hoach), _figure(t.thuc_hien), _ratio(t), t.ghi_chu or ""))))
    return Table(TARGET_COLUMNS, tuple(rows))


def _phase_body(report: BaoCao, base: Path | None) -> list:
    phase = report.phase
    opening = body_blocks(report.mo_dau, base=base) or [Block("body", [Run(
        f"Thực hiện {report.plan_reference(first=True)}, {report.co_quan_ban_hanh} báo cáo kết quả "
        f"thực hiện {phase.ten.lower()} (từ ngày {short_date(phase.tu_ngay)} đến ngày "
        f"{short_date(phase.den_ngay)}) như sau:")])]
    # Sections I–V for the parts that have content; the targets table closes section II.
    blocks = list(opening)
    number = 0
    for name, title in SECTION_TITLES.items():
        content = body_blocks(getattr(report, name), base=base)
        with_table = name == "ket_qua" and bool(report.chi_tieu)
        if not content and not with_table:
            continue
        number += 1
        blocks.append(Block("muc1", [Run(f"{roman(number)}. {title}")]))
        blocks.extend(content)
        if with_table:
            blocks.append(TableBlock(targets_table(report)))
    return blocks


def build(report: BaoCao, base: Path | None = None) -> Document:
    fields = document_fields(report)
    if report.ke_hoach is not None:
        fields["trich_yeu"] = report.trich_yeu or report.built_trich_yeu()
        blocks = _phase_body(report, base)
    else:
        blocks = body_blocks(report.mo_dau, base=base) + body_blocks(report.noi_dung, base=base)
        number = 0
        for name, title in SECTION_TITLES.items():
            content = body_blocks(getattr(report, name), base=base)
            if content:
                number += 1
                blocks += [Block("muc1", [Run(f"{roman(number)}. {title}")]), *content]
    return Document(**fields, body=tuple(with_end_mark(blocks)), annexes=tuple(report.annex_parts(base)))


SPEC = KindSpec(
    kind="bao-cao",
    model=BaoCao,
    build=build,
    starter="bao-cao.yaml",
    prepare=prepare,
    warnings=warnings,
)
