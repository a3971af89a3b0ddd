"""What each signature widget shows: its images (where, colour, transparency) and its text
(characters, font, size, colour), read with pdfminer from the widget's normal appearance.

The appearance stream is drawn into the widget's /Rect with its /BBox origin moved to the
rectangle's corner (the appearance /Matrix is taken as identity, which is what pyHanko and most
signing tools write).
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field

from PIL import Image

from .appearance import ink_colour
from .errors import SignReadError


@dataclass(frozen=True)
class ImageLook:
    bbox: tuple[float, float, float, float]
    pixels: tuple[int, int]
    transparent: bool
    colour: tuple[int, int, int] | None  # mean colour of the visible pixels; None if unknown


@dataclass(frozen=True)
class CharLook:
    text: str
    font: str
    size: float
    colour: tuple[float, ...]
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class WidgetLook:
    name: str
    page: int
    rect: tuple[float, float, float, float]
    images: list[ImageLook] = field(default_factory=list)
    chars: list[CharLook] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars).strip()


def widget_looks(data: bytes) -> dict[str, WidgetLook]:
    """Field name → what its widget shows, for every named widget annotation of the file."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    looks: dict[str, WidgetLook] = {}
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        manager = PDFResourceManager()
        for index, page in enumerate(PDFPage.create_pages(document)):
            for annot in resolve1(page.annots) or []:
                annot = resolve1(annot)
                if not isinstance(annot, dict) or _name(annot.get("Subtype")) != "Widget":
                    continue
                name = _field_name(annot)
                appearances = resolve1(annot.get("AP"))
                normal = resolve1(appearances.get("N")) if isinstance(appearances, dict) else None
                rect = [float(resolve1(v)) for v in resolve1(annot.get("Rect") or [0, 0, 0, 0])]
                rect_t = (min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3]))
                look = WidgetLook(name, index, rect_t)
                if normal is not None and hasattr(normal, "attrs"):
                    bbox = [float(resolve1(v)) for v in resolve1(normal.attrs.get("BBox") or [0, 0, 0, 0])]
                    device = PDFPageAggregator(manager, laparams=None)
                    interpreter = PDFPageInterpreter(manager, device)
                    device.begin_page(page, (1, 0, 0, 1, 0, 0))
                    ctm = (1, 0, 0, 1, rect_t[0] - min(bbox[0], bbox[2]), rect_t[1] - min(bbox[1], bbox[3]))
                    interpreter.render_contents(resolve1(normal.attrs.get("Resources")) or {}, [normal], ctm=ctm)
                    device.end_page(page)
                    _collect(device.get_result(), look)
                if name:
                    looks[name] = look
    except SignReadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise SignReadError("sign_pdf_unreadable", reason=f"{type(exc).__name__}: {exc}") from exc
    return looks


def _name(value) -> str:
    text = getattr(value, "name", value)
    if isinstance(text, bytes):
        text = text.decode("latin-1")
    return str(text or "").lstrip("/")


def _field_name(annot: dict) -> str:
    from pdfminer.pdftypes import resolve1

    parts = []
    node = annot
    for _ in range(32):
        title = resolve1(node.get("T"))
        if title is not None:
            parts.append(_decode(title))
        parent = resolve1(node.get("Parent"))
        if not isinstance(parent, dict):
            break
        node = parent
    return ".".join(reversed(parts))


def _decode(value) -> str:
    if isinstance(value, bytes):
        if value.startswith(b"\xfe\xff"):
            return value[2:].decode("utf-16-be", "replace")
        return value.decode("latin-1")
    return str(value)


def _collect(container, look: WidgetLook) -> None:
    from pdfminer.layout import LTChar, LTImage

    for item in container:
        if isinstance(item, LTImage):
            look.images.append(_image_look(item))
        elif isinstance(item, LTChar):
            colour = item.graphicstate.ncolor
            if isinstance(colour, (int, float)):
                colour = (float(colour),)
            look.chars.append(CharLook(item.get_text(), item.fontname, round(item.size, 2),
                                       tuple(float(c) for c in (colour or ())), *item.bbox))
        elif hasattr(item, "__iter__"):
            _collect(item, look)


def _image_look(item) -> ImageLook:
    from pdfminer.pdftypes import resolve1

    stream = item.stream
    width, height = (int(v) for v in item.srcsize)
    smask = resolve1(stream.attrs.get("SMask"))
    image = _pixels(stream, width, height)
    transparent = smask is not None
    colour = None
    if image is not None:
        if smask is not None:
            alpha = _pixels(smask, width, height, gray=True)
            if alpha is not None and alpha.size == image.size:
                image = image.convert("RGB")
                image.putalpha(alpha)
        colour = ink_colour(image)
    return ImageLook(tuple(item.bbox), (width, height), transparent, colour)


def _pixels(stream, width: int, height: int, gray: bool = False) -> Image.Image | None:
    """Decode an image XObject's samples (Flate 8-bit RGB/Gray, or DCT); None if unsupported."""
    from pdfminer.pdftypes import resolve1

    filters = resolve1(stream.attrs.get("Filter"))
    filters = [_name(f) for f in (filters if isinstance(filters, list) else [filters] if filters else [])]
    try:
        data = stream.get_data()  # pdfminer undoes Flate (and its predictors); DCT stays JPEG
        if filters and filters[-1] in ("DCTDecode", "DCT"):
            return Image.open(io.BytesIO(data)).convert("L" if gray else "RGB")
        if int(resolve1(stream.attrs.get("BitsPerComponent", 8))) != 8:
            return None
        space = _name(resolve1(stream.attrs.get("ColorSpace")))
        mode = "L" if gray or space == "DeviceGray" else "RGB" if space == "DeviceRGB" else None
        if mode is None or len(data) < width * height * len(mode):
            return None
        return Image.frombytes(mode, (width, height), data[: width * height * len(mode)])
    except (OSError, ValueError, zlib.error):
        return None
