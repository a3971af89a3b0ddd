"""The registry of document kinds: adding a kind is one module plus one line here."""

from __future__ import annotations

from .base import KindSpec
from .ke_hoach import SPEC as KE_HOACH

KINDS: dict[str, KindSpec] = {spec.kind: spec for spec in (KE_HOACH,)}


def get_kind(name: str) -> KindSpec | None:
    return KINDS.get(name)
