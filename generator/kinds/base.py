"""What every document kind shares: its registry entry and the header part of its context."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable


from pydantic_core import PydanticCustomError

from .. import markup
from ..blocks import end_with_closing_mark
from ..document.model import Closing, Document, Signature
from ..model import DocumentForm
from ..vn import date_line, draft_date_line, so_line, vn_upper


@dataclass(frozen=True)
class KindSpec:
    """One document kind: a preset over the one document model.

    ``model`` is the form (required fields, defaults, checks); ``build`` fills a
    :class:`~generator.document.model.Document` from a valid form (generated content included).
    ``prepare`` may rewrite the located form data before validation with what a loader gives it
    (a report pulling its plan's facts, a proposal reading its sheet); ``warnings`` adds warnings
    about a valid form. ``template`` is ``van-ban.docx`` unless the kind's page differs.
    """

    kind: str
    model: type[DocumentForm]
    build: Callable[..., Document]
    starter: str  # file name under generator/starters/
    prepare: Callable[..., object] | None = None
    warnings: Callable[..., list] | None = None
    template: str = "van-ban.docx"
    description: str = ""


def recipient_lines(items: list[str], first: str | None = None) -> list[str]:
    """Nơi nhận items as printed: ``- item;`` and the last one ``- item.`` (ND30 ô 9b).

    ``first`` ("Như trên" when there is a Kính gửi, "Như Điều 3" for a decision) opens the list,
    unless the form already has it first.
    """
    if first and (not items or items[0] != first):
        items = [first, *items]
    return [f"- {item}{'.' if index == len(items) - 1 else ';'}" for index, item in enumerate(items)]


def kinh_gui_lines(recipients: list[str]) -> list[str]:
    """One recipient as is (``Kính gửi: X``); several as a ``-`` list ending ``;`` … ``.``."""
    if len(recipients) <= 1:
        return list(recipients)
    return [f"- {r}{'.' if i == len(recipients) - 1 else ';'}" for i, r in enumerate(recipients)]


def date_text(doc: DocumentForm) -> str:
    if doc.ngay is not None:
        return date_line(doc.dia_danh, doc.ngay)
    # A draft: day and month left blank for the văn thư; the year as given, else this year.
    return draft_date_line(doc.dia_danh, doc.nam or dt.date.today().year)


def document_fields(doc: DocumentForm, *, first_recipient: str | None = None) -> dict:
    """The parts of a :class:`Document` every form gives: header, title, Kính gửi, closing.

    Nơi nhận opens with ``first_recipient`` ("Như trên" when there is a Kính gửi, which is the
    default; "Như Điều 3" for a decision), never twice."""
    if first_recipient is None and doc.kinh_gui:
        first_recipient = "Như trên"
    signer = doc.nguoi_ky
    return {
        "category": doc.KIND,
        "co_quan_chu_quan": vn_upper(doc.co_quan_chu_quan or ""),
        "co_quan_ban_hanh": vn_upper(doc.co_quan_ban_hanh),
        "so_line": so_line(doc.number_text, doc.ky_hieu),
        "date_line": date_text(doc),
        "ten_loai": vn_upper(doc.TEN_LOAI),
        "trich_yeu": doc.trich_yeu,
        "kinh_gui": tuple(kinh_gui_lines(doc.kinh_gui)),
        "title": doc.trich_yeu,
        "author": vn_upper(doc.co_quan_ban_hanh).replace("\n", " "),
        "date": doc.ngay,
        "subject": f"{doc.TEN_LOAI} {doc.number_text or ''}/{doc.ky_hieu}".replace("  ", " "),
        "closing": Closing(
            recipients=tuple(recipient_lines(doc.noi_nhan, first_recipient)),
            signature=signature(signer) if signer else None,
        ),
    }


def simple_document(doc: DocumentForm, blocks: list) -> Document:
    """A Mẫu 1.4 document: the common parts and a body ending with ``./.``."""
    return Document(**document_fields(doc), body=tuple(end_with_closing_mark(blocks)))


def roman(number: int) -> str:
    """Roman numerals for section headings and annexes (I, II, … XXXIX, XL …)."""
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
              (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in values:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def signature(signer) -> Signature:
    """ô 7a–7c of a signer: the authority lines in capitals and the name."""
    return Signature(tuple(signer.authority_lines()), signer.ho_ten)

def check_markup(source: str, allowed: tuple[str, ...]) -> None:
    """Reject generated-block markers a kind does not know, naming the line inside the markup."""
    for block in markup.parse(source):
        if block.role == "insert" and block.name not in allowed:
            raise PydanticCustomError(
                "markup_unknown_block", "markup_unknown_block",
                {"name": block.name, "allowed": ", ".join(allowed) or "-",
                 "line_offset": (block.line or 1) - 1},
            )
