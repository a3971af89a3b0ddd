"""What a signature looks like on the page (ND30 Phụ lục I, ô 7c, 8 and 14), as PDF appearances.

- the signer's image (blue, PNG with transparency) and the seal image (red, actual size) are
  drawn as one image XObject each, with its soft mask for the transparency (allowed in PDF/A-2);
- the line on a separate attachment (ô 14) and the filled number and date lines are text in an
  embedded subset of Times New Roman (or Liberation Serif), so the file stays PDF/A.

Images are checked before use: PNG, an alpha channel, the right colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.content import AppearanceContent, ResourceType
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.images import pil_image

from .errors import SignError
from .fonts import font_engine

MM = 72 / 25.4


def load_png(path: Path) -> Image.Image:
    """A PNG with an alpha channel, as RGBA; anything else is a SignError naming the file."""
    path = Path(path)
    try:
        with Image.open(path) as opened:
            kind = opened.format
            image = opened.convert("RGBA") if opened.mode != "RGBA" else opened.copy()
            has_alpha = opened.mode in ("RGBA", "LA", "PA") or "transparency" in opened.info
            image.info.update(opened.info)
    except FileNotFoundError as exc:
        raise SignError("file_not_found", path=str(path)) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise SignError("sign_image_unreadable", path=str(path), reason=str(exc)) from exc
    if kind != "PNG":
        raise SignError("sign_image_not_png", path=str(path), format=kind or "?")
    if not has_alpha or image.getchannel("A").getextrema()[0] == 255:
        raise SignError("sign_image_not_transparent", path=str(path))
    return image


def ink_colour(image: Image.Image) -> tuple[int, int, int] | None:
    """The mean colour of the clearly visible pixels (alpha > 50 %), or None if there are none."""
    rgba = image.convert("RGBA")
    if rgba.width * rgba.height > 250_000:
        rgba = rgba.resize((max(1, rgba.width // 4), max(1, rgba.height // 4)), Image.NEAREST)
    alpha = rgba.getchannel("A").point(lambda a: 255 if a > 128 else 0)
    count = alpha.histogram()[255]
    if not count:
        return None
    bands = [sum(i * n for i, n in enumerate(band.histogram(mask=alpha))) / count for band in rgba.split()[:3]]
    return tuple(round(b) for b in bands)  # type: ignore[return-value]


def is_blue(colour: tuple[int, int, int] | None) -> bool:
    if colour is None:
        return False
    r, g, b = colour
    return b >= 80 and b > r + 40 and b > g + 20


def is_red(colour: tuple[int, int, int] | None) -> bool:
    if colour is None:
        return False
    r, g, b = colour
    return r >= 120 and r > g + 60 and r > b + 60


def physical_size(image: Image.Image, width_mm: float | None = None) -> tuple[float, float] | None:
    """The image's printed size in points: from ``width_mm`` if given, else from its DPI."""
    if width_mm:
        width = width_mm * MM
        return width, width * image.height / image.width
    dpi = image.info.get("dpi")
    if not dpi:
        return None
    try:
        dx, dy = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError, IndexError):
        return None
    if dx < 30 or dy < 30:  # "72 dpi" written by tools that know nothing better is still a size
        return None
    return image.width / dx * 72, image.height / dy * 72


class ImageAppearance(AppearanceContent):
    """One image in the widget box: filling it, or at ``size`` aligned right and centred."""

    def __init__(self, writer, box: layout.BoxConstraints, image: Image.Image,
                 size: tuple[float, float] | None = None, align: str = "fill") -> None:
        super().__init__(writer=writer, box=box)
        self.image, self.size, self.align = image, size, align

    def render(self) -> bytes:
        ref = pil_image(self.image, self.writer)
        self.set_resource(ResourceType.XOBJECT, pdf_name("/Im0"), ref)
        if self.size is None or self.align == "fill":
            w, h, x, y = self.box.width, self.box.height, 0.0, 0.0
        else:
            w, h = self.size
            x = self.box.width - w if self.align == "right" else (self.box.width - w) / 2
            y = (self.box.height - h) / 2
        return b"q %g 0 0 %g %g %g cm /Im0 Do Q" % (round(w, 4), round(h, 4), round(x, 4), round(y, 4))


@dataclass(frozen=True)
class ImageStyle:
    """A pyHanko stamp style that draws one image (the signer's signature or the seal)."""

    image: Image.Image
    size: tuple[float, float] | None = None
    align: str = "fill"

    def create_stamp(self, writer, box, text_params) -> ImageAppearance:  # noqa: ARG002
        return ImageAppearance(writer, box, self.image, self.size, self.align)


def text_width(text: str, font: Path, size: float) -> float:
    """The advance width of ``text`` in points (shaped with HarfBuzz, as it will be drawn)."""
    from pyhanko.pdf_utils.writer import PdfFileWriter

    return font_engine(PdfFileWriter(), font, size).shape(text).x_advance * size


class TextAppearance(AppearanceContent):
    """Black text on one line, optionally over a white rectangle that hides what was below.

    ``x``/``baseline`` place the text inside the box; ``align`` is ``left``, ``centre`` (x is
    the centre) or ``right`` (x is the right end).
    """

    def __init__(self, writer, box: layout.BoxConstraints, text: str, font: Path, size: float, *,
                 x: float, baseline: float, align: str = "left",
                 cover: tuple[float, float, float, float] | None = None) -> None:
        super().__init__(writer=writer, box=box)
        self.text, self.font, self.size = text, font, size
        self.x, self.baseline, self.align, self.cover = x, baseline, align, cover

    def render(self) -> bytes:
        engine = font_engine(self.writer, self.font, self.size)
        shaped = engine.shape(self.text)
        width = shaped.x_advance * self.size
        self.set_resource(ResourceType.FONT, pdf_name("/F1"), engine.as_resource())
        x = {"left": self.x, "centre": self.x - width / 2, "right": self.x - width}[self.align]
        parts = []
        if self.cover is not None:
            x0, y0, x1, y1 = self.cover
            parts.append(b"q 1 1 1 rg %g %g %g %g re f Q" % (x0, y0, x1 - x0, y1 - y0))
        parts.append(b"q 0 g BT /F1 %g Tf %g %g Td %s ET Q" % (self.size, x, self.baseline, shaped.graphics_ops))
        return b" ".join(parts)


@dataclass(frozen=True)
class TextLineStyle:
    """A pyHanko stamp style for the attachment line (ô 14): 10 pt, black, right-aligned."""

    text: str
    font: Path
    size: float = 10.0

    def create_stamp(self, writer, box, text_params) -> TextAppearance:  # noqa: ARG002
        baseline = (box.height - self.size * 0.9) / 2 + self.size * 0.22
        return TextAppearance(writer, box, self.text, self.font, self.size, x=box.width, baseline=baseline,
                              align="right")


def empty_appearance(writer, width: float, height: float) -> generic.IndirectObject:
    """An empty form XObject: every widget needs a normal appearance in PDF/A."""
    stream = generic.StreamObject({
        pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
        pdf_name("/BBox"): generic.ArrayObject([generic.FloatObject(0), generic.FloatObject(0),
                                                generic.FloatObject(round(width, 3)),
                                                generic.FloatObject(round(height, 3))]),
        pdf_name("/Resources"): generic.DictionaryObject(),
    }, stream_data=b"")
    return writer.add_object(stream)
