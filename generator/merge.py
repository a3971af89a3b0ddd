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


_SHARED_PARTS = ("word/styles.xml", "word/_rels/document.xml.rels")


def merge_files(paths: list[Path], info: DocumentInfo) -> bytes:
    """Merge .docx files this toolkit produced from one template (their other parts must match)."""
    if not paths:
        raise RenderError("render_failed", reason="nothing to merge")
    parts = _package_parts(paths[0])
    return _finished(parts, merge_trees(_trees(paths, parts)), info)


def partial(paths: list[Path]) -> bytes:
    """Consecutive documents of a print file, merged but not finished (a batch's worker makes one
    for its range): :func:`merge_partials` joins the pieces. Merging is associative, so the print
    file is the one :func:`merge_files` makes of all the files."""
    return etree.tostring(merge_trees(_trees(paths, _package_parts(paths[0]))))


def merge_partials(firsts: list[Path], pieces: Iterable[bytes], info: DocumentInfo) -> bytes:
    """The print file from the :func:`partial` pieces, in order; ``firsts`` are the first file of
    each piece (each piece checked its files against its first; the firsts are checked here)."""
    if not firsts:
        raise RenderError("render_failed", reason="nothing to merge")
    parts = _package_parts(firsts[0])
    for path in firsts[1:]:
        _check_shared(path, parts)
    return _finished(parts, merge_trees(etree.fromstring(piece) for piece in pieces), info)


def _package_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def _check_shared(path: Path, parts: dict[str, bytes], package: zipfile.ZipFile | None = None) -> None:
    if package is None:
        with zipfile.ZipFile(path) as opened:
            return _check_shared(path, parts, opened)
    for name in _SHARED_PARTS:
        if package.read(name) != parts[name]:
            raise RenderError("merge_template_differs", path=str(path))


def _trees(paths: Iterable[Path], parts: dict[str, bytes]):
    for path in paths:
        with zipfile.ZipFile(path) as package:
            _check_shared(path, parts, package)
            root = etree.fromstring(package.read(_DOCUMENT))
        _unfinish(root)
        yield root


def _finished(parts: dict[str, bytes], tree: etree._Element, info: DocumentInfo) -> bytes:
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
