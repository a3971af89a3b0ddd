"""PDF export through headless LibreOffice.

All files go to ONE ``soffice`` start (LibreOffice's start-up dominates the cost), with an
isolated, throw-away user profile so that a running desktop LibreOffice or a broken profile does
not interfere, and a timeout. The export filter asks for PDF 1.5 (``SelectPdfVersion`` 15), or
for PDF/A-2b (``SelectPdfVersion`` 2) with ``pdfa=True``; fonts are embedded either way
(LibreOffice always embeds, subsetting them). Where Times New Roman is not installed,
LibreOffice substitutes the metric-compatible Liberation Serif (fonts-liberation).

The input is checked the way ``vanban lint`` checks it before LibreOffice sees it: it must be a
.docx that the lint's bounded zip reader opens (no zip bomb, no DOCTYPE, ``word/document.xml``
present), no larger than :data:`MAX_INPUT_BYTES`, and every zip entry must inflate within
:data:`MAX_INFLATED_BYTES` in total. LibreOffice works in a private temporary folder (copies of
the inputs, its profile, its output): lock and temporary files go with it whatever happens. Its
processes run in their own process group, killed on timeout and when ``vanban`` itself gets
SIGTERM, SIGINT or SIGHUP. A PDF is moved to its place only when all of them are done, and an
existing PDF is replaced only with ``force``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import OutputError, PdfError
from .packaging import atomic_write

# LibreOffice 7.4 accepts filter options as JSON after the filter name.
PDF_VERSION_15 = "15"  # PDF 1.5
PDF_A_2B = "2"  # PDF/A-2b (1 = PDF/A-1b, 3 = PDF/A-3b, 0 = PDF 1.7)


def filter_options(pdfa: bool = False) -> dict:
    return {
        "SelectPdfVersion": {"type": "long", "value": PDF_A_2B if pdfa else PDF_VERSION_15},
        "UseTaggedPDF": {"type": "boolean", "value": "true"},
        "ExportBookmarks": {"type": "boolean", "value": "false"},
    }


def pdf_filter(pdfa: bool = False) -> str:
    return "pdf:writer_pdf_Export:" + json.dumps(filter_options(pdfa), separators=(",", ":"))


PDF_FILTER_OPTIONS = filter_options(False)
PDF_FILTER = pdf_filter(False)
SOFFICE_NAMES = ("soffice", "libreoffice")

MAX_INPUT_BYTES = 100 * 1024 * 1024  # an official document with scanned annexes stays well below
MAX_INFLATED_BYTES = 512 * 1024 * 1024  # all zip entries together, counted while inflating
_CHUNK = 256 * 1024


def find_soffice() -> str | None:
    """The LibreOffice executable (``VANBAN_SOFFICE`` overrides the search)."""
    override = os.environ.get("VANBAN_SOFFICE")
    if override:
        return override if Path(override).exists() or shutil.which(override) else None
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_soffice() -> str:
    """The LibreOffice executable, or ``PdfError('libreoffice_missing')`` (call before writing)."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError("libreoffice_missing")
    return soffice


def check_input(path: Path) -> None:
    """Refuse what LibreOffice should not be given: not a .docx, too large, a zip bomb, hostile XML.

    Raises :class:`PdfError` (exit 8) carrying the lint's message code and parameters.
    """
    from .lint.package import LintReadError, open_package

    path = Path(path)
    if not path.exists():
        raise PdfError("file_not_found", path=str(path))
    if path.is_dir():
        raise PdfError("file_is_directory", path=str(path))
    if path.suffix.lower() != ".docx":
        raise PdfError("pdf_not_docx", path=str(path))
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise PdfError("lint_file_too_large", path=str(path), size=size, limit=MAX_INPUT_BYTES)
    try:
        open_package(path)
    except LintReadError as exc:
        raise PdfError(exc.code, **exc.params) from exc
    _check_inflated_size(path)


def _check_inflated_size(path: Path) -> None:
    """Inflate every entry (headers can lie), stopping as soon as the total passes the limit."""
    total = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.file_size > MAX_INFLATED_BYTES:
                    raise PdfError("lint_zip_bomb", path=str(path), limit=MAX_INFLATED_BYTES)
                with archive.open(info) as stream:
                    while chunk := stream.read(_CHUNK):
                        total += len(chunk)
                        if total > MAX_INFLATED_BYTES:
                            raise PdfError("lint_zip_bomb", path=str(path), limit=MAX_INFLATED_BYTES)
    except PdfError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
            ValueError) as exc:
        raise PdfError("lint_not_docx", path=str(path), reason=str(exc) or type(exc).__name__) from exc


def pdf_targets(paths: list[Path], outdir: Path | None) -> list[Path]:
    """Where each input's PDF goes: ``outdir`` or beside the input, same stem."""
    return [Path(outdir or Path(p).parent) / (Path(p).stem + ".pdf") for p in paths]


def convert_to_pdf(paths: list[Path], outdir: Path | None = None, *, timeout: float = 300,
                   pdfa: bool = False, force: bool = False) -> list[Path]:
    """Convert ``paths`` (.docx) to PDF with one LibreOffice start; the PDF paths.

    The PDFs go to ``outdir`` (or beside each input when ``outdir`` is None). All inputs are
    checked and all targets are free (or ``force``) before LibreOffice starts; nothing is
    written unless every file converted.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        return []
    soffice = require_soffice()
    for path in paths:
        check_input(path)
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise PdfError("pdf_failed", paths=", ".join(str(p) for p in paths),
                       reason="two input files have the same name")
    targets = pdf_targets(paths, outdir)
    if not force:
        for target in targets:
            if target.exists():
                raise OutputError("output_exists", path=str(target))
    with tempfile.TemporaryDirectory(prefix="vanban-lo-") as work:
        work_dir = Path(work)
        inputs, out_dir, profile = work_dir / "in", work_dir / "out", work_dir / "profile"
        for folder in (inputs, out_dir, profile):
            folder.mkdir()
        copies = []
        for path in paths:  # LibreOffice puts its lock file beside the document it opens
            copy = inputs / (path.stem + ".docx")
            shutil.copyfile(path, copy)
            copies.append(copy)
        command = [
            soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
            "--nologo", "--nodefault", "--nolockcheck", "--norestore",
            "--convert-to", pdf_filter(pdfa), "--outdir", str(out_dir), *[str(p) for p in copies],
        ]
        env = dict(os.environ, HOME=str(profile), TMPDIR=str(work_dir))
        returncode, stderr = _run_group(command, env, timeout, len(paths))
        produced = [out_dir / (p.stem + ".pdf") for p in paths]
        missing = [str(p) for p, out in zip(paths, produced) if not out.is_file() or out.stat().st_size == 0]
        if missing or returncode != 0:
            reason = (stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {returncode}"])[-1]
            raise PdfError("pdf_failed", paths=", ".join(missing) or "?", reason=reason)
        if pdfa:
            for source, out in zip(paths, produced):
                if not is_pdfa_2b(out.read_bytes()):
                    raise PdfError("pdfa_not_produced", path=str(source))
        for out, target in zip(produced, targets):
            atomic_write(target, out.read_bytes(), force=force)
    return targets


_PDFAID_PART = re.compile(rb'pdfaid:part(?:>\s*|\s*=\s*["\'])(\d)')
_PDFAID_CONFORMANCE = re.compile(rb'pdfaid:conformance(?:>\s*|\s*=\s*["\'])([A-Za-z])')


def is_pdfa_2b(data: bytes) -> bool:
    """A quick look for the PDF/A-2b identification in the XMP (full checks: ``sign.pdfa``)."""
    part, conformance = _PDFAID_PART.search(data), _PDFAID_CONFORMANCE.search(data)
    return bool(part and conformance and part.group(1) == b"2" and conformance.group(1).upper() == b"B")


class _Interrupted(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _stop_group_on_signals() -> Iterator[None]:
    """While LibreOffice runs, SIGTERM/SIGINT/SIGHUP of ``vanban`` raise ``_Interrupted``."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):  # noqa: ARG001
        raise _Interrupted(signum)

    previous = {}
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        try:
            previous[signum] = signal.signal(signum, handler)
        except (ValueError, OSError):
            pass
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _run_group(command: list[str], env: dict, timeout: float, count: int) -> tuple[int, bytes]:
    """Run LibreOffice in its own process group; kill the group on timeout or on our signals."""
    with _stop_group_on_signals():
        try:
            proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        except OSError as exc:
            raise PdfError("libreoffice_missing") from exc
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill_group(proc)
            raise PdfError("pdf_timeout", timeout=timeout, count=count) from exc
        except _Interrupted as exc:
            _kill_group(proc)
            raise PdfError("pdf_interrupted", signal=signal.Signals(exc.signum).name) from None
        except BaseException:
            _kill_group(proc)
            raise
        finally:
            _kill_group(proc, only_leftovers=True)
    return proc.returncode, stderr


def _kill_group(proc: subprocess.Popen, only_leftovers: bool = False) -> None:
    """Stop the soffice we started and its children (its own process group).

    With ``only_leftovers`` the leader has exited already: kill what it left in the group (a
    ``soffice.bin`` that outlived its launcher).
    """
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        if not only_leftovers and proc.poll() is None:
            proc.kill()
    if proc.poll() is None:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
