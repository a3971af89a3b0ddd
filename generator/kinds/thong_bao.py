"""Thông báo (TB): a notice (ND30 Mẫu 1.4)."""

from __future__ import annotations

from pydantic import Field

from .. import markup
from ..model import DocumentForm
from .base import BodyMarkup, KindSpec, body_xml, header_context


class ThongBao(DocumentForm):
    KIND = "thong-bao"
    TEN_LOAI = "Thông báo"
    TYPE_CODE = "TB"

    noi_dung: BodyMarkup = Field(min_length=1)



def build_context(notice: ThongBao) -> dict:
    return {**header_context(notice), "noi_dung": body_xml(markup.parse(notice.noi_dung))}


SPEC = KindSpec(
    kind="thong-bao",
    model=ThongBao,
    template="van-ban-co-ten-loai.docx",
    build_context=build_context,
    starter="thong-bao.yaml",
)
