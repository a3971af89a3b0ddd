"""Công văn: no tên loại; ``V/v ...`` under the number; ký hiệu ``<agency>-<unit>`` (ND30 Mẫu 1.5)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_core import PydanticCustomError

from ..document.model import Document
from ..model import Addressees
from ..vn import ky_hieu as make_ky_hieu
from .base import KindSpec, document_fields
from .parts import Body, CommonForm, body_blocks, with_end_mark


class CongVan(CommonForm):
    KIND = "cong-van"
    TEN_LOAI = "Công văn"
    TYPE_CODE = None

    kinh_gui: Addressees = Field(min_length=1)  # a công văn is always addressed
    noi_dung: Body = Field(min_length=1)

    @classmethod
    def expected_ky_hieu(cls, data: dict) -> str | None:
        agency, unit = data.get("ma_co_quan"), data.get("don_vi_soan_thao")
        if not agency:
            return None
        if not unit:
            raise PydanticCustomError("cong_van_needs_unit", "cong_van_needs_unit", {"agency": agency})
        return make_ky_hieu(None, agency, unit)



def trich_yeu_line(trich_yeu: str) -> str:
    """ô 5b: ``V/v <trích yếu>`` (a typed ``V/v`` is not doubled)."""
    text = trich_yeu.strip()
    if text[:4].casefold() == "v/v ":
        text = text[4:].lstrip()
    return f"V/v {text[:1].lower()}{text[1:]}"


def build(letter: CongVan, base: Path | None = None) -> Document:
    fields = document_fields(letter)
    fields.update(ten_loai="", trich_yeu="", vv_line=trich_yeu_line(letter.trich_yeu))
    return Document(**fields, body=tuple(with_end_mark(body_blocks(letter.noi_dung, base=base))),
                    annexes=tuple(letter.annex_parts(base)))


SPEC = KindSpec(kind="cong-van", model=CongVan, build=build, starter="cong-van.yaml")
