"""Preview: the pages as they will print, or a plain HTML preview without LibreOffice.

The .docx is converted by the same LibreOffice export as ``vanban pdf`` (:func:`generator.pdf.
convert_to_pdf`), then ``pdftoppm`` draws each page as a PNG. The conversion goes to one warm
LibreOffice kept for the whole process (:func:`warm_converter`: started on the first preview,
stopped by :func:`shutdown` — the app's lifespan calls it — or at exit), so that an edit is not
paid with a LibreOffice start. Results are kept in memory by the
SHA-256 of the .docx bytes, so an unchanged document is never converted twice; nothing is written
into the working folder. Where LibreOffice or pdftoppm is missing the preview is the document's
text as HTML (every run of text escaped), built from ``word/document.xml``.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import io
import re
import shutil
import struct
import subprocess
import tempfile
import threading
import zipfile
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from ..pdf_warm import WarmConverter

PREVIEW_DPI = 60
_PPM_HEADER = re.compile(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s")
CACHE_SIZE = 24  # documents
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Preview:
    digest: str
    pages: tuple[bytes, ...] = ()  # PNG, one per page
    html: str = ""  # the plain preview when there are no page images
    pdf: bytes = b""


class PreviewCache:
    """Previews by content hash (least recently used dropped first); one conversion at a time."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[str, Preview] = OrderedDict()
        self._lock = threading.Lock()
        self._convert = threading.Lock()
        self.conversions = 0

    def get(self, digest: str) -> Preview | None:
        with self._lock:
            item = self._items.get(digest)
            if item is not None:
                self._items.move_to_end(digest)
            return item

    def _put(self, item: Preview) -> None:
        with self._lock:
            self._items[item.digest] = item
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def preview(self, docx: bytes, *, pages: bool = True) -> Preview:
        digest = hashlib.sha256(docx).hexdigest()
        cached = self.get(digest)
        if cached is not None and (cached.pages or not pages or not can_draw_pages()):
            return cached
        with self._convert:
            cached = self.get(digest)
            if cached is not None and (cached.pages or not pages or not can_draw_pages()):
                return cached
            if pages and can_draw_pages():
                pdf = docx_to_pdf(docx)
                item = Preview(digest, tuple(pdf_pages(pdf)), "", pdf)
                self.conversions += 1
            else:
                item = Preview(digest, (), plain_html(docx))
            self._put(item)
            return item


def can_draw_pages() -> bool:
    from ..pdf import find_soffice

    return find_soffice() is not None and shutil.which("pdftoppm") is not None


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF ``vanban pdf`` makes of these bytes (through the process's warm LibreOffice)."""
    from ..pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="vanban-preview-") as tmp:
        source = Path(tmp) / "van-ban.docx"
        source.write_bytes(docx)
        (written,) = convert_to_pdf([source], Path(tmp) / "pdf", force=True, converter=warm_converter())
        return written.read_bytes()


_warm: WarmConverter | None = None
_warm_lock = threading.Lock()
_atexit_registered = False


def warm_converter() -> WarmConverter | None:
    """The process-wide warm LibreOffice (one worker), created on first use; None without soffice.

    Its LibreOffice starts on the first conversion and stays up until :func:`shutdown`.
    """
    global _warm, _atexit_registered
    from ..pdf import find_soffice
    from ..pdf_warm import WarmConverter

    with _warm_lock:
        if _warm is None:
            soffice = find_soffice()
            if soffice is None:
                return None
            _warm = WarmConverter(soffice, jobs=1, handle_signals=False)  # uvicorn's Ctrl+C stays uvicorn's
            if not _atexit_registered:
                atexit.register(shutdown)
                _atexit_registered = True
        return _warm


def shutdown() -> None:
    """Stop the warm LibreOffice (if one was started); the next preview starts a new one."""
    global _warm
    with _warm_lock:
        converter, _warm = _warm, None
    if converter is not None:
        converter.close()


def pdf_pages(pdf: bytes, dpi: int = PREVIEW_DPI) -> list[bytes]:
    """Each page as a PNG. pdftoppm draws raw pixels (PPM) and we compress them: its own PNG writer
    takes several times longer than the drawing (1.6 s against 0.2 s for a seven-page plan)."""
    with tempfile.TemporaryDirectory(prefix="vanban-pages-") as tmp:
        source = Path(tmp) / "van-ban.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), str(source), str(Path(tmp) / "page")],
                       check=True, capture_output=True, timeout=120)
        return [png_of_ppm(path.read_bytes()) for path in sorted(Path(tmp).glob("page-*.ppm"), key=_page_number)]


def png_of_ppm(ppm: bytes) -> bytes:
    """A binary 8-bit PPM (P6, as pdftoppm writes it) as an RGB PNG, compressed for speed."""
    header = _PPM_HEADER.match(ppm)
    if header is None or header.group(3) != b"255":
        raise ValueError("not an 8-bit binary PPM")
    width, height = int(header.group(1)), int(header.group(2))
    pixels = ppm[header.end():]  # one whitespace byte ends the header; pixels may look like spaces
    stride = 3 * width
    if len(pixels) < stride * height:
        raise ValueError("a truncated PPM")
    rows = b"".join(b"\x00" + pixels[y * stride:(y + 1) * stride] for y in range(height))  # filter: none

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows, 1))
            + chunk(b"IEND", b""))


def _page_number(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[-1])


def plain_html(docx: bytes) -> str:
    """The document's paragraphs as escaped HTML (centred ones centred, bold ones bold)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"), etree.XMLParser(resolve_entities=False))
    out = ['<div class="plain-page">']
    for paragraph in root.iter(f"{_W}p"):
        words = "".join(node.text or "" for node in paragraph.iter(f"{_W}t"))
        jc = paragraph.find(f"{_W}pPr/{_W}jc")
        align = jc.get(f"{_W}val") if jc is not None else "both"
        bold = paragraph.find(f".//{_W}rPr/{_W}b") is not None
        css = {"center": "c", "right": "r"}.get(align, "j")
        tag = "strong" if bold else "span"
        out.append(f'<p class="{css}"><{tag}>{html.escape(words)}</{tag}></p>')
    out.append("</div>")
    return "\n".join(out)
