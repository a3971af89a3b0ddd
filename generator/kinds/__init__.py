"""The registry of document kinds: adding a kind is one module plus one line here."""

from __future__ import annotations

from .bao_cao import SPEC as BAO_CAO
from .base import KindSpec
from .bien_ban import SPEC as BIEN_BAN
from .cong_van import SPEC as CONG_VAN
from .decision import SPEC as QUYET_DINH
from .giay_moi import SPEC as GIAY_MOI
from .huong_dan import SPEC as HUONG_DAN
from .ke_hoach import SPEC as KE_HOACH
from .phu_luc import SPEC as PHU_LUC
from .quy_che import SPEC as QUY_CHE
from .quyet_dinh import SPEC as QUYET_DINH_KHEN_THUONG
from .thong_bao import SPEC as THONG_BAO
from .to_trinh import SPEC as TO_TRINH

KINDS: dict[str, KindSpec] = {spec.kind: spec for spec in (
    KE_HOACH, BAO_CAO, CONG_VAN, THONG_BAO, GIAY_MOI, QUYET_DINH, QUY_CHE, QUYET_DINH_KHEN_THUONG, TO_TRINH,
    BIEN_BAN, HUONG_DAN, PHU_LUC,
)}
