"""Writing .docx packages: reproducible zip bytes and atomic, no-clobber file writes.

Imports nothing else from the package but ``errors``.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from .errors import OutputError

# A fixed timestamp for every zip member: the same input gives the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps and attributes, keeping member order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            member.create_system = 3
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def atomic_write(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Without ``force`` an existing file is never replaced. A crash leaves either the old file or
    the new one, never half of one.
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputError("output_exists", path=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
        if not force and path.exists():
            raise OutputError("output_exists", path=str(path))
        os.replace(tmp, path)
    except OutputError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError("output_unwritable", path=str(path), reason=exc.strerror or str(exc)) from exc
