"""The font files for what vanban draws on a PDF: Times New Roman, or its metric twin.

ND30 asks for Times New Roman. Where it is not installed (most Linux machines), Liberation Serif
(fonts-liberation) has the same metrics, as in LibreOffice's own substitution. The font is
embedded (subset) by pyHanko, as PDF/A requires.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
from pathlib import Path

from .errors import SignError

# fontTools logs a warning per table it cannot subset (e.g. FFTM); nothing here may print.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "Bold Italic"}
_FILES = {
    "regular": ("Times_New_Roman.ttf", "times.ttf", "LiberationSerif-Regular.ttf"),
    "bold": ("Times_New_Roman_Bold.ttf", "timesbd.ttf", "LiberationSerif-Bold.ttf"),
    "italic": ("Times_New_Roman_Italic.ttf", "timesi.ttf", "LiberationSerif-Italic.ttf"),
    "bolditalic": ("Times_New_Roman_Bold_Italic.ttf", "timesbi.ttf", "LiberationSerif-BoldItalic.ttf"),
}
_FOLDERS = (
    Path("/usr/share/fonts/truetype/msttcorefonts"),
    Path("/usr/share/fonts/truetype/liberation2"),  # Liberation 2.x: every Vietnamese capital
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/liberation-serif"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)


@functools.lru_cache(maxsize=None)
def serif_font(style: str = "regular") -> Path:
    """A TrueType file of Times New Roman (or Liberation Serif) in ``style``."""
    for folder in _FOLDERS:
        for name in _FILES[style]:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    found = _fc_match(f"Times New Roman:style={STYLES[style]}")
    if found is not None:
        return found
    raise SignError("sign_font_missing", font=f"Times New Roman {STYLES[style]}")


def _fc_match(pattern: str) -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True,
                             timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(out) if out else None
    return path if path and path.suffix.lower() in (".ttf", ".otf") and path.is_file() else None


def style_of(font_name: str) -> str:
    """``'CAAAAA+LiberationSerif-BoldItalic'`` → ``'bolditalic'``."""
    name = font_name.lower()
    bold, italic = "bold" in name, "italic" in name or "oblique" in name
    return "bolditalic" if bold and italic else "bold" if bold else "italic" if italic else "regular"


_UPEM = 1000


@functools.lru_cache(maxsize=None)
def font_program(path: Path) -> bytes:
    """The font file at ``path`` with 1000 units per em.

    pyHanko writes glyph widths and TJ adjustments in the font's own units but PDF reads them as
    thousandths of an em, so a 2048-unit TrueType font (Times New Roman, Liberation Serif) would
    be drawn too wide and its /W widths would disagree with the font program (a PDF/A error).
    Scaling the font to 1000 units makes both right. The scaled copy is cached on disk.
    """
    import hashlib
    import io
    import os
    import tempfile

    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    raw = Path(path).read_bytes()
    font = TTFont(io.BytesIO(raw))
    if font["head"].unitsPerEm == _UPEM:
        return raw
    digest = hashlib.sha256(raw).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vanban" / "fonts"
    cached = cache / f"{Path(path).stem}-{digest}-upem{_UPEM}.ttf"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    scale_upem(font, _UPEM)
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    try:
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, cached)
    except OSError:
        pass  # no cache, no harm
    return data


def font_engine(writer, path: Path, size: float):
    """A pyHanko glyph accumulator (embedded subset, ToUnicode) for the font at ``path``."""
    import io

    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

    return GlyphAccumulator(writer=writer, font_handle=io.BytesIO(font_program(path)), font_size=size)
