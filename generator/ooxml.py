"""Small WordprocessingML helpers python-docx does not offer: borders, fields, table looks.

Elements are built with python-docx's ``OxmlElement`` and attached to python-docx objects, never
assembled from strings. Imports nothing else from the package.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_TABLE_BORDERS = ("top", "left", "bottom", "right", "insideH", "insideV")


def _child(parent, tag: str, before: tuple[str, ...] = ()):
    """Find or create ``parent/tag``; a new element is inserted before the first of ``before``."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    for name in before:
        successor = parent.find(qn(name))
        if successor is not None:
            successor.addprevious(element)
            return element
    parent.append(element)
    return element


# Successors of w:pBdr inside w:pPr, per the schema order.
_PBDR_SUCCESSORS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def set_bottom_border(pPr, size_eighths: int = 6) -> None:
    """A single solid line under a paragraph (``w:pBdr/w:bottom``): how rules are drawn."""
    pbdr = _child(pPr, "w:pBdr", _PBDR_SUCCESSORS)
    for old in pbdr.findall(qn("w:bottom")):
        pbdr.remove(old)
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size_eighths))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    pbdr.append(bottom)


def remove_table_borders(table) -> None:
    """Make a layout table invisible: every table border set to ``none`` (CHK-35)."""
    set_table_borders(table, "none", 0, "auto")


def set_table_borders(table, val: str, size_eighths: int, color: str) -> None:
    """Every border of a table (outside and inside lines) drawn as ``val`` (``single``, ``none``)."""
    tblPr = table._tbl.tblPr
    borders = _child(tblPr, "w:tblBorders", ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    for child in list(borders):
        borders.remove(child)
    for side in _TABLE_BORDERS:
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), val)
        element.set(qn("w:sz"), str(size_eighths))
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), color)
        borders.append(element)


def set_table_fixed_layout(table, widths: list[Length]) -> None:
    """Fixed column widths, so Word and LibreOffice lay the header out alike."""
    tblPr = table._tbl.tblPr
    layout = _child(tblPr, "w:tblLayout", ("w:tblCellMar", "w:tblLook"))
    layout.set(qn("w:type"), "fixed")
    tblW = _child(tblPr, "w:tblW", ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                                     "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    tblW.set(qn("w:type"), "dxa")
    tblW.set(qn("w:w"), str(sum(int(w.twips) for w in widths)))
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def add_field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (``PAGE`` ...) in its own runs: begin, instruction, separate, result, end."""
    p = paragraph._p

    def run_with(child) -> None:
        r = OxmlElement("w:r")
        r.append(child)
        p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(XML_SPACE, "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    if placeholder:
        text = OxmlElement("w:t")
        text.text = placeholder
        run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def preserve_spaces(element) -> None:
    """Mark every ``w:t`` below ``element`` so Word keeps leading, trailing and repeated spaces."""
    for t in element.iter(qn("w:t")):
        t.set(XML_SPACE, "preserve")


def set_table_cell_margin_top(table, top: Length) -> None:
    """Default top cell margin of a table (``w:tblCellMar/w:top``)."""
    tblPr = table._tbl.tblPr
    margins = _child(tblPr, "w:tblCellMar", ("w:tblLook", "w:tblCaption", "w:tblDescription"))
    for old in margins.findall(qn("w:top")):
        margins.remove(old)
    element = OxmlElement("w:top")
    element.set(qn("w:w"), str(int(top.twips)))
    element.set(qn("w:type"), "dxa")
    margins.insert(0, element)


def set_table_caption(table, caption: str) -> None:
    """``w:tblCaption``: names a layout table (Word shows it as the table's alt-text title)."""
    tblPr = table._tbl.tblPr
    element = _child(tblPr, "w:tblCaption", ("w:tblDescription",))
    element.set(qn("w:val"), caption)


def table_caption(table) -> str | None:
    element = table._tbl.tblPr.find(qn("w:tblCaption"))
    return element.get(qn("w:val")) if element is not None else None


def cant_split(row) -> None:
    """Keep a table row on one page (``w:trPr/w:cantSplit``)."""
    trPr = row._tr.get_or_add_trPr()
    if trPr.find(qn("w:cantSplit")) is None:
        trPr.append(OxmlElement("w:cantSplit"))


# docxtpl un-escapes "{_{", "}_}", "{_%" and "%_}" in the rendered XML (they are its way of
# writing literal tags). A value containing them would be changed; an XML character reference for
# the underscore keeps them intact through that replace and parses back to "_".
def page_border(sectPr) -> None:
    """A simple double-line page border (``w:pgBorders``), drawn around the margins' edge."""
    remove_page_border(sectPr)
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "text")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "double")
        edge.set(qn("w:sz"), "12")
        edge.set(qn("w:space"), "14")
        edge.set(qn("w:color"), "C00000")
        borders.append(edge)
    # w:pgBorders follows w:pgMar and w:paperSrc in the schema order.
    anchor = sectPr.find(qn("w:paperSrc"))
    if anchor is None:
        anchor = sectPr.find(qn("w:pgMar"))
    anchor.addnext(borders)


def remove_page_border(sectPr) -> None:
    for old in sectPr.findall(qn("w:pgBorders")):
        sectPr.remove(old)


def clear_paragraph_border(paragraph) -> None:
    """An explicit ``none`` bottom border: the rule a style draws is not printed (pre-printed stock)."""
    pPr = paragraph._p.get_or_add_pPr()
    pbdr = _child(pPr, "w:pBdr", _PBDR_SUCCESSORS)
    for old in list(pbdr):
        pbdr.remove(old)
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "nil")
    pbdr.append(bottom)
