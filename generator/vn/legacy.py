"""Legacy Vietnamese font encodings: TCVN3 (ABC) and VNI -> Unicode.

Text typed in an old font (``.VnTime``, ``.VnTimeH``, ``VNI-Times``) reaches
us as Unicode characters that are the Latin-1 / Windows-1252 reading of the
font's bytes, e.g. ``"Quyết định"`` typed in ``.VnTime`` arrives as
``"QuyÕt ®Þnh"`` and in ``VNI-Times`` as ``"Quyeát ñònh"``.

- **TCVN3 / ABC** (TCVN 5712:1993, VN3): one byte per letter.  The lower-case
  font (``.VnTime``) has codes for every lower-case letter plus the seven
  capitals Ă Â Ê Ô Ơ Ư Đ; toned capitals do not exist, so titles are typed in
  the capitals font (``.VnTimeH``), which draws the lower-case codes as
  capitals.  Decode those with ``encoding='tcvn3h'`` (decode, then upper-case).
- **VNI** (VNI Windows): a base ASCII letter followed by a modifier byte for
  the circumflex/breve and the tone (``a`` + ``ù`` = á, ``a`` + ``á`` = ấ);
  ơ, ư, đ and the toned i / ỵ are single bytes.

The tables below are written out by hand from the encodings' layouts and are
checked by round trip (``to_unicode(from_unicode(s, enc), enc) == s``) in the
tests for every Vietnamese letter.  Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .errors import LanguageError

__all__ = [
    "LEGACY_ENCODINGS",
    "TCVN3_TO_UNICODE",
    "VNI_TO_UNICODE",
    "VIETNAMESE_LETTERS",
    "detect_legacy",
    "to_unicode",
    "from_unicode",
    "is_vietnamese_syllable",
]

LEGACY_ENCODINGS = ("tcvn3", "tcvn3h", "vni")

# Rows: base letter, then tones in the order huyền (grave), hỏi (hook),
# ngã (tilde), sắc (acute), nặng (dot below).
_ROWS = (
    "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ",
    "eèẻẽéẹ", "êềểễếệ",
    "iìỉĩíị",
    "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ",
    "uùủũúụ", "ưừửữứự",
    "yỳỷỹýỵ",
)

#: All 73 lower-case and 73 capital Vietnamese letters (12 vowels x 6 tones, and đ/Đ), NFC.
VIETNAMESE_LETTERS: str = "".join(_ROWS) + "đ" + "".join(_ROWS).upper() + "Đ"

# ------------------------------------------------------------------ TCVN3
# Byte values (shown as the Latin-1 character Word/Excel give us), per row.
# ``None`` marks the plain ASCII base letter.
_TCVN3_ROWS = {
    "aàảãáạ": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ăằẳẵắặ": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "âầẩẫấậ": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "eèẻẽéẹ": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "êềểễếệ": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "iìỉĩíị": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "oòỏõóọ": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ôồổỗốộ": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơờởỡớợ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "uùủũúụ": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ưừửữứự": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "yỳỷỹýỵ": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_SINGLE = {
    "đ": 0xAE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
}


def _build_tcvn3() -> dict[str, str]:
    encode: dict[str, str] = {}
    for row, codes in _TCVN3_ROWS.items():
        for letter, code in zip(row, codes):
            if code is not None:
                encode[letter] = chr(code)
    for letter, code in _TCVN3_SINGLE.items():
        encode[letter] = chr(code)
    return encode


_UNICODE_TO_TCVN3: dict[str, str] = _build_tcvn3()
#: TCVN3 character -> Unicode letter.
TCVN3_TO_UNICODE: dict[str, str] = {v: k for k, v in _UNICODE_TO_TCVN3.items()}
assert len(TCVN3_TO_UNICODE) == len(_UNICODE_TO_TCVN3), "TCVN3 table is not one-to-one"

# -------------------------------------------------------------------- VNI
# Modifier bytes (lower-case form; the capital form is the Latin-1 capital).
_VNI_TONES = ("", "ø", "û", "õ", "ù", "ï")          # none, huyền, hỏi, ngã, sắc, nặng
_VNI_CIRCUMFLEX_TONES = ("â", "à", "å", "ã", "á", "ä")  # â ê ô with each tone
_VNI_BREVE_TONES = ("ê", "è", "ú", "ü", "é", "ë")       # ă with each tone
_VNI_ROWS = {
    "aàảãáạ": tuple("a" + t for t in _VNI_TONES),
    "ăằẳẵắặ": tuple("a" + t for t in _VNI_BREVE_TONES),
    "âầẩẫấậ": tuple("a" + t for t in _VNI_CIRCUMFLEX_TONES),
    "eèẻẽéẹ": tuple("e" + t for t in _VNI_TONES),
    "êềểễếệ": tuple("e" + t for t in _VNI_CIRCUMFLEX_TONES),
    "iìỉĩíị": ("i", "ì", "æ", "ó", "í", "ò"),
    "oòỏõóọ": tuple("o" + t for t in _VNI_TONES),
    "ôồổỗốộ": tuple("o" + t for t in _VNI_CIRCUMFLEX_TONES),
    "ơờởỡớợ": tuple("ô" + t for t in _VNI_TONES),
    "uùủũúụ": tuple("u" + t for t in _VNI_TONES),
    "ưừửữứự": tuple("ö" + t for t in _VNI_TONES),
    "yỳỷỹýỵ": ("y", "yø", "yû", "yõ", "yù", "î"),
}


def _build_vni() -> dict[str, str]:
    encode: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
    for row, seqs in _VNI_ROWS.items():
        for letter, seq in zip(row, seqs):
            if letter in "aeiouy":
                continue  # plain ASCII letters stay as they are
            encode[letter] = seq
            encode[letter.upper()] = seq.upper()
    return encode


_UNICODE_TO_VNI: dict[str, str] = _build_vni()
#: VNI sequence (one or two characters) -> Unicode letter.
VNI_TO_UNICODE: dict[str, str] = {v: k for k, v in _UNICODE_TO_VNI.items()}
assert len(VNI_TO_UNICODE) == len(_UNICODE_TO_VNI), "VNI table is not one-to-one"
_VNI_TWO = {k: v for k, v in VNI_TO_UNICODE.items() if len(k) == 2}
_VNI_ONE = {k: v for k, v in VNI_TO_UNICODE.items() if len(k) == 1}


# ------------------------------------------------------------------ decode / encode

def _decode_tcvn3(s: str) -> str:
    return unicodedata.normalize("NFC", "".join(TCVN3_TO_UNICODE.get(ch, ch) for ch in s))


def _decode_vni(s: str) -> str:
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        pair = s[i:i + 2]
        if len(pair) == 2 and pair in _VNI_TWO:
            out.append(_VNI_TWO[pair])
            i += 2
            continue
        out.append(_VNI_ONE.get(s[i], s[i]))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def _upper(s: str) -> str:
    return unicodedata.normalize("NFC", s.upper())


def _decode(s: str, encoding: str) -> str:
    if encoding == "tcvn3":
        return _decode_tcvn3(s)
    if encoding == "tcvn3h":
        return _upper(_decode_tcvn3(s))
    return _decode_vni(s)


def from_unicode(s: str, encoding: str) -> str:
    """Encode Unicode Vietnamese into a legacy encoding (the inverse of :func:`to_unicode`).

    ``'tcvn3'`` cannot hold toned capitals (ABC has none): they raise
    ``ValueError``; use ``'tcvn3h'`` (capitals font) for all-caps text.
    Mainly for tests and for round-trip checks.
    """
    enc = _normalise_encoding(encoding)
    s = unicodedata.normalize("NFC", s)
    if enc == "vni":
        return "".join(_UNICODE_TO_VNI.get(ch, ch) for ch in s)
    out = []
    for ch in s:
        if ch in _UNICODE_TO_TCVN3:
            out.append(_UNICODE_TO_TCVN3[ch])
        elif enc == "tcvn3h" and ch.lower() in _UNICODE_TO_TCVN3:
            out.append(_UNICODE_TO_TCVN3[ch.lower()])
        elif ch in VIETNAMESE_LETTERS and not ch.isascii():
            raise ValueError(f"{ch!r} has no code in TCVN3 (ABC); use encoding='tcvn3h'")
        else:
            out.append(ch)
    return "".join(out)


# ------------------------------------------------------------------ syllables

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSETS = sorted(
    ["ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
     "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"],
    key=len, reverse=True,
)
_NUCLEI = sorted(
    ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
     "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă",
     "oe", "oi", "ôi", "ơi", "oo", "ôô", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy",
     "ưa", "ưi", "ươ", "ưu", "yê",
     "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu"],
    key=len, reverse=True,
)
_CODAS = ["ch", "ng", "nh", "c", "m", "n", "p", "t"]
_SYLLABLE_RE = re.compile(
    "^(?:" + "|".join(_ONSETS) + ")?(?:" + "|".join(_NUCLEI) + ")(?:" + "|".join(_CODAS) + ")?$"
)
_VN_LETTER_SET = frozenset(VIETNAMESE_LETTERS) | frozenset("bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ")


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` (any case, NFC or NFD) is shaped like one Vietnamese syllable.

    A heuristic for encoding detection: onset + vowel nucleus + coda, at most
    one tone mark; it does not check that the syllable is a real word.
    """
    word = unicodedata.normalize("NFC", word).lower()
    if not word or any(ch not in _VN_LETTER_SET for ch in word):
        return False
    decomposed = unicodedata.normalize("NFD", word)
    tones = sum(1 for ch in decomposed if ch in _TONE_MARKS)
    if tones > 1:
        return False
    toneless = unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    )
    return bool(_SYLLABLE_RE.match(toneless))


# ------------------------------------------------------------------ detection

_LEGACY_CHARS = frozenset("".join(TCVN3_TO_UNICODE)) | frozenset("".join(VNI_TO_UNICODE))
_VN_BEYOND_LATIN1 = frozenset(ch for ch in VIETNAMESE_LETTERS if ord(ch) > 0xFF)
_WORD_RE = re.compile(
    "(?:[^\\W\\d_]|[" + re.escape("".join(sorted(ch for ch in _LEGACY_CHARS if not ch.isalpha()))) + "])+"
)
_MIN_SHARE = 0.6
_MIN_EVIDENCE = 4  # characters in well-formed decoded words ('5 µm' is not enough)
_ASCII_LETTER_RE = re.compile("[A-Za-z]")


def _score(words: list[str], encoding: str) -> int:
    return sum(1 for w in words if is_vietnamese_syllable(_decode(w, encoding)))


def detect_legacy(s: str) -> str | None:
    """``'tcvn3'``, ``'vni'`` or ``None`` (Unicode, ASCII or undecidable).

    Never fires on plain ASCII or on text that holds any Vietnamese letter
    outside Latin-1 (ư, ơ, đ, ă, ạ, ế ...): that is Unicode already.  Otherwise
    the words that contain both an ASCII letter and a non-ASCII character are
    read both as they are and decoded; an encoding is chosen only if its
    reading gives more well-formed Vietnamese syllables than the Unicode
    reading, at least 60 % of those words are well formed, and the
    well-formed words hold at least 4 characters (so a lone ``'Hµ'`` or
    ``'5 µm'`` is left alone; pass the encoding explicitly for such text).  Text in the capitals font
    (``.VnTimeH``) is detected as ``'tcvn3'``.
    """
    if not isinstance(s, str) or s.isascii():
        return None
    return _detect(s)


@lru_cache(maxsize=16384)  # spreadsheet columns repeat the same values (units, titles, forms)
def _detect(s: str) -> str | None:
    if not isinstance(s, str) or s.isascii():
        return None
    if any(ch in _VN_BEYOND_LATIN1 for ch in s):
        return None
    # Words with a legacy character and at least one ASCII letter: legacy text
    # keeps the consonants (and a, e, i, o, u, y) as ASCII, whereas stray
    # symbols (2×3, ½, ©) have none.
    words = [
        w for w in _WORD_RE.findall(unicodedata.normalize("NFC", s))
        if not w.isascii() and _ASCII_LETTER_RE.search(w)
    ]
    if not words:
        return None
    as_is = sum(1 for w in words if is_vietnamese_syllable(w))
    scores = {enc: _score(words, enc) for enc in ("tcvn3", "vni")}
    best = max(scores.values())
    if best <= as_is or best < _MIN_SHARE * len(words):
        return None
    winners = [enc for enc, score in scores.items() if score == best]
    if len(winners) != 1:
        return None
    evidence = sum(len(w) for w in words if is_vietnamese_syllable(_decode(w, winners[0])))
    return winners[0] if evidence >= _MIN_EVIDENCE else None


_ALIASES = {
    "tcvn3": "tcvn3", "tcvn": "tcvn3", "abc": "tcvn3", "vn3": "tcvn3", ".vntime": "tcvn3", "vntime": "tcvn3",
    "tcvn3h": "tcvn3h", ".vntimeh": "tcvn3h", "vntimeh": "tcvn3h", "abch": "tcvn3h",
    "vni": "vni", "vni-windows": "vni", "vni-times": "vni", "vnitimes": "vni",
}


def _normalise_encoding(encoding: str) -> str:
    key = str(encoding).strip().lower().replace("_", "-")
    if key not in _ALIASES:
        raise ValueError(f"unknown legacy encoding {encoding!r}; use one of {LEGACY_ENCODINGS}")
    return _ALIASES[key]


def _looks_like_capitals_font(s: str) -> bool:
    upper = sum(1 for ch in s if "A" <= ch <= "Z")
    lower = sum(1 for ch in s if "a" <= ch <= "z")
    return upper >= 2 and lower == 0


def to_unicode(s: str, encoding: str | None = None) -> tuple[str, str | None]:
    """Convert legacy-font text to Unicode (NFC): returns ``(text, encoding)``.

    With ``encoding=None`` the encoding is detected (:func:`detect_legacy`);
    undetected text is returned NFC-normalised but otherwise unchanged, with
    ``None``.  For detected TCVN3
    text whose ASCII letters are all capitals (at least two) and none lower
    case, the capitals font is assumed and the result is upper-cased
    (``'QUYÕT §ÞNH'`` -> ``'QUYẾT ĐỊNH'``).

    ``encoding`` may be given: ``'tcvn3'`` (aliases ``'abc'``, ``'.VnTime'``),
    ``'tcvn3h'`` (``'.VnTimeH'``: decode then upper-case) or ``'vni'``
    (``'VNI-Times'``); unknown names raise ``ValueError``.
    """
    if not isinstance(s, str):
        raise LanguageError("text_type", value=repr(s)[:60], type=type(s).__name__)
    if encoding is None:
        if s.isascii():  # plain ASCII is never legacy text (see detect_legacy)
            return s, None
        enc = detect_legacy(s)
        if enc is None:
            return unicodedata.normalize("NFC", s), None
        if enc == "tcvn3" and _looks_like_capitals_font(s):
            return _decode(s, "tcvn3h"), enc
        return _decode(s, enc), enc
    enc = _normalise_encoding(encoding)
    return _decode(s, enc), enc
