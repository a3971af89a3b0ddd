"""Phụ lục issued as its own file: an annex of a document, without the header, title, Nơi nhận
or signature of the document itself (ND30-PL-*; an electronic attachment that is a separate file).

The form names the parent document (its tên loại, số, ký hiệu, date, issuer) and holds one or more
annexes; each starts on its own page, numbered from 1, with its ``(Kèm theo …)`` line.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from ..document.model import Document
from ..model import AgencyCode, LayoutChoices, OptionalDate, Strict, Text, _number
from ..vn import vn_upper
from .base import KindSpec
from .parts import AnnexForm, annexes

from typing import Annotated, ClassVar

from pydantic import BeforeValidator


class Parent(Strict):
    ten_loai: Text  # "Kế hoạch"
    so: Annotated[int | None, BeforeValidator(_number)] = None
    ky_hieu: Text  # "KH-UBND"
    ngay: OptionalDate = None
    co_quan: Text  # "UBND tỉnh Nghệ An"


class PhuLuc(Strict):
    """Not a DocumentForm: an annex-only file has no header, number or Nơi nhận of its own."""

    KIND: ClassVar[str] = "phu-luc"
    TEN_LOAI: ClassVar[str] = "Phụ lục"
    TYPE_CODE: ClassVar[str | None] = None

    loai: str
    co_quan: str | None = None
    co_quan_ban_hanh: str | None = None  # from the profile (unused but accepted)
    co_quan_chu_quan: str | None = None
    ma_co_quan: AgencyCode | None = None
    dia_danh: str | None = None
    trinh_bay: LayoutChoices = Field(default_factory=LayoutChoices)
    don_vi: dict = Field(default_factory=dict)
    van_ban: Parent  # the document the annexes belong to
    phu_luc: list[AnnexForm] = Field(min_length=1)


def build(form: PhuLuc, base: Path | None = None) -> Document:
    parent = form.van_ban
    parts = annexes(form.phu_luc, parent.ten_loai, parent.so, parent.ky_hieu, parent.ngay, parent.co_quan,
                    None, base)
    first = parts[0]
    return Document(category="phu-luc", header=False, closing=None, annexes=tuple(parts),
                    title=" ".join(first.titles) or first.label, author=vn_upper(parent.co_quan),
                    date=parent.ngay, subject=f"Phụ lục của {parent.ten_loai} {parent.ky_hieu}")


SPEC = KindSpec(kind="phu-luc", model=PhuLuc, build=build, starter="phu-luc.yaml")
