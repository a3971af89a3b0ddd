"""Vietnamese language helpers for vanban: dates, số/ký hiệu, text, figures, amounts in words.

Pure functions with no I/O.  Importing the number words (``generator.vn.numwords``, or any of
its names from this package) registers a corrected Vietnamese converter with num2words, so
``num2words(n, lang="vi")`` follows the project's rules (see ``docs/ngon-ngu.md``). The number
words are loaded on first use: num2words imports every language it has, and ``vanban --help``
(which reaches this package through the messages) should not pay for that.
"""

from .errors import MESSAGES, LanguageError

# Every helper is loaded on first use (PEP 562): ``vanban --help`` reaches this package through the
# messages (``generator.vn.errors``) and should not pay for dates, codes or num2words.
_SUBMODULE_OF = {
    **dict.fromkeys(("date_line", "date_words", "date_words_or_blank", "draft_date_line", "parse_date",
                     "short_date"), "dates"),
    **dict.fromkeys(("TYPE_CODES", "check_ky_hieu", "document_reference", "format_number", "full_reference",
                     "number_or_blank", "ky_hieu", "so_line", "type_code"), "codes"),
    **dict.fromkeys(("clean_text", "nfc", "slugify", "vn_upper"), "text"),
    **dict.fromkeys(("format_amount", "format_decimal", "parse_amount", "parse_decimal"), "figures"),
    # loading the number words registers the corrected num2words converter
    **dict.fromkeys(("amount_in_words", "decimal_to_words", "number_to_words"), "numwords"),
    **dict.fromkeys(("detect_legacy", "to_unicode"), "legacy"),
}


def __getattr__(name: str):
    submodule = _SUBMODULE_OF.get(name)
    if submodule is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{submodule}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SUBMODULE_OF))


__all__ = [
    "LanguageError",
    "MESSAGES",
    # dates
    "parse_date",
    "date_line",
    "date_words",
    "short_date",
    "draft_date_line",
    # codes
    "TYPE_CODES",
    "type_code",
    "format_number",
    "ky_hieu",
    "so_line",
    "check_ky_hieu",
    "document_reference",
    "full_reference",
    "number_or_blank",
    "date_words_or_blank",
    # text
    "clean_text",
    "nfc",
    "vn_upper",
    "slugify",
    # figures
    "format_amount",
    "format_decimal",
    "parse_amount",
    "parse_decimal",
    # numwords
    "number_to_words",
    "amount_in_words",
    "decimal_to_words",
    # legacy encodings
    "detect_legacy",
    "to_unicode",
]
