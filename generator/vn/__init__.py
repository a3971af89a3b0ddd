"""Vietnamese language helpers for vanban: dates, số/ký hiệu, text, figures, amounts in words.

Pure functions with no I/O.  Importing this package registers a corrected
Vietnamese converter with num2words, so ``num2words(n, lang="vi")`` follows
the project's rules (see ``docs/ngon-ngu.md``).
"""

from .errors import MESSAGES, LanguageError
from .dates import date_line, date_words, date_words_or_blank, draft_date_line, parse_date, short_date
from .codes import (
    TYPE_CODES,
    check_ky_hieu,
    document_reference,
    format_number,
    full_reference,
    number_or_blank,
    ky_hieu,
    so_line,
    type_code,
)
from .text import clean_text, nfc, slugify, vn_upper
from .figures import format_amount, format_decimal, parse_amount, parse_decimal
from .numwords import amount_in_words, decimal_to_words, number_to_words, register as _register_num2words
from .legacy import detect_legacy, to_unicode

_register_num2words()

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
