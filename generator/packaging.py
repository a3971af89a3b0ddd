"""Writing .docx packages: reproducible zip bytes and atomic, no-clobber file writes.

Imports nothing else from the package but ``errors``.
"""

from __future__ import annotations

import os
import struct
import tempfile
import zlib
from functools import lru_cache
from pathlib import Path

from .errors import OutputError

# A fixed timestamp for every zip member: the same input gives the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


_DOS_TIME = 0  # 00:00:00
_DOS_DATE = (ZIP_DATE[0] - 1980) << 9 | ZIP_DATE[1] << 5 | ZIP_DATE[2]


@lru_cache(maxsize=256)
def _member(name: str, data: bytes) -> tuple[bytes, bytes, bytes]:
    """A member's local header with its deflated data, and its central directory entry split
    where its offset goes (cached: the parts a batch repeats are packed once)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = compressor.compress(data) + compressor.flush()
    crc = zlib.crc32(data) & 0xFFFFFFFF
    encoded = name.encode("utf-8")
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x0800, 8, _DOS_TIME, _DOS_DATE,
                        crc, len(packed), len(data), len(encoded), 0) + encoded + packed
    central = struct.pack("<4s6H3L5H", b"PK\x01\x02", (3 << 8) | 20, 20, 0x0800, 8, _DOS_TIME,
                          _DOS_DATE, crc, len(packed), len(data), len(encoded), 0, 0, 0, 0)
    return local, central + struct.pack("<L", 0o644 << 16), encoded


def write_zip(members) -> bytes:
    """A zip of ``(name, data)`` members, deflated, with fixed timestamps (a .docx package).

    Written directly in the ZIP format (local headers, data, central directory) so that the parts
    a batch repeats for every document are compressed once; ``zipfile`` reads the result.
    """
    chunks, central, offset = [], [], 0
    for name, data in members:
        local, entry, encoded = _member(name, bytes(data))
        chunks.append(local)
        central.append(entry + struct.pack("<L", offset) + encoded)
        offset += len(local)
    size = sum(len(entry) for entry in central)
    chunks.extend(central)
    chunks.append(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), size, offset, 0))
    return b"".join(chunks)


def exists(path: Path) -> bool:
    """Whether anything is at ``path``: a file, a folder, or a symbolic link even if dangling
    (``Path.exists`` follows the link and says no; replacing it would still destroy the link)."""
    return os.path.lexists(path)


def temp_prefix(path: Path) -> str:
    """``.name.`` for the temporary file beside ``path``, short enough that the temporary name
    stays within the 255 bytes a file name may have even when ``path``'s own name nearly does."""
    name = path.name
    while len(name.encode("utf-8", "surrogateescape")) > 120:
        name = name[:-1]
    return f".{name}."


def atomic_write(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Without ``force`` an existing file is never replaced. A crash leaves either the old file or
    the new one, never half of one.
    """
    path = Path(path)
    if exists(path) and not force:
        raise OutputError("output_exists", path=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError("output_unwritable", path=str(path), reason=exc.strerror or str(exc)) from exc
    tmp = Path(tmp_name)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and exists(path):
            raise OutputError("output_exists", path=str(path))
        os.replace(tmp, path)
    except OutputError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError("output_unwritable", path=str(path), reason=exc.strerror or str(exc)) from exc
