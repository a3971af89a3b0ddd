"""Preview pages: pdftoppm's raw pixels (PPM) become PNGs that carry exactly those pixels."""

from __future__ import annotations

import struct
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.web.preview import png_of_ppm


def _decode(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB pixels of a PNG as ``png_of_ppm`` writes it (checks every CRC)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, {}
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        kind, data = png[at + 4:at + 8], png[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        chunks[kind] = data
        at += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, colour, interlace) == (8, 2, 0) and b"IEND" in chunks
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = 3 * width
    rows = [raw[y * (stride + 1):(y + 1) * (stride + 1)] for y in range(height)]
    assert all(row[0] == 0 for row in rows)  # filter type 0 on every row
    return width, height, b"".join(row[1:] for row in rows)


@given(st.integers(1, 24), st.integers(1, 24), st.data())
def test_any_ppm_page_becomes_a_png_with_the_same_pixels(width, height, data):
    # the first pixels may look like whitespace to a careless header parser
    pixels = data.draw(st.binary(min_size=3 * width * height, max_size=3 * width * height))
    ppm = b"P6\n%d %d\n255\n" % (width, height) + pixels
    assert _decode(png_of_ppm(ppm)) == (width, height, pixels)


@pytest.mark.parametrize("bad", [b"P5\n1 1\n255\n\x00", b"P6\n2 2\n255\n\x00", b"P6\n1 1\n65535\n\x00" * 3],
                         ids=["grey", "truncated", "16 bits"])
def test_what_is_not_an_8_bit_ppm_is_refused(bad):
    with pytest.raises(ValueError):
        png_of_ppm(bad)
