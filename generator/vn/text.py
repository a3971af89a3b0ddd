"""Text hygiene for Vietnamese strings: NFC, upper-casing, whitespace, slugs.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import LanguageError

__all__ = [
    "nfc",
    "clean_text",
    "check_xml_chars",
    "vn_upper",
    "vn_lower",
    "capitalize_first",
    "strip_diacritics",
    "slugify",
]


def nfc(s: str) -> str:
    """Return ``s`` in Unicode Normalization Form C (precomposed).

    Decomposed text (macOS file names, some Excel exports) comes out with one
    code point per Vietnamese letter, e.g. ``'e' + U+0302 + U+0301`` -> ``'ế'``.
    """
    if not isinstance(s, str):
        raise LanguageError("text_type", value=_short(s), type=type(s).__name__)
    return unicodedata.normalize("NFC", s)


# --------------------------------------------------------------------------
# XML 1.0 validity

_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_xml_chars(s: str) -> None:
    """Raise ``LanguageError('control_char')`` at the first character XML 1.0 cannot hold.

    ``params``: ``position`` (0-based index in ``s``), ``line`` and ``column``
    (1-based), ``codepoint`` (``'U+0007'``) and ``context`` (a few characters
    around it, with the bad character shown as its code point).
    """
    m = _XML_INVALID_RE.search(s)
    if m is None:
        return
    pos = m.start()
    ch = s[pos]
    lines_before = _ANY_LINE_BREAK_RE.split(s[:pos])
    line = len(lines_before)
    column = len(lines_before[-1]) + 1
    codepoint = f"U+{ord(ch):04X}"
    left = _XML_INVALID_RE.sub("?", s[max(0, pos - 10):pos])
    right = _XML_INVALID_RE.sub("?", s[pos + 1:pos + 11])
    context = _ANY_LINE_BREAK_RE.sub(" ", left + "[" + codepoint + "]" + right)
    raise LanguageError(
        "control_char",
        position=pos,
        line=line,
        column=column,
        codepoint=codepoint,
        context=context,
    )


# --------------------------------------------------------------------------
# Whitespace

# Horizontal spaces other than TAB that clerks paste in (NBSP from Excel/Word,
# narrow NBSP, figure space, ideographic space ...).
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SPACE_RUN_RE = re.compile("[ " + _SPACES + "]+")
_LINE_BREAKS_RE = re.compile("\r\n|\r|\u2028|\u2029|\u0085")
_ANY_LINE_BREAK_RE = re.compile("\r\n|\r|\n|\u2028|\u2029|\u0085")
_MANY_BLANK_LINES_RE = re.compile("\n{3,}")
_ANY_WS_RUN_RE = re.compile(r"\s+")


def clean_text(s: str, *, multiline: bool = True) -> str:
    """NFC, normalised line breaks and trimmed ends; reject XML-invalid characters.

    - NFC normalisation; a leading byte-order mark (U+FEFF) is dropped.
    - Characters XML 1.0 cannot hold raise ``LanguageError('control_char')``
      with their position: they are never deleted silently.
    - CRLF, CR, U+2028, U+2029 and U+0085 become LF.
    - ``multiline=True`` (form fields): whitespace at the start and end of the
      text is removed; everything inside is kept exactly as typed (the toolkit's
      promise: text comes out of the document as the clerk typed it).
    - ``multiline=False`` (spreadsheet cells, one-line values): NBSP and the
      other Unicode spaces become a plain space and every run of whitespace
      (including newlines and tabs) becomes one space, giving a single line.
    """
    if not isinstance(s, str):
        raise LanguageError("text_type", value=_short(s), type=type(s).__name__)
    check_xml_chars(s)
    s = unicodedata.normalize("NFC", s)
    if s.startswith("\ufeff"):
        s = s[1:]
    s = _LINE_BREAKS_RE.sub("\n", s)
    if not multiline:
        s = _SPACE_RUN_RE.sub(" ", s)
        return _ANY_WS_RUN_RE.sub(" ", s).strip()
    return s.strip()


# --------------------------------------------------------------------------
# Case

def vn_upper(s: str) -> str:
    """Upper-case Vietnamese text correctly, e.g. 'Ban Quản lý Khu kinh tế' -> 'BAN QUẢN LÝ KHU KINH TẾ'.

    The input is normalised to NFC first, so decomposed text keeps its marks
    on the right letters (ư -> Ư, ơ -> Ơ, đ -> Đ, ế -> Ế).
    """
    return unicodedata.normalize("NFC", nfc(s).upper())


def vn_lower(s: str) -> str:
    """Lower-case Vietnamese text (NFC in, NFC out)."""
    return unicodedata.normalize("NFC", nfc(s).lower())


def capitalize_first(s: str) -> str:
    """Upper-case only the first letter (sentence case), leaving the rest as is."""
    s = nfc(s)
    for i, ch in enumerate(s):
        if ch.isalpha():
            return s[:i] + unicodedata.normalize("NFC", ch.upper()) + s[i + 1:]
    return s


def strip_diacritics(s: str) -> str:
    """Remove Vietnamese marks: 'Nguyễn Văn Đức' -> 'Nguyen Van Duc' (đ/Đ -> d/D)."""
    s = nfc(s).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", s)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


# --------------------------------------------------------------------------
# Slugs

_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(10)]
    + [f"lpt{i}" for i in range(10)]
)
_SLUG_FALLBACK = "van-ban"
_MIN_SLUG_LENGTH = 8
_NON_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(s: str, max_length: int = 80) -> str:
    """A safe ASCII file-name stem: 'Nguyễn Văn Đức' -> 'nguyen-van-duc'.

    The result matches ``^[a-z0-9][a-z0-9-]*$`` (no dots, no path separators,
    no characters Windows forbids), is at most ``max_length`` characters, is
    never empty (``'van-ban'`` when nothing usable is left) and is never a
    Windows reserved device name (``con``, ``nul``, ``com1`` ... get ``-vb``
    appended).  Truncation prefers a word boundary.
    """
    if not isinstance(max_length, int) or max_length < _MIN_SLUG_LENGTH:
        raise ValueError(f"max_length must be an int >= {_MIN_SLUG_LENGTH}")
    text = strip_diacritics(s).lower()
    # Remaining compatibility characters (e.g. full-width letters, ligatures).
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    slug = _NON_SLUG_RE.sub("-", text.encode("ascii", "ignore").decode("ascii")).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        if slug[max_length] != "-" and "-" in cut:
            head = cut.rsplit("-", 1)[0]
            if len(head) >= max_length // 2:
                cut = head
        slug = cut.strip("-")
    if not slug:
        slug = _SLUG_FALLBACK
    if slug in _WINDOWS_RESERVED:
        slug = slug + "-vb"
    return slug


def _short(value: object, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "…"
