"""Turn body blocks into WordprocessingML paragraphs for docxtpl's ``{{p noi_dung }}``.

Paragraphs are built with python-docx objects (``Paragraph.add_run``, run bold/italic) on free
``w:p`` elements and carry a named style by id; the finished elements are serialised once and handed
to docxtpl as markup-safe XML (autoescaping stays on for every other placeholder).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from .markup import Block, Run
from .ooxml import XML_SPACE, protect_docxtpl_markers

ROLE_STYLES = {
    "muc1": "VBMuc1",
    "muc2": "VBMuc2",
    "muc3": "VBMuc3",
    "body": "VBNoiDung",
    "item": "VBLietKe",
    "can_cu": "VBCanCu",
    "tham_quyen": "VBThamQuyen",
    "chuong": "VBChuong",  # "Phần I" / "Chương I" / "Mục 1": centred, bold, own line
    "chuong_ten": "VBChuongTen",  # the caps title under it
    "dieu": "VBDieu",  # "Điều 1. Phạm vi điều chỉnh" (bold heading) or "Điều 1." + text
    "bang_chu": "VBBangChu",  # "(Bằng chữ: …)" under a money table
    "phai": "VBDonViTinh",  # a right-aligned italic line ("Đơn vị tính: …")
}

# Attributes of a section-break paragraph, read and removed by the finishing pass: the orientation
# of the section that FOLLOWS the break, and whether its page numbers restart at 1.
SECTION_NEXT = "vbnext"
SECTION_RESTART = "vbrestart"
SLOT = "vbslot"
# On the first element of a document whose first section is landscape (an annex-only file).
SECTION_START = "vbstart"


_P, _PPR, _PSTYLE, _R, _RPR, _B, _I, _T = (qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:r", "w:rPr",
                                                           "w:b", "w:i", "w:t"))
_VAL = qn("w:val")
_NSMAP = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


_BR, _TAB = qn("w:br"), qn("w:tab")


def _run(p: etree._Element, run: Run) -> None:
    """A ``w:r`` with its ``w:rPr`` and its text: a line break typed inside the text becomes a
    ``w:br``, a tab a ``w:tab``; everything else is kept exactly."""
    r = etree.SubElement(p, _R)
    if run.bold or run.italic:
        rPr = etree.SubElement(r, _RPR)
        if run.bold:
            etree.SubElement(rPr, _B)
        if run.italic:
            etree.SubElement(rPr, _I)
    text = run.text
    if "\n" not in text and "\t" not in text:
        t = etree.SubElement(r, _T)
        t.text = text
        t.set(XML_SPACE, "preserve")
        return
    for index, line in enumerate(text.split("\n")):
        if index:
            etree.SubElement(r, _BR)
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                etree.SubElement(r, _TAB)
            if part:
                t = etree.SubElement(r, _T)
                t.text = part
                t.set(XML_SPACE, "preserve")


@dataclass(frozen=True)
class Column:
    """A column of a body table: its header text, width and cell style."""

    title: str
    width: Length
    style: str = "VBBang"  # VBBang (left), VBBangSo (numbers, right), VBBangGiua (centred)


@dataclass(frozen=True)
class TableRow:
    """A row with formatting: bold cells (subtotals), or one spanning label (group headings)."""

    cells: tuple[str, ...] = ()
    bold: bool = False
    label: str | None = None


class BodyXml:
    """A sequence of body elements that takes the place of a ``{{p ...}}`` paragraph.

    In the rendered Jinja source it stands as one empty marker paragraph (a *slot*); the renderer
    replaces that marker by the elements themselves, so they are built once and never serialised
    and parsed again.
    """

    _next_slot = 0

    def __init__(self) -> None:
        self.elements: list[etree._Element] = []
        BodyXml._next_slot += 1
        self.slot = BodyXml._next_slot

    def add_paragraph(self, style_id: str, runs: list[Run], prefix: str = "") -> None:
        """A ``w:p`` with its named style and its runs (plain lxml: this is the batch's hot path)."""
        p = etree.Element(_P, nsmap=_NSMAP)
        style = etree.SubElement(etree.SubElement(p, _PPR), _PSTYLE)
        style.set(_VAL, style_id)
        if prefix:
            _run(p, Run(prefix, runs[0].bold if runs else False, runs[0].italic if runs else False))
        for run in runs:
            _run(p, run)
        self.elements.append(p)

    @staticmethod
    def _add_run(paragraph: Paragraph, run: Run) -> None:
        _run(paragraph._p, run)

    def add_table(self, columns: list["Column"], rows: list, *,
                  bold_rows: frozenset[int] = frozenset(), repeat_header: bool = True) -> Table:
        """A real bordered table (style *VB Bang luoi*); the header row repeats on every page."""
        width = sum(int(c.width) for c in columns)
        tbl = CT_Tbl.new_tbl(len(rows) + 1, len(columns), Length(width))
        table = Table(tbl, None)
        tbl.tblStyle_val = "VBBangLuoi"
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        look = tbl.tblPr.find(qn("w:tblLook"))  # schema order: ... tblLayout, tblCellMar, tblLook
        if look is not None:
            look.addprevious(layout)
        else:
            tbl.tblPr.append(layout)
        for col, grid in zip(columns, tbl.tblGrid.findall(qn("w:gridCol"))):
            grid.set(qn("w:w"), str(int(Length(int(col.width)).twips)))
        header = table.rows[0]
        if repeat_header:
            header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, col in zip(header.cells, columns):
            self._cell(cell, col.title, "VBBangTieuDe", bold=False, width=col.width)
        for r, values in enumerate(rows, start=1):
            row = table.rows[r]
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            if isinstance(values, TableRow):
                if values.label is not None:
                    self._spanning(row, values.label, width)
                    continue
                bold, values = values.bold, values.cells
            else:
                bold = (r - 1) in bold_rows
            for cell, col, value in zip(row.cells, columns, values):
                self._cell(cell, value, col.style, bold=bold, width=col.width)
        self.elements.append(tbl)
        return table

    def _spanning(self, row, label: str, width: int) -> None:
        """One bold cell across the whole row (a group heading such as ``I. TẬP THỂ (05)``)."""
        cells = row._tr.findall(qn("w:tc"))
        for extra in cells[1:]:
            row._tr.remove(extra)
        tc = cells[0]
        tcPr = tc.get_or_add_tcPr()
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), str(len(cells)))
        tcPr.append(span)
        tcW = tcPr.find(qn("w:tcW"))
        if tcW is not None:
            tcW.set(qn("w:w"), str(int(Length(width).twips)))
            tcW.set(qn("w:type"), "dxa")
        paragraph = Paragraph(tc.p_lst[0], None)
        paragraph._p.get_or_add_pPr().style = "VBBang"
        self._add_run(paragraph, Run(label, bold=True))

    def _cell(self, cell, text: str, style_id: str, *, bold: bool, width) -> None:
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph._p.get_or_add_pPr().style = style_id
        if text:
            self._add_run(paragraph, Run(text, bold=bold))

    def add_blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if block.role == "insert":
                raise ValueError(f"unexpanded insert block {block.name!r}")
            self.add_paragraph(ROLE_STYLES[block.role], block.runs, block.prefix)

    def add_section_break(self, *, landscape: bool = False, restart: bool = True) -> None:
        """End the current section here: what follows starts a new page (``landscape`` or portrait),
        numbered from 1 when ``restart``. The finishing pass writes the section properties."""
        p = etree.Element(_P, nsmap=_NSMAP)
        etree.SubElement(etree.SubElement(p, _PPR), _PSTYLE).set(_VAL, "VBNgatPhan")
        p.set(SECTION_NEXT, "landscape" if landscape else "portrait")
        p.set(SECTION_RESTART, "1" if restart else "0")
        self.elements.append(p)

    def add_page_break(self) -> None:
        p = etree.Element(_P, nsmap=_NSMAP)
        etree.SubElement(etree.SubElement(p, _PPR), _PSTYLE).set(_VAL, "VBNgatTrang")
        etree.SubElement(etree.SubElement(p, _R), qn("w:br")).set(qn("w:type"), "page")
        self.elements.append(p)

    def __len__(self) -> int:
        return len(self.elements)

    def __html__(self) -> str:
        """The slot marker the renderer replaces by :attr:`elements`."""
        return f'<w:p {SLOT}="{self.slot}"/>'

    def xml(self) -> str:
        """The elements as text (for tests and previews)."""
        xml = "".join(etree.tostring(el, encoding="unicode") for el in self.elements)
        return protect_docxtpl_markers(xml)

    __str__ = xml


def end_with_closing_mark(blocks: list[Block]) -> list[Block]:
    """ND30's end mark: the last body paragraph ends with ``./.`` (a final ``.`` becomes ``./.``)."""
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if block.role == "insert" or not block.runs:
            continue
        last = block.runs[-1]
        text = last.text.rstrip()
        if text.endswith("./."):
            return blocks
        text = text.rstrip(".;,:")
        runs = [*block.runs[:-1], Run(text, last.bold, last.italic), Run("./.")]
        blocks = [*blocks[:index], Block(block.role, runs, block.prefix, block.name, block.line,
                                         block.level), *blocks[index + 1:]]
        return blocks
    return blocks
