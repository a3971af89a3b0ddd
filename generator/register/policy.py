"""Which number series a document takes, and where the register lives (from the agency profile).

ND30 Art. 15: the head of the agency decides whether administrative documents share one series
or each type has its own; secret documents always have their own series; the three kinds of copy
(SY, SL, TrS) share one series. Every series restarts at 01 on 1 January.

Profile keys (``so_van_ban`` in the agency profile, e.g. ``samples/co-quan.yaml``)::

    so_van_ban:
      duong_dan: so-van-ban.sqlite3   # relative to the profile's folder (this is the default)
      che_do: chung                   # chung (one shared series) | theo-loai (one per type)
      so_rieng: [QĐ]                  # optional, with "chung": these types get their own series
      su_dung: true                   # false: numbers are kept elsewhere (same as --no-register)
      tao_moi: false                  # true: create the register on first use (and say so)
      url: postgresql://vanban@db.tinh.gov.vn/so_van_ban   # a PostgreSQL register instead of a file
      co_quan: BQL-KKT                # the agency's id in a shared database (default: ma_co_quan)

``VANBAN_REGISTER_URL`` (and ``VANBAN_REGISTER_AGENCY``) select a PostgreSQL register for every
profile that names no ``url`` (``co_quan``); keep the password out of the profile: in the
environment variable, in ``~/.pgpass`` or in ``PGPASSWORD``.

Without ``tao_moi: true`` a register is created only by ``vanban so init``: a ``duong_dan`` that
points to the wrong place must be an error, not a new register starting again at 01.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RegisterError
from ..vn.codes import CODE_TYPES, COPY_CODES
from .location import AGENCY_VARIABLE, DEFAULT_FILE_NAME, URL_VARIABLE, mask_url

SHARED = "chung"
PER_TYPE = "theo-loai"
MODES = (SHARED, PER_TYPE)

SECRET_SERIES = "mat"
COPY_SERIES = "sao"
SHARED_SERIES = "chung"
LETTER_SERIES = "cong-van"  # công văn and thư công (no type code) under "theo-loai"


def check_type_code(type_code: str | None) -> str | None:
    """A PL III code (``KH``, ``QĐ``, ``TTr``…) or None for công văn; anything else is refused."""
    if type_code is None or (isinstance(type_code, str) and not type_code.strip()):
        return None
    if type_code not in CODE_TYPES:
        raise RegisterError("register_type_code_unknown", value=type_code,
                            allowed=", ".join(sorted(CODE_TYPES)))
    return type_code


@dataclass(frozen=True)
class SeriesPolicy:
    """Maps (type code, secret flag) to a series name.

    - secret documents → ``mat`` (always, in every mode);
    - copies SY / SL / TrS → ``sao``;
    - mode ``chung``: everything else → ``chung``, except the codes listed in ``separate``,
      which get a series named after their code;
    - mode ``theo-loai``: the type code itself (``KH``, ``QĐ``…); công văn → ``cong-van``.
    """

    mode: str = SHARED
    separate: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise RegisterError("register_mode_unknown", value=self.mode, allowed=", ".join(MODES))
        for code in self.separate:
            check_type_code(code)

    def series_for(self, type_code: str | None, secret: bool = False) -> str:
        code = check_type_code(type_code)
        if secret:
            return SECRET_SERIES
        if code in COPY_CODES:
            return COPY_SERIES
        if self.mode == PER_TYPE or (code is not None and code in self.separate):
            return code or LETTER_SERIES
        return SHARED_SERIES


@dataclass(frozen=True)
class RegisterSettings:
    """Where the register file is, which series policy applies, and whether it is used at all."""

    path: Path
    policy: SeriesPolicy = SeriesPolicy()
    enabled: bool = True
    create: bool = False  # create the register on first use (profile: so_van_ban.tao_moi)
    url: str | None = None  # a PostgreSQL register (so_van_ban.url or VANBAN_REGISTER_URL)
    agency: str | None = None  # the agency's id in a shared database (so_van_ban.co_quan)

    @property
    def location(self) -> str | Path:
        """What :class:`~generator.register.Register` opens: the server's URL, else the file."""
        return self.url or self.path

    @classmethod
    def from_profile(cls, data: dict[str, Any], profile_path: str | Path | None) -> "RegisterSettings":
        """Read ``so_van_ban`` from a loaded profile; relative paths are beside the profile."""
        base = Path(profile_path).parent if profile_path is not None else Path.cwd()
        raw = data.get("so_van_ban")
        if raw is None:
            raw = {}
        agency = str(data.get("ma_co_quan") or "").strip() or None
        if raw is False or (isinstance(raw, str) and _flag(raw, "so_van_ban") is False):
            return cls(base / DEFAULT_FILE_NAME, enabled=False)
        if isinstance(raw, str):
            raw = {"duong_dan": raw}
        if not isinstance(raw, dict):
            raise RegisterError("register_settings_invalid", field="so_van_ban", value=repr(raw))
        unknown = sorted(set(raw) - {"duong_dan", "che_do", "so_rieng", "su_dung", "tao_moi", "url", "co_quan"})
        if unknown:
            raise RegisterError("register_settings_invalid", field="so_van_ban." + unknown[0],
                                value=repr(raw[unknown[0]]))
        path = Path(str(raw.get("duong_dan") or DEFAULT_FILE_NAME)).expanduser()
        if not path.is_absolute():
            path = base / path
        separate = raw.get("so_rieng") or ()
        if isinstance(separate, str):
            separate = (separate,)
        policy = SeriesPolicy(str(raw.get("che_do") or SHARED), tuple(str(c) for c in separate))
        enabled = _flag(raw.get("su_dung", True), "so_van_ban.su_dung")
        create = _flag(raw.get("tao_moi", False), "so_van_ban.tao_moi")
        url = str(raw.get("url") or "").strip() or os.environ.get(URL_VARIABLE, "").strip() or None
        if url is not None and not url.lower().startswith(("postgresql://", "postgres://")):
            raise RegisterError("register_settings_invalid", field="so_van_ban.url", value=repr(mask_url(url)))
        agency = (str(raw.get("co_quan") or "").strip() or agency
                  or os.environ.get(AGENCY_VARIABLE, "").strip() or None)
        return cls(path, policy, True if enabled is None else enabled, bool(create), url, agency)


_YES = {"true", "yes", "on", "1", "có", "co"}
_NO = {"false", "no", "off", "0", "không", "khong"}


def _flag(value: Any, field: str) -> bool | None:
    """A yes/no setting as typed (forms are read as text): ``true``/``false``, ``có``/``không``.

    ``None`` for an empty value; anything else is an error naming the field."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    if field == "so_van_ban":
        return None  # a path, not a flag
    raise RegisterError("register_settings_invalid", field=field, value=repr(value))


def settings_from_profile(profile_path: str | Path) -> RegisterSettings:
    """Load an agency profile file and return its register settings."""
    from ..sources import load_form

    located = load_form(profile_path)
    return RegisterSettings.from_profile(located.data, profile_path)
