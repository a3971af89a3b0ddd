"""Kế hoạch (KH): a campaign plan with phases (ND30 Phụ lục III, Mẫu 1.4)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from pathlib import Path

from ..document.model import Document
from ..markup import Block, Run
from ..model import OptionalText, RequiredDate, Strict, Text
from ..vn import short_date
from .base import KindSpec, document_fields
from .parts import Body, CommonForm, body_blocks, body_type, with_end_mark

INSERTS = ("giai_doan", "han_bao_cao")


class Phase(Strict):
    """Giai đoạn: its period, its report deadline and what it does."""

    ten: Text  # "Giai đoạn 1"
    tu_ngay: RequiredDate
    den_ngay: RequiredDate
    han_bao_cao: RequiredDate  # reports are due before this date
    mo_ta: OptionalText = None  # the phase's opening paragraph
    noi_dung: Body | None = None  # what is done in the phase

    @field_validator("den_ngay")
    @classmethod
    def _ends_after_start(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("tu_ngay")
        if start is not None and value < start:
            raise PydanticCustomError("phase_ends_before_start", "phase_ends_before_start",
                                      {"start": short_date(start), "end": short_date(value)})
        return value

    @field_validator("han_bao_cao")
    @classmethod
    def _deadline_after_start(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("tu_ngay")
        if start is not None and value <= start:
            raise PydanticCustomError("deadline_before_phase_start", "deadline_before_phase_start",
                                      {"start": short_date(start), "deadline": short_date(value)})
        return value



class KeHoach(CommonForm):
    KIND = "ke-hoach"
    TEN_LOAI = "Kế hoạch"
    TYPE_CODE = "KH"

    mo_dau: Body | None = None  # opening paragraph(s): "Thực hiện ..., Ban ... như sau:"
    noi_dung: body_type(*INSERTS) = Field(min_length=1)
    giai_doan: list[Phase] = Field(default_factory=list)

    @field_validator("giai_doan")
    @classmethod
    def _phases_in_order(cls, phases: list[Phase]) -> list[Phase]:
        for index in range(1, len(phases)):
            before, after = phases[index - 1], phases[index]
            if after.tu_ngay <= before.den_ngay:
                raise PydanticCustomError(
                    "phases_out_of_order", "phases_out_of_order",
                    {"index": index + 1, "name": after.ten, "start": short_date(after.tu_ngay),
                     "previous": before.ten, "previous_end": short_date(before.den_ngay)},
                )
        return phases


def _phase_blocks(plan: KeHoach) -> list[Block]:
    blocks: list[Block] = []
    for number, phase in enumerate(plan.giai_doan, start=1):
        blocks.append(Block("muc2", [Run(f"{number}. {phase.ten}:")]))
        if phase.mo_ta:
            blocks.append(Block("body", [Run(phase.mo_ta)]))
        if phase.noi_dung:
            blocks.extend(body_blocks(phase.noi_dung))
    return blocks


def _deadline_blocks(plan: KeHoach) -> list[Block]:
    return [
        Block("item", [Run(f"{phase.ten} trước ngày {short_date(phase.han_bao_cao)}.")], prefix="+ ")
        for phase in plan.giai_doan
    ]


def build(plan: KeHoach, base: Path | None = None) -> Document:
    generated = {"giai_doan": _phase_blocks(plan), "han_bao_cao": _deadline_blocks(plan)}
    blocks = body_blocks(plan.mo_dau, base=base) + body_blocks(plan.noi_dung, generated, base)
    return Document(**document_fields(plan), body=tuple(with_end_mark(blocks)),
                    annexes=tuple(plan.annex_parts(base)))


SPEC = KindSpec(
    kind="ke-hoach",
    model=KeHoach,
    build=build,
    starter="ke-hoach.yaml",
)
