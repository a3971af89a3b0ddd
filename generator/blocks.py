"""Turn body blocks into WordprocessingML paragraphs for docxtpl's ``{{p noi_dung }}``.

Paragraphs are built with python-docx objects (``Paragraph.add_run``, run bold/italic) on free
``w:p`` elements and carry a named style by id; the finished elements are serialised once and handed
to docxtpl as markup-safe XML (autoescaping stays on for every other placeholder).
"""

from __future__ import annotations


from docx.oxml.ns import qn
from lxml import etree

from .markup import Block, Run
from .ooxml import XML_SPACE

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
# The slot marker's element (no namespace: nothing else in a rendered part is named so, and the
# renderer finds the markers with one C-level pass over the tree).
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
        return f'<{SLOT} n="{self.slot}"/>'

    def xml(self) -> str:
        """The elements as text (for tests and previews)."""
        return "".join(etree.tostring(el, encoding="unicode") for el in self.elements)

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
