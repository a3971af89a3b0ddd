"""Turn body blocks into WordprocessingML paragraphs for docxtpl's ``{{p noi_dung }}``.

Paragraphs are built with python-docx objects (``Paragraph.add_run``, run bold/italic) on free
``w:p`` elements and carry a named style by id; the finished elements are serialised once and handed
to docxtpl as markup-safe XML (autoescaping stays on for every other placeholder).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
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
}


class BodyXml:
    """A sequence of body elements that docxtpl inserts in place of a ``{{p ...}}`` paragraph."""

    def __init__(self) -> None:
        self.elements: list[etree._Element] = []

    def add_paragraph(self, style_id: str, runs: list[Run], prefix: str = "") -> None:
        p = OxmlElement("w:p")
        pPr = p.get_or_add_pPr()
        pPr.style = style_id
        paragraph = Paragraph(p, None)
        if prefix:
            self._add_run(paragraph, Run(prefix, runs[0].bold if runs else False,
                                         runs[0].italic if runs else False))
        for run in runs:
            self._add_run(paragraph, run)
        self.elements.append(p)

    @staticmethod
    def _add_run(paragraph: Paragraph, run: Run) -> None:
        r = paragraph.add_run(run.text)
        if run.bold:
            r.bold = True
        if run.italic:
            r.italic = True
        for t in r._r.iter(qn("w:t")):
            t.set(XML_SPACE, "preserve")

    def add_blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if block.role == "insert":
                raise ValueError(f"unexpanded insert block {block.name!r}")
            self.add_paragraph(ROLE_STYLES[block.role], block.runs, block.prefix)

    def __len__(self) -> int:
        return len(self.elements)

    def __html__(self) -> str:
        xml = "".join(etree.tostring(el, encoding="unicode") for el in self.elements)
        return protect_docxtpl_markers(xml)

    __str__ = __html__


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
