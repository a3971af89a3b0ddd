"""What every document kind shares: its registry entry and the header part of its context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from .. import markup
from ..blocks import BodyXml, end_with_closing_mark
from ..markup import Block
from ..model import DocumentForm, MarkupText
from ..vn import date_line, draft_date_line, so_line, vn_upper


@dataclass(frozen=True)
class KindSpec:
    """One document kind: its model, template, context builder and starter form.

    ``prepare`` may rewrite the located form data before validation (e.g. a report pulling its
    plan's facts); ``warnings`` adds warnings about a valid model (e.g. a late report).
    """

    kind: str
    model: type[DocumentForm]
    template: str
    build_context: Callable[[DocumentForm], dict]
    starter: str  # file name under generator/starters/
    prepare: Callable[..., object] | None = None
    warnings: Callable[..., list] | None = None


def recipient_lines(items: list[str], first: str | None = None) -> list[str]:
    """Nơi nhận items as printed: ``- item;`` and the last one ``- item.`` (ND30 ô 9b).

    ``first`` ("Như trên" when there is a Kính gửi, "Như Điều 3" for a decision) opens the list.
    """
    if first and (not items or items[0] != first):
        items = [first, *items]
    return [f"- {item}{'.' if index == len(items) - 1 else ';'}" for index, item in enumerate(items)]


def kinh_gui_lines(recipients: list[str]) -> list[str]:
    """One recipient as is (``Kính gửi: X``); several as a ``-`` list ending ``;`` … ``.``."""
    if len(recipients) <= 1:
        return list(recipients)
    return [f"- {r}{'.' if i == len(recipients) - 1 else ';'}" for i, r in enumerate(recipients)]


def header_context(doc: DocumentForm) -> dict:
    """Placeholders of the header table, the title block and the closing table."""
    if doc.ngay is not None:
        date_text = date_line(doc.dia_danh, doc.ngay)
    else:
        date_text = draft_date_line(doc.dia_danh)
    return {
        "co_quan_chu_quan": vn_upper(doc.co_quan_chu_quan or ""),
        "co_quan_ban_hanh": vn_upper(doc.co_quan_ban_hanh),
        "so_ky_hieu": so_line(doc.so, doc.ky_hieu),
        "dia_danh_ngay_thang": date_text,
        "ten_loai": vn_upper(doc.TEN_LOAI),
        "trich_yeu": doc.trich_yeu,
        "kinh_gui": kinh_gui_lines(doc.kinh_gui),
        "noi_nhan": recipient_lines(doc.noi_nhan, "Như trên" if doc.kinh_gui else None),
        "quyen_han_ky": doc.nguoi_ky.authority_lines(),
        "ho_ten_ky": doc.nguoi_ky.ho_ten,
    }


def body_xml(blocks: list[Block]) -> BodyXml:
    body = BodyXml()
    body.add_blocks(end_with_closing_mark(blocks))
    return body


def roman(number: int) -> str:
    """Roman numerals for section headings (I, II, ... up to 39)."""
    tens, units = divmod(number, 10)
    ones = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
    return "X" * tens + ones[units]


def check_markup(source: str, allowed: tuple[str, ...]) -> None:
    """Reject generated-block markers a kind does not know, naming the line inside the markup."""
    for block in markup.parse(source):
        if block.role == "insert" and block.name not in allowed:
            raise PydanticCustomError(
                "markup_unknown_block", "markup_unknown_block",
                {"name": block.name, "allowed": ", ".join(allowed) or "-",
                 "line_offset": (block.line or 1) - 1},
            )


def markup_text(*allowed: str):
    """A body-markup field type: text whose generated-block markers are among ``allowed``."""

    def check(value: str) -> str:
        if value:
            check_markup(value, allowed)
        return value

    return Annotated[MarkupText, AfterValidator(check)]


# Body markup without generated blocks (most fields).
BodyMarkup = markup_text()
