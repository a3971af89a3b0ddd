"""Document type codes (ND30 PL III), số / ký hiệu lines and document references.

Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from .dates import date_words, short_date
from .errors import LanguageError
from .text import capitalize_first, clean_text, nfc, strip_diacritics, vn_upper

__all__ = [
    "TYPE_CODES",
    "COPY_CODES",
    "NO_CODE_TYPES",
    "CODE_TYPES",
    "DRAFT_NUMBER_BLANK",
    "type_code",
    "canonical_type_name",
    "format_number",
    "ky_hieu",
    "so_line",
    "check_ky_hieu",
    "document_reference",
]

# PL III, Mục I: the 27 administrative document types with a code, in the
# decree's order, then the three kinds of copy (bản sao).  Keys are the tên
# loại in normal case, exactly as ND30 spells them.  QyĐ, CTr, TTr and TrS
# are mixed case on purpose (the table is authoritative).
TYPE_CODES: dict[str, str] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
    # Copies (bản sao), Art. 25 / PL III
    "Bản sao y": "SY",
    "Bản trích sao": "TrS",
    "Bản sao lục": "SL",
}

COPY_CODES: frozenset[str] = frozenset({"SY", "TrS", "SL"})

# Types of Art. 7 that have no code: the ký hiệu is agency-unit.
NO_CODE_TYPES: tuple[str, ...] = ("Công văn", "Thư công")

CODE_TYPES: dict[str, str] = {code: name for name, code in TYPE_CODES.items()}

_ALIASES: dict[str, str] = {
    "Nghị quyết (cá biệt)": "Nghị quyết",
    "Quyết định (cá biệt)": "Quyết định",
    "Sao y": "Bản sao y",
    "Sao y bản chính": "Bản sao y",
    "Bản sao y bản chính": "Bản sao y",
    "Trích sao": "Bản trích sao",
    "Sao lục": "Bản sao lục",
}

DRAFT_NUMBER_BLANK = " " * 6

# --------------------------------------------------------------------------
# Names

# Old-style tone placement (hoà, thoả, uỷ) -> the new style used by ND30
# (hòa, thỏa, ủy), only at the end of a syllable and not after "q" (quý).
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONE_RE = re.compile(r"(?<!q)(" + "|".join(_OLD_TONES) + r")(?!\w)")


def _name_key(s: str) -> str:
    s = clean_text(s, multiline=False).casefold()
    s = unicodedata.normalize("NFC", s)
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONES[m.group(1)], s)


def _loose_key(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", strip_diacritics(_name_key(s)).lower()).strip()


_NAME_INDEX: dict[str, str] = {}
for _name in list(TYPE_CODES) + list(NO_CODE_TYPES):
    _NAME_INDEX[_name_key(_name)] = _name
for _alias, _name in _ALIASES.items():
    _NAME_INDEX[_name_key(_alias)] = _name
_LOOSE_INDEX: dict[str, str] = {}
for _key, _name in _NAME_INDEX.items():
    _LOOSE_INDEX.setdefault(_loose_key(_key), _name)


def canonical_type_name(ten_loai: str) -> str | None:
    """The ND30 spelling of a tên loại given in any case / NFD / old tone style, or None."""
    if not isinstance(ten_loai, str):
        return None
    return _NAME_INDEX.get(_name_key(ten_loai))


def type_code(ten_loai: str) -> str:
    """'Quyết định' -> 'QĐ', 'QUY ĐỊNH' -> 'QyĐ', 'tờ trình' -> 'TTr', 'Bản trích sao' -> 'TrS'.

    Any case, NFD and old-style tone placement (``Giấy uỷ quyền``) are accepted.
    Công văn and thư công have no code: ``LanguageError('type_no_code')``.
    Unknown names: ``LanguageError('type_unknown')``, or
    ``'type_unknown_suggest'`` when the name matches a type without its marks.
    """
    shown = clean_text(ten_loai, multiline=False) if isinstance(ten_loai, str) else repr(ten_loai)
    name = canonical_type_name(ten_loai)
    if name is None:
        suggestion = _LOOSE_INDEX.get(_loose_key(shown)) if isinstance(ten_loai, str) else None
        if suggestion:
            raise LanguageError("type_unknown_suggest", value=shown, suggestion=suggestion)
        raise LanguageError("type_unknown", value=shown)
    if name in NO_CODE_TYPES:
        raise LanguageError("type_no_code", value=name)
    return TYPE_CODES[name]


# --------------------------------------------------------------------------
# Numbers and ký hiệu

def format_number(n: int) -> str:
    """Document number as ND30 writes it: 1-9 padded (``'05'``), 10 and up as is."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise LanguageError("number_invalid", value=str(n))
    return f"{n:02d}"


_PART_CHARS_RE = re.compile(r"[A-Za-zĐđ0-9&]")
_PART_RE = re.compile(r"^[A-Za-zĐđ0-9&]+$")
_KY_HIEU_RE = re.compile(r"^[A-Za-zĐđ0-9&]+(?:-[A-Za-zĐđ0-9&]+)+$")
_ALL_TYPE_CODES = frozenset(TYPE_CODES.values())


def _d_fold(s: str) -> str:
    return s.replace("Đ", "D").replace("đ", "d").casefold()


def _check_type_code(code: str) -> str:
    value = nfc(code).strip()
    if value in _ALL_TYPE_CODES:
        return value
    name = canonical_type_name(value)
    if name is not None and name not in NO_CODE_TYPES:
        return TYPE_CODES[name]
    for known in _ALL_TYPE_CODES:
        if value.casefold() == known.casefold():
            raise LanguageError("ky_hieu_case", value=value, expected=known)
    for known in _ALL_TYPE_CODES:
        if _d_fold(value) == _d_fold(known):
            raise LanguageError("ky_hieu_d_for_dd", value=value, expected=known)
    raise LanguageError("type_code_unknown", value=value)


def _check_part(code: str | None, part_vi: str, example: str) -> str:
    if code is not None and not isinstance(code, str):
        raise LanguageError("text_type", value=repr(code), type=type(code).__name__)
    value = nfc(code or "").strip()
    if not value:
        raise LanguageError("code_empty", part=part_vi, example=example)
    for ch in value:
        if ch != "-" and not _PART_CHARS_RE.match(ch):
            raise LanguageError("code_invalid_char", value=value, char=ch)
    if value.startswith("-") or value.endswith("-") or "--" in value:
        raise LanguageError("ky_hieu_invalid", value=value)
    if any(ch.islower() for ch in value):
        raise LanguageError("code_lowercase", value=value, suggestion=vn_upper(value))
    return value


def ky_hieu(type_code: str | None, agency_code: str, unit_code: str | None = None) -> str:
    """Build a ký hiệu.

    - typed documents: ``('KH', 'BQL')`` -> ``'KH-BQL'`` (a unit may follow:
      ``('QĐ', 'BQL', 'VP')`` -> ``'QĐ-BQL-VP'``);
    - công văn (``type_code=None``): ``(None, 'BQL', 'VP')`` -> ``'BQL-VP'``;
      the unit is required.

    ``type_code`` must be a PL III code (a tên loại is accepted and
    converted); agency and unit codes must be capitals, digits, ``&`` or
    ``Đ``, without spaces.
    """
    agency = _check_part(agency_code, "chữ viết tắt tên cơ quan", "BQL")
    if type_code is None or (isinstance(type_code, str) and not type_code.strip()):
        if unit_code is None or not str(unit_code).strip():
            raise LanguageError("ky_hieu_missing_unit", agency=agency)
        unit = _check_part(unit_code, "chữ viết tắt đơn vị soạn thảo", "VP")
        return f"{agency}-{unit}"
    code = _check_type_code(type_code)
    parts = [code, agency]
    if unit_code is not None and str(unit_code).strip():
        parts.append(_check_part(unit_code, "chữ viết tắt đơn vị soạn thảo", "VP"))
    return "-".join(parts)


def _check_ky_hieu_shape(kh: str) -> str:
    if not isinstance(kh, str):
        raise LanguageError("text_type", value=repr(kh), type=type(kh).__name__)
    value = nfc(kh).strip()
    if any(ch.isspace() for ch in value):
        raise LanguageError("ky_hieu_spaces", value=value, expected=re.sub(r"\s+", "", value))
    if not _KY_HIEU_RE.match(value):
        raise LanguageError("ky_hieu_invalid", value=value)
    return value


def so_line(number: int | str | None, ky_hieu: str) -> str:
    """``'Số: 05/QĐ-BQL'``; with ``number=None`` the draft form ``'Số:      /QĐ-BQL'``.

    The draft blank is exactly six spaces between ``Số:`` and ``/``.
    """
    kh = _check_ky_hieu_shape(ky_hieu)
    if number is None:
        return f"Số:{DRAFT_NUMBER_BLANK}/{kh}"
    if isinstance(number, str):  # typed by the clerk and kept as typed ("0124")
        return f"Số: {number}/{kh}"
    return f"Số: {format_number(number)}/{kh}"


_YEAR_IN_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_NUMBER_PREFIX_RE = re.compile(r"^\s*(?:số\s*:?\s*)?\d+\s*/\s*", re.IGNORECASE)
_SEPARATORS = ("_", "/", ".", "–", "—", "‐", "‑", "−", "·")


def check_ky_hieu(given: str, expected: str) -> None:
    """Compare a ký hiệu typed by a clerk with the one expected; raise ``LanguageError`` on any difference.

    The error code says what is wrong: ``ky_hieu_spaces``, ``ky_hieu_has_number``,
    ``ky_hieu_year``, ``ky_hieu_separator``, ``ky_hieu_case`` (e.g. TTR for
    TTr, lower case), ``ky_hieu_d_for_dd`` (QD for QĐ), ``ky_hieu_wrong_type``
    (the code of another kind of document) or ``ky_hieu_mismatch``.
    Both strings are NFC-normalised and stripped first, so NFD input that is
    otherwise identical passes.
    """
    g = nfc(given).strip()
    e = nfc(expected).strip()
    if g == e:
        return None
    if any(ch.isspace() for ch in g):
        raise LanguageError("ky_hieu_spaces", value=g, expected=e)
    if _NUMBER_PREFIX_RE.match(g) and not _NUMBER_PREFIX_RE.match(e):
        raise LanguageError("ky_hieu_has_number", value=g, expected=e)
    year = _YEAR_IN_RE.search(g)
    if year and not _YEAR_IN_RE.search(e):
        raise LanguageError("ky_hieu_year", value=g, year=year.group(1), expected=e)
    for sep in _SEPARATORS:
        if sep in g:
            fixed = g.replace(sep, "-")
            if fixed == e or _d_fold(fixed) == _d_fold(e):
                raise LanguageError("ky_hieu_separator", value=g, char=sep, expected=e)
    if g.casefold() == e.casefold():
        raise LanguageError("ky_hieu_case", value=g, expected=e)
    if _d_fold(g) == _d_fold(e):
        raise LanguageError("ky_hieu_d_for_dd", value=g, expected=e)
    g_first = g.split("-", 1)[0]
    e_first = e.split("-", 1)[0]
    g_code = _match_code(g_first)
    if g_code is not None and e_first in _ALL_TYPE_CODES and g_code != e_first:
        raise LanguageError(
            "ky_hieu_wrong_type",
            value=g,
            given_code=g_code,
            given_type=CODE_TYPES[g_code],
            expected_code=e_first,
            expected_type=CODE_TYPES[e_first],
            expected=e,
        )
    raise LanguageError("ky_hieu_mismatch", value=g, expected=e)


def _match_code(part: str) -> str | None:
    if part in _ALL_TYPE_CODES:
        return part
    for known in _ALL_TYPE_CODES:
        if _d_fold(part) == _d_fold(known):
            return known
    return None


# --------------------------------------------------------------------------
# References in body text

_VV_RE = re.compile(r"^v\s*/\s*v\.?\s+", re.IGNORECASE)


def _about(trich_yeu: str) -> str:
    text = clean_text(trich_yeu, multiline=False).rstrip(" .;,:")
    if not text:
        return ""
    if _VV_RE.match(text):
        return "về việc " + _VV_RE.sub("", text, count=1)
    first_word = text.split(" ", 1)[0]
    letters = [ch for ch in first_word if ch.isalpha()]
    is_acronym = len(letters) > 1 and all(ch.isupper() for ch in letters)
    if is_acronym:
        return "về " + text
    if first_word.casefold() == "về":
        return unicodedata.normalize("NFC", text[0].lower()) + text[1:]
    return "về " + unicodedata.normalize("NFC", text[0].lower()) + text[1:]


def document_reference(
    ten_loai: str,
    number: int | None,
    ky_hieu: str,
    d: _dt.date | None,
    issuer: str | None = None,
    trich_yeu: str | None = None,
    first: bool = True,
    *,
    long_date: bool = False,
) -> str:
    """A document cited in body text, per ND30 PL I (Part I, II.6.b).

    First citation: tên loại, số/ký hiệu, date, issuer, trích yếu::

        Kế hoạch số 1626/KH-BQL ngày 13/4/2023 của Ban Quản lý Khu kinh tế Hải Phòng
        về việc phát động ...

    Later citations (``first=False``): tên loại and số/ký hiệu only:
    ``Kế hoạch số 1626/KH-BQL``.

    - ``number`` is padded per ND30 (5 -> 05).  With ``number=None`` a
      ``ky_hieu`` that already holds the number (``'30/2020/NĐ-CP'``) is used
      as is; an empty ``ky_hieu`` omits the "số" part (laws are cited by name).
    - the date is the short body-text form (``13/4/2023``); ``long_date=True``
      gives ``ngày 05 tháng 3 năm 2020`` as in căn cứ lines.
    - the trích yếu is appended as written with its first letter lower-cased
      (unless it starts with an acronym); a leading ``V/v`` becomes
      ``về việc``; a final full stop is dropped.  No "về" is inserted: write
      the trích yếu as the document states it (``Về công tác văn thư``).
    """
    name = canonical_type_name(ten_loai) or capitalize_first(
        clean_text(ten_loai, multiline=False)
    )
    kh = clean_text(ky_hieu or "", multiline=False)
    if any(ch.isspace() for ch in kh):
        raise LanguageError("ky_hieu_spaces", value=kh, expected=re.sub(r"\s+", "", kh))
    if number is not None:
        so = f"{format_number(number)}/{kh}" if kh else format_number(number)
    elif not kh:
        so = ""
    elif "/" in kh:
        so = kh
    else:
        raise LanguageError("reference_number_missing", value=kh)
    parts = [name]
    if so:
        parts.append(f"số {so}")
    if first:
        if d is not None:
            parts.append(date_words(d) if long_date else f"ngày {short_date(d)}")
        if issuer:
            issuer_text = clean_text(issuer, multiline=False)
            if issuer_text:
                parts.append(f"của {issuer_text}")
        if trich_yeu:
            about = _about(trich_yeu)
            if about:
                parts.append(about)
    return " ".join(parts)


def number_or_blank(n: int | str | None) -> str:
    """``05`` for a number, six spaces for a draft without one (as on the Số line); a number the
    clerk typed as text (``"0124"``) is kept as typed."""
    if isinstance(n, str):
        return n
    return " " * 6 if n is None else format_number(n)


def full_reference(ten_loai: str, number: int | str | None, ky_hieu: str, d: _dt.date | None,
                   issuer: str | None = None) -> str:
    """``Quyết định số 05/QĐ-BQL ngày 05 tháng 01 năm 2024 của …`` — with the draft's blanks for a
    number or date not known yet. Used by attached lists (``Kèm theo …``) and certificates."""
    from .dates import date_words_or_blank

    text = f"{ten_loai} số {number_or_blank(number)}/{ky_hieu} {date_words_or_blank(d)}"
    return f"{text} của {issuer}" if issuer else text
