"""One print file from many documents of the same template.

Each document starts on a new page in its own section, so page numbers restart per document (and
per attached list). Documents rendered from one compiled template share their styles, headers and
numbering, so merging is a concatenation of body content — no per-document style or relationship
remapping as a general-purpose composer (docxcompose) has to do.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Iterable

from lxml import etree

from . import layout as L
from .errors import RenderError
from .blocks import SECTION_NEXT, SECTION_RESTART
from .render import _DOCUMENT, _W, DocumentInfo, core_properties, finish, is_landscape, zip_parts


def _break() -> etree._Element:
    p = etree.Element(f"{_W}p")
    pPr = etree.SubElement(p, f"{_W}pPr")
    style = etree.SubElement(pPr, f"{_W}pStyle")
    style.set(f"{_W}val", "VBNgatPhan")
    p.set(SECTION_RESTART, "1")  # each document of a print file is numbered from 1, in its template's orientation
    return p


def merge_trees(trees: Iterable[etree._Element]) -> etree._Element:
    """Concatenate unfinished ``w:document`` trees; a section break stands between documents."""
    merged = None
    body = final = None
    for tree in trees:
        if merged is None:
            merged = tree
            body = merged.find(f"{_W}body")
            final = body.find(f"{_W}sectPr")
            body.remove(final)
            continue
        body.append(_break())
        source = tree.find(f"{_W}body")
        for child in list(source):
            if child.tag != f"{_W}sectPr":
                body.append(child)
    if merged is None:
        raise RenderError("render_failed", reason="nothing to merge")
    body.append(final)
    return merged


def merge_files(paths: list[Path], info: DocumentInfo) -> bytes:
    """Merge .docx files this toolkit produced from one template (their other parts must match)."""
    if not paths:
        raise RenderError("render_failed", reason="nothing to merge")
    with zipfile.ZipFile(paths[0]) as first:
        parts = {name: first.read(name) for name in first.namelist()}

    def trees():
        for path in paths:
            with zipfile.ZipFile(path) as package:
                for name in ("word/styles.xml", "word/_rels/document.xml.rels"):
                    if package.read(name) != parts[name]:
                        raise RenderError("merge_template_differs", path=str(path))
                root = etree.fromstring(package.read(_DOCUMENT))
            _unfinish(root)
            yield root

    tree = merge_trees(trees())
    finish(tree, L.DEFAULT_LAYOUT)
    parts[_DOCUMENT] = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["docProps/core.xml"] = core_properties(etree.fromstring(parts["docProps/core.xml"]), info)
    return zip_parts(parts)


def _unfinish(root: etree._Element) -> None:
    """Undo the section properties of a finished document so the merged one can be finished anew:
    each break gets back the marks of the section that follows it (orientation, restart)."""
    body = root.find(f"{_W}body")
    breaks = [p for p in body.findall(f"{_W}p") if p.find(f"{_W}pPr/{_W}sectPr") is not None]
    final = body.find(f"{_W}sectPr")
    following = [p.find(f"{_W}pPr/{_W}sectPr") for p in breaks[1:]] + [final]
    for p, after in zip(breaks, following):
        p.set(SECTION_NEXT, "landscape" if is_landscape(after) else "portrait")
        p.set(SECTION_RESTART, "1" if after.find(f"{_W}pgNumType") is not None else "0")
    for p in breaks:
        section = p.find(f"{_W}pPr/{_W}sectPr")
        section.getparent().remove(section)
    for number in final.findall(f"{_W}pgNumType"):
        final.remove(number)
