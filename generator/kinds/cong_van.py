"""Công văn: no tên loại; ``V/v ...`` under the number; ký hiệu ``<agency>-<unit>`` (ND30 Mẫu 1.5)."""

from __future__ import annotations

from pydantic import Field
from pydantic_core import PydanticCustomError

from .. import markup
from ..model import Addressees, DocumentForm
from ..vn import ky_hieu as make_ky_hieu
from .base import BodyMarkup, KindSpec, body_xml, header_context


class CongVan(DocumentForm):
    KIND = "cong-van"
    TEN_LOAI = "Công văn"
    TYPE_CODE = None

    kinh_gui: Addressees = Field(min_length=1)  # a công văn is always addressed
    noi_dung: BodyMarkup = Field(min_length=1)

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


def build_context(letter: CongVan) -> dict:
    context = header_context(letter)
    del context["ten_loai"], context["trich_yeu"]
    context["trich_yeu_cong_van"] = trich_yeu_line(letter.trich_yeu)
    context["noi_dung"] = body_xml(markup.parse(letter.noi_dung))
    return context


SPEC = KindSpec(
    kind="cong-van",
    model=CongVan,
    template="cong-van.docx",
    build_context=build_context,
    starter="cong-van.yaml",
)
