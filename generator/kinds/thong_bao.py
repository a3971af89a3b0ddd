"""Thông báo (TB): a notice (ND30 Mẫu 1.4) — a thin preset over the one document model."""

from __future__ import annotations

from .base import KindSpec
from .parts import PlainForm, plain_build


class ThongBao(PlainForm):
    KIND = "thong-bao"
    TEN_LOAI = "Thông báo"
    TYPE_CODE = "TB"


SPEC = KindSpec(kind="thong-bao", model=ThongBao, build=plain_build, starter="thong-bao.yaml")
