"""Read what a PDF page says and where (pdfminer.six), and find the ND30 places on it.

Only the text layer is used: the signature block is found from the signer's authority lines
(ND30 ô 7a, caps) and the name below them (ô 7b), with the blank space between them where the
signature goes (ô 7c); the number and date lines from their text (``Số: …/…``, ``…, ngày …``).
No coordinates are set by hand.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from .errors import SignReadError


@dataclass(frozen=True)
class Line:
    """One line of text on a page, in PDF user space (points, origin bottom left)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    font: str
    size: float
    color: tuple[float, ...] = ()

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def bold(self) -> bool:
        return "bold" in self.font.lower()

    @property
    def italic(self) -> bool:
        return "italic" in self.font.lower() or "oblique" in self.font.lower()

    @property
    def caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return bool(letters) and all(not c.islower() for c in letters)


@dataclass(frozen=True)
class PageText:
    index: int
    width: float
    height: float
    lines: tuple[Line, ...]


def _nfc(text: str) -> str:
    return re.sub(r"[ \t]+$", "", unicodedata.normalize("NFC", text).replace("\n", ""))


def page_count(data: bytes) -> int:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        return sum(1 for _ in PDFPage.create_pages(document))
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise SignReadError("sign_pdf_unreadable", reason=f"{type(exc).__name__}: {exc}") from exc


def read_pages(data: bytes, pages: Iterable[int] | None = None) -> list[PageText]:
    """The text lines of ``pages`` (0-based; all when None)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine

    wanted = None if pages is None else set(pages)
    result: list[PageText] = []
    try:
        for number, layout in enumerate(extract_pages(io.BytesIO(data), page_numbers=wanted,
                                                      laparams=LAParams())):
            index = sorted(wanted)[number] if wanted is not None else number
            x0, y0, x1, y1 = layout.bbox
            lines: list[Line] = []
            for element in layout:
                if not isinstance(element, LTTextContainer):
                    continue
                for line in element:
                    if not isinstance(line, LTTextLine):
                        continue
                    text = _nfc(line.get_text())
                    if not text.strip():
                        continue
                    chars = [c for c in line if isinstance(c, LTChar)]
                    font = max((c.fontname for c in chars), key=[c.fontname for c in chars].count) if chars else ""
                    size = max((round(c.size, 1) for c in chars), default=0.0)
                    color = _color(chars[0]) if chars else ()
                    lines.append(Line(index, line.x0, line.y0, line.x1, line.y1, text, font, size, color))
            result.append(PageText(index, x1 - x0, y1 - y0, tuple(lines)))
    except SignReadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise SignReadError("sign_pdf_unreadable", reason=f"{type(exc).__name__}: {exc}") from exc
    return result


def _color(char) -> tuple[float, ...]:
    value = getattr(getattr(char, "graphicstate", None), "ncolor", None)
    if value is None:
        return ()
    if isinstance(value, (int, float)):
        return (float(value),)
    try:
        return tuple(float(v) for v in value)
    except (TypeError, ValueError):
        return ()


# --- the signature block (ND30 ô 7) ------------------------------------------------------------

@dataclass(frozen=True)
class SignatureBlock:
    """Authority lines, the signer's name, and the blank space between them on one page."""

    page: int
    page_width: float
    page_height: float
    authority: tuple[Line, ...]
    name: Line

    @property
    def centre_x(self) -> float:
        return sum(line.cx for line in self.authority) / len(self.authority)

    @property
    def space_top(self) -> float:
        return min(line.y0 for line in self.authority)

    @property
    def space_bottom(self) -> float:
        return self.name.y1

    @property
    def column(self) -> tuple[float, float]:
        lines = (*self.authority, self.name)
        return min(line.x0 for line in lines), max(line.x1 for line in lines)

    def image_box(self, width_px: int, height_px: int, *, pad: float = 3.0,
                  max_width: float | None = None) -> tuple[float, float, float, float]:
        """The largest box of the image's aspect ratio centred in the signature space."""
        space_h = max(self.space_top - self.space_bottom - 2 * pad, 10.0)
        left, right = self.column
        limit_w = max_width or max(right - left + 40.0, 3 * space_h)
        scale = min(space_h / height_px, limit_w / width_px)
        w, h = width_px * scale, height_px * scale
        cy = (self.space_top + self.space_bottom) / 2
        return (self.centre_x - w / 2, cy - h / 2, self.centre_x + w / 2, cy + h / 2)


def _right_column(page: PageText) -> list[Line]:
    lines = [line for line in page.lines
             if line.x0 >= page.width * 0.4 and line.cx >= page.width * 0.55]
    return sorted(lines, key=lambda line: -line.y1)


def blocks_on(page: PageText) -> list[SignatureBlock]:
    """Every caps-lines / blank space / name pattern in the right half of ``page``, top to bottom."""
    column = _right_column(page)
    found: list[SignatureBlock] = []
    i = 0
    while i < len(column):
        if not column[i].caps:
            i += 1
            continue
        group = [column[i]]
        j = i + 1
        while j < len(column) and column[j].caps and group[-1].y0 - column[j].y1 < 0.8 * group[-1].height:
            group.append(column[j])
            j += 1
        if j < len(column):
            candidate = column[j]
            gap = group[-1].y0 - candidate.y1
            aligned = abs(candidate.cx - sum(g.cx for g in group) / len(group)) < 0.25 * page.width
            if not candidate.caps and gap >= 2 * group[-1].height and aligned:
                found.append(SignatureBlock(page.index, page.width, page.height, tuple(group), candidate))
        i = j
    return found


def find_signature_block(pages: list[PageText], name: str | None = None) -> SignatureBlock | None:
    """The signer's block: the lowest one on the last page that has one (or the one named)."""
    wanted = _key(name) if name else None
    for page in sorted(pages, key=lambda p: -p.index):
        blocks = blocks_on(page)
        if wanted is not None:
            blocks = [b for b in blocks if _key(b.name.text) == wanted]
        if blocks:
            return blocks[-1]
    return None


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


# --- number and date lines (ND30 ô 3 and 4) ----------------------------------------------------

NUMBER_RE = re.compile(r"^Số:\s*(?P<so>\d*)\s*/\s*(?P<ky_hieu>\S+)\s*$")
DATE_RE = re.compile(
    r"^(?P<place>\S.*?),\s*ngày\s*(?P<d>\d{0,2})\s*tháng\s*(?P<m>\d{0,2})\s*năm\s*(?P<y>\d{0,4})\s*$")


@dataclass(frozen=True)
class HeaderLines:
    number: Line | None
    date: Line | None

    @property
    def ky_hieu(self) -> str | None:
        match = NUMBER_RE.match(self.number.text) if self.number else None
        return match.group("ky_hieu") if match else None

    @property
    def number_blank(self) -> bool:
        match = NUMBER_RE.match(self.number.text) if self.number else None
        return bool(match) and not match.group("so")

    @property
    def place(self) -> str | None:
        match = DATE_RE.match(self.date.text) if self.date else None
        return match.group("place") if match else None

    @property
    def date_blank(self) -> bool:
        match = DATE_RE.match(self.date.text) if self.date else None
        return bool(match) and not match.group("d") and not match.group("m")


def find_header_lines(page: PageText) -> HeaderLines:
    number = next((line for line in page.lines if NUMBER_RE.match(line.text)), None)
    date = next((line for line in page.lines if DATE_RE.match(line.text)), None)
    return HeaderLines(number, date)


def text_area_top_right(page: PageText) -> tuple[float, float]:
    """(right edge of the text, top of the highest line) on ``page``: where ô 14 goes above."""
    lines = [line for line in page.lines if line.x1 <= page.width and line.y1 <= page.height]
    if not lines:
        return page.width - 56.7, page.height - 56.7
    return max(line.x1 for line in lines), max(line.y1 for line in lines)
