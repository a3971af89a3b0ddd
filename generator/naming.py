"""What tells a final from a draft, in one place (issue 14, item 10): its file name and its mark.

A final document is named after its number: ``1626-kh-bql.docx`` (the number as ND30 writes it,
then the ASCII slug of its ký hiệu), so that it never collides with the draft of the same form
(``ke-hoach.docx``). ``vanban render --final``, ``--pdf`` (which keeps the stem), a batch's
decisions and the web app's downloads all name a final here.
"""

from __future__ import annotations

from .vn import format_number, slugify

DRAFT_MARK = "DỰ THẢO"  # on a draft's first page (generator.render), found there by vanban lint


def final_stem(number: int, ky_hieu: str, label: str | None = None) -> str:
    """``1626-kh-bql``; with a label (a batch's decision for one person): ``2890-qd-bql-nguyen-van-an``."""
    stem = f"{format_number(number)}-{slugify(ky_hieu, max_length=20)}"
    return f"{stem}-{slugify(label, max_length=60)}" if label else stem


def final_file_name(number: int, ky_hieu: str, suffix: str = ".docx", label: str | None = None) -> str:
    """``1626-kh-bql.docx`` (``suffix`` ``.pdf`` for its PDF)."""
    return final_stem(number, ky_hieu, label) + suffix
