"""Write a :class:`~generator.document.model.Document` into the one ND30 template.

The template (``templates/van-ban.docx``, built by ``template_builder``) holds what an office may
restyle or replace with its letterhead: the header table, the title block, Kính gửi, the authority
line, the căn cứ block. Everything whose shape varies from document to document — the body with
its tables and sections, the closing (Nơi nhận beside one signature, or two signatures for a biên
bản, or nothing), the annexes with their own headings and signatures — is built here as XML
elements ONCE and spliced into the rendered tree (``render``'s slots), never serialised to text
and parsed again.
"""

from __future__ import annotations

import copy
from functools import lru_cache

from lxml import etree

from . import layout as L
from .blocks import ROLE_STYLES, SECTION_START, BodyXml
from .document.model import (
    Annex,
    Block,
    Closing,
    Document,
    PageBreak,
    Run,
    Section,
    Signature,
    TableBlock,
)
from .document.table import table_element

TEMPLATE = "van-ban.docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_TWIPS_PER_EMU = 1 / 635


def _el(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    element = etree.Element(f"{_W}{tag}") if parent is None else etree.SubElement(parent, f"{_W}{tag}")
    for key, value in attrs.items():
        element.set(f"{_W}{key}", str(value))
    return element


def keep_with_next(p: etree._Element) -> None:
    """``w:keepNext`` in its schema place (right after ``w:pStyle``)."""
    pPr = p.find(f"{_W}pPr")
    if pPr is None:
        pPr = etree.Element(f"{_W}pPr")
        p.insert(0, pPr)
    if pPr.find(f"{_W}keepNext") is not None:
        return
    keep = etree.Element(f"{_W}keepNext")
    style = pPr.find(f"{_W}pStyle")
    if style is not None:
        style.addnext(keep)
    else:
        pPr.insert(0, keep)


def keep_with_closing(elements: list[etree._Element]) -> None:
    """The body's end stays on the page of the signature that follows it: ``w:keepNext`` on the
    last paragraph (with widow control, its last two lines go along), or on every paragraph of
    the last row when the body ends with a table (Word and LibreOffice keep that row with what
    follows it)."""
    if not elements:
        return
    last = elements[-1]
    if last.tag == f"{_W}p":
        keep_with_next(last)
    elif last.tag == f"{_W}tbl":
        rows = last.findall(f"{_W}tr")
        for p in rows[-1].iter(f"{_W}p") if rows else ():
            keep_with_next(p)


def text_width_twips(layout: L.PageLayout, landscape: bool = False) -> int:
    return int(layout.text_width_for(landscape) * _TWIPS_PER_EMU)


class BodyWriter:
    """Body blocks into a :class:`BodyXml`, tracking the section each block falls in."""

    def __init__(self, layout: L.PageLayout, body: BodyXml | None = None) -> None:
        self.layout = layout
        self.body = body if body is not None else BodyXml()
        self.landscape = False

    def add(self, blocks) -> "BodyWriter":
        for block in blocks:
            if isinstance(block, Block):
                if block.role == "insert":
                    raise ValueError(f"unexpanded insert block {block.name!r}")
                self.body.add_paragraph(ROLE_STYLES[block.role], block.runs, block.prefix)
            elif isinstance(block, TableBlock):
                self.body.elements.append(table_element(block.table, text_width_twips(self.layout, self.landscape)))
            elif isinstance(block, PageBreak):
                self.body.add_page_break()
            elif isinstance(block, Section):
                self.section(block.landscape, block.restart)
            else:  # pragma: no cover - a programming error
                raise TypeError(f"not a body block: {block!r}")
        return self

    def section(self, landscape: bool, restart: bool) -> None:
        self.body.add_section_break(landscape=landscape, restart=restart)
        self.landscape = landscape

    def paragraph(self, style_id: str, text: str, *, bold: bool = False, italic: bool = False) -> None:
        self.body.add_paragraph(style_id, [Run(text, bold=bold, italic=italic)] if text else [])


# --------------------------------------------------------------------------------------------
# The closing: Nơi nhận | signature (or two signatures) as a borderless layout table


def _closing_table(widths: tuple[int, int], left: list[etree._Element], right: list[etree._Element]) -> etree._Element:
    tbl = _el("tbl")
    pr = _el("tblPr", tbl)
    _el("tblW", pr, w=sum(widths), type="dxa")
    _el("jc", pr, val="center")
    borders = _el("tblBorders", pr)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _el(side, borders, val="none", sz="0", space="0", color="auto")
    _el("tblLayout", pr, type="fixed")
    margins = _el("tblCellMar", pr)
    _el("top", margins, w="240", type="dxa")  # 12 pt between the body and "Nơi nhận:"/the authority line
    _el("tblLook", pr, val="04A0", firstRow="1", lastRow="0", firstColumn="1", lastColumn="0", noHBand="0",
        noVBand="1")
    _el("tblCaption", pr, val="vanban:closing")
    grid = _el("tblGrid", tbl)
    for width in widths:
        _el("gridCol", grid, w=width)
    tr = _el("tr", tbl)
    _el("cantSplit", _el("trPr", tr))
    for width, paragraphs in zip(widths, (left, right)):
        tc = _el("tc", tr)
        tc_pr = _el("tcPr", tc)
        _el("tcW", tc_pr, w=width, type="dxa")
        _el("vAlign", tc_pr, val="top")
        if not paragraphs:
            paragraphs = [_paragraph("VBNoiNhanMuc", "")]
        tc.extend(paragraphs)
    return tbl


def _paragraph(style_id: str, text: str) -> etree._Element:
    body = BodyXml()
    body.add_paragraph(style_id, [Run(text)] if text else [])
    return body.elements[0]


def signature_paragraphs(signature: Signature) -> list[etree._Element]:
    paragraphs = [_paragraph("VBQuyenHanKy", line) for line in signature.lines]
    paragraphs.append(_paragraph("VBHoTenKy", signature.name))
    return paragraphs


def recipient_paragraphs(lines: tuple[str, ...]) -> list[etree._Element]:
    if not lines:
        return []
    return [_paragraph("VBNoiNhanNhan", "Nơi nhận:"), *(_paragraph("VBNoiNhanMuc", line) for line in lines)]


def closing_widths(layout: L.PageLayout, landscape: bool = False) -> tuple[int, int]:
    left, _ = L.closing_columns(layout, landscape)
    total = text_width_twips(layout, landscape)
    return int(left * _TWIPS_PER_EMU), total - int(left * _TWIPS_PER_EMU)


def closing_elements(closing: Closing | None, layout: L.PageLayout, landscape: bool = False) -> list[etree._Element]:
    """The closing's elements, new for each document: copies of those built once per closing and
    layout (the decisions of a batch share theirs; building them is a fifth of a decision's XML)."""
    return [copy.deepcopy(element) for element in _closing_built(closing, layout, landscape)]


@lru_cache(maxsize=64)
def _closing_built(closing: Closing | None, layout: L.PageLayout, landscape: bool) -> tuple[etree._Element, ...]:
    if closing is None or (closing.signature is None and not closing.recipients):
        return ()
    widths = closing_widths(layout, landscape)
    if closing.left_signature is not None:
        # Biên bản (Mẫu 1.9): thư ký left, chủ tọa right; Nơi nhận under them.
        table = _closing_table(widths, signature_paragraphs(closing.left_signature),
                               signature_paragraphs(closing.signature) if closing.signature else [])
        recipients = recipient_paragraphs(closing.recipients)
        if recipients:  # "Nơi nhận:" never ends a page without its first line
            keep_with_next(recipients[0])
        return (table, *recipients)
    right = signature_paragraphs(closing.signature) if closing.signature else []
    return (_closing_table(widths, recipient_paragraphs(closing.recipients), right),)


# --------------------------------------------------------------------------------------------
# Annexes


def add_annex(writer: BodyWriter, annex: Annex, layout: L.PageLayout, new_section: bool = True) -> None:
    """An annex on a new page in its own section, page numbers restarting (ND30-PL-*)."""
    first = len(writer.body.elements)
    if new_section:
        writer.section(annex.landscape, restart=True)
    elif annex.landscape:
        writer.landscape = True
    if annex.form_label:
        writer.paragraph("VBBieuMau", annex.form_label)
    if annex.label:
        writer.paragraph("VBPhuLuc", annex.label)
    for title in annex.titles:
        writer.paragraph("VBPhuLucTieuDe", title)
    if annex.reference:
        writer.paragraph("VBPhuLucKemTheo", annex.reference)
        writer.paragraph("VBDuongKe", "")
    elif annex.titles:
        writer.paragraph("VBDuongKe", "")
    if annex.unit:
        writer.paragraph("VBDonViTinh", annex.unit)
    writer.add(annex.body)
    if annex.signature is not None:
        keep_with_closing(writer.body.elements[first:])
        writer.body.elements.extend(closing_elements(Closing(signature=annex.signature), layout, annex.landscape))
    if not new_section and annex.landscape and len(writer.body.elements) > first:
        # The file's first section is this annex's: the finishing pass turns it landscape.
        writer.body.elements[first].set(SECTION_START, "landscape")


# --------------------------------------------------------------------------------------------
# The template context


def context(doc: Document, layout: L.PageLayout) -> dict:
    """The template's placeholders; ``noi_dung`` and ``phu_luc`` are element slots."""
    body = BodyWriter(layout).add(doc.body)
    # The closing goes with the body (it follows the body's last section, portrait or landscape);
    # the body's end (last paragraph, or last table row) keeps with it, so the signature never
    # stands alone on a page.
    closing = closing_elements(doc.closing, layout, body.landscape)
    if closing:
        keep_with_closing(body.body.elements)
    body.body.elements.extend(closing)
    annexes = BodyWriter(layout)
    annexes.landscape = body.landscape
    for index, annex in enumerate(doc.annexes):
        # An annex-only file opens with its first annex: no break (and no empty page) before it.
        add_annex(annexes, annex, layout, new_section=bool(index or doc.header or len(body.body)))
    return {
        "co_tieu_de": doc.header,
        "co_quan_chu_quan": doc.co_quan_chu_quan,
        "co_quan_ban_hanh": doc.co_quan_ban_hanh,
        "so_ky_hieu": doc.so_line,
        "trich_yeu_cong_van": doc.vv_line,
        "dia_danh_ngay_thang": doc.date_line,
        "ten_loai": doc.ten_loai,
        "trich_yeu": doc.trich_yeu,
        "kinh_gui": list(doc.kinh_gui),
        "tham_quyen": doc.tham_quyen,
        "can_cu": list(doc.can_cu),
        "lenh": doc.enacting,
        "noi_dung": body.body,
        "phu_luc": annexes.body,
    }
