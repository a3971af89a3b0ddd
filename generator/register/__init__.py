"""The outgoing-document register (sổ đăng ký văn bản đi), ND30 Art. 15–16.

Numbers run from 01 on 1 January to 31 December in each series; a number and its ký hiệu are
unique in the year. The register is one SQLite file (``so_van_ban.duong_dan`` in the agency
profile, by default ``so-van-ban.sqlite3`` beside it) that several processes may use at once.
See ``docs/so-van-ban.md``.

Nothing here prints; errors are :class:`~generator.errors.RegisterError` with a message code.
"""

from .entry import ISSUED, RESERVED, STATUS_VI, STATUSES, VOIDED, AuditRecord, Entry, Problem, file_sha256
from .policy import (
    DEFAULT_FILE_NAME,
    PER_TYPE,
    SHARED,
    RegisterSettings,
    SeriesPolicy,
    settings_from_profile,
)
from .session import IssuingSession, failure_reason
from .store import Observation, Register, observe

__all__ = [
    "Register",
    "IssuingSession",
    "Observation",
    "observe",
    "Entry",
    "AuditRecord",
    "Problem",
    "SeriesPolicy",
    "RegisterSettings",
    "settings_from_profile",
    "failure_reason",
    "file_sha256",
    "DEFAULT_FILE_NAME",
    "SHARED",
    "PER_TYPE",
    "RESERVED",
    "ISSUED",
    "VOIDED",
    "STATUSES",
    "STATUS_VI",
]
