"""Did-you-mean suggestions for names a clerk types: document kinds and form fields.

A kind is compared after folding accents, case, spaces and underscores (``Kế hoạch``,
``ke hoach``, ``KE_HOACH`` and ``kehoach`` all fold towards ``ke-hoach``); a field name after
folding case. Imports nothing from the package.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable


def fold(name: str) -> str:
    """``Kế  Hoạch`` -> ``ke-hoach``: no accents (đ -> d), lower case, one hyphen between words."""
    text = unicodedata.normalize("NFD", str(name)).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[\s_\-.]+", "-", text).strip("-")


def closest(name: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The choice ``name`` most likely meant, or None when nothing is close."""
    choices = list(choices)
    if not choices:
        return None
    folded = {fold(choice): choice for choice in choices}
    key = fold(name)
    if key in folded:
        return folded[key]
    squashed = {f.replace("-", ""): choice for f, choice in folded.items()}
    if key.replace("-", "") in squashed:
        return squashed[key.replace("-", "")]
    found = difflib.get_close_matches(key, list(folded), n=1, cutoff=cutoff)
    if found:
        return folded[found[0]]
    found = difflib.get_close_matches(key.replace("-", ""), list(squashed), n=1, cutoff=cutoff)
    return squashed[found[0]] if found else None
