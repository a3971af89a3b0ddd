"""Read laid-out pages back: a .docx's headings, signatures and Nơi nhận lines (from its XML), and
a PDF's pages as lines of text (``pdftotext -layout``) and as positioned words (``-bbox``).

Used by ``test_pages.py`` to check how LibreOffice breaks the pages and lines of the documents.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator import layout as L
from generator.render import paragraph_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_XHTML = "{http://www.w3.org/1999/xhtml}"


def squash(text: str) -> str:
    """NFC, every run of whitespace (line breaks included) one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True)
class Signature:
    authority: tuple[str, ...]  # the authority lines, in order
    name: str


@dataclass(frozen=True)
class DocxFacts:
    headings: tuple[tuple[str, str], ...]  # (style id, text) of each centred heading
    signatures: tuple[Signature, ...]
    dash_items: tuple[str, ...]  # the "- …" lines of Nơi nhận and of a Kính gửi list


def docx_facts(path: Path) -> DocxFacts:
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    headings, signatures, dash_items, authority = [], [], [], []
    for p in root.iter(f"{_W}p"):
        style = p.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(f"{_W}val") if style is not None else ""
        text = paragraph_text(p)
        if style_id in L.BALANCED_HEADINGS and text.strip():
            headings.append((style_id, text))
        elif style_id == "VBQuyenHanKy":
            authority.append(squash(text))
        elif style_id == "VBHoTenKy":
            signatures.append(Signature(tuple(authority), squash(text)))
            authority = []
        elif style_id in ("VBNoiNhanMuc", "VBKinhGuiMuc") and text.strip():
            dash_items.append(squash(text))
    return DocxFacts(tuple(headings), tuple(signatures), tuple(dash_items))


def page_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines as ``pdftotext -layout`` lays them out (NFC)."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[unicodedata.normalize("NFC", line) for line in page.split("\n")] for page in pages]


@dataclass(frozen=True)
class Word:
    text: str
    x: float
    y: float


def page_words(pdf: Path) -> list[list[Word]]:
    """Each page's words with their left edge and top (pt), as ``pdftotext -bbox`` gives them."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True, huge_tree=True))
    pages = []
    for page in root.iter(f"{_XHTML}page", "page"):
        words = [Word(unicodedata.normalize("NFC", w.text or ""), float(w.get("xMin")), float(w.get("yMin")))
                 for w in page.iter(f"{_XHTML}word", "word")]
        pages.append(words)
    return pages


def columns(line: str) -> list[str]:
    """The pieces of a laid-out line that stand apart (three or more spaces between them)."""
    return [piece for piece in re.split(r"\s{3,}", line.strip()) if piece]


def heading_lines(pages: list[list[str]], text: str) -> list[str] | None:
    """The laid-out lines a heading was set in: consecutive lines, one piece of each, that put
    together give the heading's words (None when it cannot be found)."""
    target = squash(text)
    for page in pages:
        for start in range(len(page)):
            for piece in columns(page[start]):
                piece = squash(piece)
                if not target.startswith(piece):
                    continue
                found, so_far, index = [piece], piece, start + 1
                while so_far != target and index < len(page):
                    nxt = next((squash(c) for c in columns(page[index])
                                if target.startswith(f"{so_far} {squash(c)}")), None)
                    if nxt is None:
                        break
                    found.append(nxt)
                    so_far = f"{so_far} {nxt}"
                    index += 1
                if so_far == target:
                    return found
    return None


_PAGE_NUMBER = re.compile(r"^\s*\d+\s*$")


def lines_above_signature(pages: list[list[str]], signature: Signature, first_page: int) -> tuple[int, list[str]]:
    """(page index, the non-blank lines above the signature's first authority line) for the first
    signature block from ``first_page`` on: the signer's name with its authority line a few lines
    above it (the name may also stand in the body, "Chủ trì: Nguyễn Văn An"). The page number at
    the top of the page is left out."""
    first = signature.authority[0] if signature.authority else signature.name
    for index in range(first_page, len(pages)):
        page = pages[index]
        for name_at, line in enumerate(page):
            if signature.name not in squash(line):
                continue
            top = next((i for i in range(name_at, max(name_at - _BLOCK_LINES, -1), -1) if first in squash(page[i])),
                       None)
            if top is None:
                continue
            above = [text for text in page[:top] if text.strip()]
            if above and _PAGE_NUMBER.match(above[0]):
                above = above[1:]
            return index, above
    raise AssertionError(f"signature of {signature.name!r} not found from page {first_page + 1}")


# Lines from the authority line down to the name: a few authority lines, the signature space.
_BLOCK_LINES = 16


def _lines_of(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines (same top, within 2 pt), each line left to right, top to bottom."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.y), w.x)):
        if lines and abs(lines[-1][0].y - word.y) <= 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x) for line in lines]


def _left_run(line: list[Word], gap: float = 24) -> list[Word]:
    """The first words of a line up to a wide gap (the start of the next column)."""
    run = line[:1]
    for word in line[1:]:
        if word.x - run[-1].x > gap + 12 * len(run[-1].text):  # generous: a word is < 12 pt a letter
            break
        run.append(word)
    return run


@dataclass(frozen=True)
class Wrapped:
    item: str
    dash_x: float
    continuation_x: float


def wrapped_items(pages: list[list[Word]], items: tuple[str, ...]) -> list[Wrapped]:
    """Each ``- …`` line (Nơi nhận, Kính gửi) that LibreOffice wrapped: where its dash and its
    second line start."""
    result = []
    for words in pages:
        lines = _lines_of(words)
        for index, line in enumerate(lines[:-1]):
            if line[0].text not in ("-", "–"):
                continue
            first = [w.text for w in _left_run(line)]
            for item in items:
                expected = item.split()
                if expected[: len(first)] != first or len(expected) <= len(first):
                    continue
                following = [w for w in lines[index + 1] if abs(w.x - line[0].x) < 60]
                if following and following[0].text == expected[len(first)]:
                    result.append(Wrapped(item, line[0].x, following[0].x))
    return result
