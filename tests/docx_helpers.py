"""Reading generated .docx files back in tests: paragraphs in reading order, parts, styles."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{W}}}{name}"


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def part_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return z.namelist()


def paragraph_text(p: etree._Element) -> str:
    out = []
    for node in p.iter():
        if node.tag == q("w:t"):
            out.append(node.text or "")
        elif node.tag == q("w:br"):
            out.append("\n")
        elif node.tag == q("w:tab"):
            out.append("\t")
    return "".join(out)


@dataclass
class Para:
    element: etree._Element
    text: str
    style: str
    where: str  # "body" or "table{t}.r{r}.c{c}"


def paragraphs(path: Path) -> list[Para]:
    """Every paragraph of the body in reading order (table cells row by row, left to right)."""
    body = part(path, "word/document.xml").find(q("w:body"))
    result: list[Para] = []
    tables = 0

    def style_of(p):
        s = p.find("w:pPr/w:pStyle", NS)
        return s.get(q("w:val")) if s is not None else ""

    for child in body:
        if child.tag == q("w:p"):
            result.append(Para(child, paragraph_text(child), style_of(child), "body"))
        elif child.tag == q("w:tbl"):
            tables += 1
            for r, tr in enumerate(child.findall("w:tr", NS)):
                for c, tc in enumerate(tr.findall("w:tc", NS)):
                    for p in tc.findall("w:p", NS):
                        result.append(Para(p, paragraph_text(p), style_of(p), f"table{tables}.r{r}.c{c}"))
    return result


def plain_text(path: Path) -> str:
    return normalise_space(" ".join(p.text for p in paragraphs(path)))


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def styles(path: Path) -> dict[str, etree._Element]:
    root = part(path, "word/styles.xml")
    return {s.get(q("w:styleId")): s for s in root.findall("w:style", NS)}


def canonical(element: etree._Element) -> str:
    """Canonical XML (C14N 2.0) with stable indentation, for golden comparisons."""
    clone = etree.fromstring(etree.tostring(element))
    for el in clone.iter():
        if el.text is not None and not el.text.strip() and len(el):
            el.text = None
        if el.tail is not None and not el.tail.strip():
            el.tail = None
    etree.indent(clone, space="  ")
    return etree.tostring(clone, method="c14n2").decode("utf-8") + "\n"


def copies_of(source: Path, folder: Path, names: list[str]) -> list[Path]:
    """``folder/<name>.docx`` for each name, each a copy of ``source``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / f"{name}.docx"
        path.write_bytes(source.read_bytes())
        paths.append(path)
    return paths
