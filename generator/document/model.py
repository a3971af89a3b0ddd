"""ONE ND30 model for every administrative document (Phụ lục I, ô 1–14).

A document kind fills a :class:`Document`; one writer (``generator.writer``) turns it into Word.
Every part a real office writes has its place here, and every part that real documents leave out
may be left out: the Kính gửi of a tờ trình, the Nơi nhận of an annex-only document, the date line
of a biên bản, the authority line of a decision.

Body content is a list of blocks:

- :class:`~generator.markup.Block` — one paragraph with a role (heading levels, body text, list
  item, chapter heading, article heading …) and its runs;
- :class:`TableBlock` — a real Word table (:mod:`generator.document.table`);
- :class:`PageBreak` — what follows starts on a new page;
- :class:`Section` — what follows starts a new section (landscape for a wide table, or back).

Imports nothing above the document layer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

from ..markup import Block, Run
from .table import Table


@dataclass(frozen=True)
class TableBlock:
    table: Table


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Section:
    """Start a new section here: ``landscape`` for what follows; ``restart`` its page numbers."""

    landscape: bool = False
    restart: bool = False


BodyBlock = Union[Block, TableBlock, PageBreak, Section]


@dataclass(frozen=True)
class Signature:
    """ô 7a–7c: the authority lines (capitals, prefixes included) and the signer's name."""

    lines: tuple[str, ...]
    name: str


@dataclass(frozen=True)
class Annex:
    """A Phụ lục / Danh sách / Quy chế after the signature, on its own page and section.

    ``label`` is the heading (``Phụ lục II``) or empty; ``titles`` the caps title lines;
    ``reference`` the ``(Kèm theo …)`` line; ``form_label`` the ``Biểu mẫu số 01`` label top right;
    ``unit`` the ``Đơn vị tính: …`` line above the first table; ``signature`` its own signature.
    """

    label: str = ""
    titles: tuple[str, ...] = ()
    reference: str = ""
    body: tuple[BodyBlock, ...] = ()
    landscape: bool = False
    form_label: str = ""
    unit: str = ""
    signature: Signature | None = None


@dataclass(frozen=True)
class Closing:
    """ô 9b beside ô 7: Nơi nhận (printed lines, or none) and one signature — or, for a biên bản,
    two signatures side by side (left: thư ký, right: chủ tọa) with Nơi nhận below them."""

    recipients: tuple[str, ...] = ()
    signature: Signature | None = None
    left_signature: Signature | None = None


@dataclass(frozen=True)
class Document:
    """An administrative document, every part as it is printed."""

    category: str  # the kind, written into the document properties
    co_quan_chu_quan: str = ""  # capitals; "\n" between lines
    co_quan_ban_hanh: str = ""
    so_line: str = ""  # "Số: 1626/KH-BQL"
    date_line: str = ""  # "Hải Phòng, ngày 13 tháng 4 năm 2023" (empty for a biên bản)
    vv_line: str = ""  # công văn: "V/v …" under the number
    ten_loai: str = ""  # capitals; empty for a công văn
    trich_yeu: str = ""
    kinh_gui: tuple[str, ...] = ()  # printed lines (one recipient, or "- …;" items)
    tham_quyen: str = ""  # the authority line of a decision, capitals
    can_cu: tuple[str, ...] = ()  # printed lines, ";" … "."
    enacting: str = ""  # "QUYẾT ĐỊNH:" (empty when the căn cứ block ends with the formula)
    body: tuple[BodyBlock, ...] = ()
    closing: Closing | None = field(default_factory=Closing)
    annexes: tuple[Annex, ...] = ()
    header: bool = True  # False: an annex issued as its own file (no header table, no title)
    # Document properties
    title: str = ""
    author: str = ""
    date: dt.date | None = None
    subject: str = ""


def paragraph(text: str, role: str = "body", *, bold: bool = False, italic: bool = False,
              prefix: str = "") -> Block:
    return Block(role, [Run(text, bold=bold, italic=italic)] if text else [], prefix=prefix)


__all__ = [
    "Annex", "Block", "BodyBlock", "Closing", "Document", "PageBreak", "Run", "Section", "Signature",
    "TableBlock", "paragraph",
]
