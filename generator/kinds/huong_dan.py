"""Hướng dẫn (HD): a guidance document (ND30 Mẫu 1.4) — a thin preset over the one document model."""

from __future__ import annotations

from .base import KindSpec
from .parts import PlainForm, plain_build


class HuongDan(PlainForm):
    KIND = "huong-dan"
    TEN_LOAI = "Hướng dẫn"
    TYPE_CODE = "HD"


SPEC = KindSpec(kind="huong-dan", model=HuongDan, build=plain_build, starter="huong-dan.yaml")
