"""Where a register is: a file path or a ``postgresql://`` URL (its password masked when shown)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

DEFAULT_FILE_NAME = "so-van-ban.sqlite3"  # the register file beside the profile (or here)
URL_SCHEMES = ("postgresql://", "postgres://")
URL_VARIABLE = "VANBAN_REGISTER_URL"  # a PostgreSQL register for profiles that name none
AGENCY_VARIABLE = "VANBAN_REGISTER_AGENCY"  # the agency id when no profile gives one

_ABANDONED: list[Any] = []  # connections inherited through fork: never reused, never closed


def is_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.strip().lower().startswith(URL_SCHEMES)


def mask_url(url: str) -> str:
    """The URL with its password (in the user part or a ``password=`` parameter) as ``***``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"//[^@/]*@", "//***@", url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        if ":" in user:
            user = user.split(":", 1)[0] + ":***"
        netloc = f"{user}@{host}"
    query = parts.query
    if query:
        pairs = [(k, "***" if k.lower() == "password" else v) for k, v in parse_qsl(query, keep_blank_values=True)]
        query = urlencode(pairs, safe="/*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def resolve(given: str | Path | None, settings: Any = None) -> str | Path:
    """Where a command's register is — the one rule every command follows.

    ``given`` (``--register``: a file or a ``postgresql://`` URL), else the profile's settings (its
    ``so_van_ban.url``, else ``VANBAN_REGISTER_URL``, else its file), else ``VANBAN_REGISTER_URL``,
    else ``./so-van-ban.sqlite3``. The agency of a shared database comes with the settings
    (``settings.agency``), else from ``VANBAN_REGISTER_AGENCY`` when the register is opened."""
    import os

    if given:
        text = str(given).strip()
        return text if is_url(text) else Path(given)
    if settings is not None:
        return settings.location
    return os.environ.get(URL_VARIABLE, "").strip() or Path(DEFAULT_FILE_NAME)
