"""PDF export through headless LibreOffice.

LibreOffice's start-up dominates the cost, so each worker starts it once: a warm LibreOffice
driven through UNO that converts document after document (:mod:`generator.pdf_warm`) where the
system's Python has ``uno``, else one ``soffice --convert-to`` start per chunk of documents
(:class:`_Pool`). Each has an isolated, throw-away user profile so that a running desktop
LibreOffice or a broken profile does not interfere, and a timeout per document. The export filter asks for PDF 1.5 (``SelectPdfVersion`` 15), or
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
import time
import zipfile
import zlib
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OutputError, PdfError
from .packaging import atomic_write
from .pdf_process import RETRIES
from .pdf_process import Document as _Document
from .pdf_process import Interrupted as _Interrupted
from .pdf_process import kill_group as _kill_group
from .pdf_process import last_line as _last_line
from .pdf_process import remove_file as _remove
from .pdf_process import stop_group_on_signals as _stop_group_on_signals

if TYPE_CHECKING:
    from .pdf_warm import WarmConverter

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
                   pdfa: bool = False, force: bool = False, jobs: int = 1,
                   converter: WarmConverter | None = None) -> list[Path]:
    """Convert ``paths`` (.docx) to PDF with ``jobs`` LibreOffice workers; the PDF paths.

    The PDFs go to ``outdir`` (or beside each input when ``outdir`` is None). All inputs are
    checked and all targets are free (or ``force``) before LibreOffice starts; nothing is
    written unless every file converted. ``timeout`` is per document: a worker that makes no
    progress for that long is killed. The workers are warm ones driven through UNO
    (:mod:`generator.pdf_warm`; ``converter`` lends ones that outlive this call) where the
    system's Python has ``uno``, else cold ``soffice --convert-to`` starts (:class:`_Pool`).
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
        inputs = work_dir / "in"
        inputs.mkdir()
        documents = []
        for index, path in enumerate(paths):  # LibreOffice puts its lock file beside the document
            copy = inputs / (path.stem + ".docx")
            shutil.copyfile(path, copy)
            documents.append(_Document(index, path, copy, _cost(copy)))
        produced = _convert_warm(soffice, documents, work_dir, pdfa=pdfa, timeout=timeout, jobs=jobs,
                                 converter=converter)
        if produced is None:
            pool = _Pool(soffice, work_dir, pdfa=pdfa, timeout=timeout, jobs=jobs)
            produced = pool.convert(documents)
        if pdfa:
            for source, out in zip(paths, produced):
                if not is_pdfa_2b(out.read_bytes()):
                    raise PdfError("pdfa_not_produced", path=str(source))
        for out, target in zip(produced, targets):
            atomic_write(target, out.read_bytes(), force=force)
    return targets


def _convert_warm(soffice: str, documents: list[_Document], work_dir: Path, *, pdfa: bool, timeout: float,
                  jobs: int, converter: WarmConverter | None) -> list[Path] | None:
    """The PDFs from warm workers, or None when none can run here (the caller goes cold)."""
    from .pdf_warm import WarmConverter, WarmUnavailable, uno_python

    out_dir = work_dir / "warm-pdf"
    out_dir.mkdir()
    if converter is None:
        python = uno_python(soffice)
        if python is None:
            return None
        own = WarmConverter(soffice, jobs=jobs, python=python, work_dir=work_dir / "warm")
        try:
            return own.convert(documents, out_dir, filter_data=filter_options(pdfa), timeout=timeout)
        except WarmUnavailable:
            return None
        finally:
            own.close()
    try:
        return converter.convert(documents, out_dir, filter_data=filter_options(pdfa), timeout=timeout)
    except WarmUnavailable:
        return None


# --------------------------------------------------------------------------------------------
# LibreOffice workers

MIN_CHUNK = 24  # a LibreOffice start (3 s on a loaded machine) costs more than this many one-page documents
# LibreOffice slows down over a long --convert-to run (one-page decisions, one worker: 67 ms each in
# a run of 100, 467 ms each in a run of 400): no run converts more than this many documents.
MAX_CHUNK = 100
_POLL = 0.05  # seconds between looks at the workers
_FIXED_COST = 20_000  # a document's fixed cost (load, layout, export) in bytes of document.xml


def _cost(path: Path) -> int:
    """Rough conversion cost: the size of the main part (headers may lie; scheduling only)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _FIXED_COST + archive.getinfo("word/document.xml").file_size
    except (KeyError, OSError, zipfile.BadZipFile):
        return _FIXED_COST


@dataclass(eq=False)
class _Run:
    """One LibreOffice start of one worker, converting a chunk of documents in order."""

    proc: subprocess.Popen
    documents: list[_Document]
    profile: Path
    out_dir: Path
    stderr: Path
    last_progress: float
    seen: int = 0  # outputs present at the last look


class _Pool:
    """``jobs`` LibreOffice workers fed from one queue.

    Each worker has its own profile folder (LibreOffice cannot share one) and converts a chunk
    of documents per start, taken from the queue when it is free: chunks shrink as the queue
    empties (guided self-scheduling), so the workers finish together while few starts are paid;
    the costliest documents (a print file) go first. LibreOffice converts a chunk in order, so a
    new PDF in a run's output folder is progress: a run without progress for ``timeout``
    seconds is hung. A hung or dead worker's process group is killed and its profile renewed;
    the PDFs it finished are kept, the document it was on is tried once more alone (then it is
    reported with its path) and the rest go back to the queue. Everything runs in the calling
    thread; SIGTERM, SIGINT and SIGHUP kill every worker's process group.
    """

    def __init__(self, soffice: str, work_dir: Path, *, pdfa: bool, timeout: float, jobs: int) -> None:
        self.soffice, self.work_dir, self.pdfa, self.timeout = soffice, work_dir, pdfa, timeout
        self.jobs = max(1, jobs)
        self.done_dir = work_dir / "pdf"
        self.done_dir.mkdir()
        self.starts = 0

    def convert(self, documents: list[_Document]) -> list[Path]:
        queue = deque(sorted(documents, key=lambda d: (-d.cost, d.index)))
        runs: dict[int, _Run | None] = {slot: None for slot in range(self.jobs)}
        failed: list[_Document] = []
        with _stop_group_on_signals():
            try:
                while queue or any(runs.values()):
                    for slot, run in runs.items():
                        if run is not None and self._settle(run, queue, failed):
                            runs[slot] = run = None
                        if run is None and queue:
                            runs[slot] = self._start(slot, self._chunk(queue))
                    time.sleep(_POLL)
            except _Interrupted as exc:
                raise PdfError("pdf_interrupted", signal=signal.Signals(exc.signum).name) from None
            finally:
                for run in runs.values():
                    if run is not None:
                        _kill_group(run.proc)
        if failed:
            failed.sort(key=lambda d: d.index)
            names = ", ".join(str(d.source) for d in failed)
            if all(d.failure[0] == "timeout" for d in failed):
                raise PdfError("pdf_timeout", timeout=self.timeout, count=len(failed), paths=names)
            reasons = list(dict.fromkeys(d.failure[1] for d in failed))
            raise PdfError("pdf_failed", paths=names, reason="; ".join(reasons))
        return [d.pdf for d in sorted(documents, key=lambda d: d.index)]

    def _chunk(self, queue: deque) -> list[_Document]:
        if queue[0].attempts:  # a retry goes alone, so that a second failure is its own
            return [queue.popleft()]
        if self.jobs == 1:
            chunk = [d for d in queue if not d.attempts][:MAX_CHUNK]
            for document in chunk:
                queue.remove(document)
            return chunk
        target = sum(d.cost for d in queue) / (2 * self.jobs)
        chunk: list[_Document] = []
        cost = 0
        while (queue and not queue[0].attempts and len(chunk) < MAX_CHUNK
               and (len(chunk) < MIN_CHUNK or cost < target)):
            document = queue.popleft()
            chunk.append(document)
            cost += document.cost
            if len(chunk) == 1 and document.cost >= max(target, MIN_CHUNK * _FIXED_COST):
                break  # a document costlier than a share (the print file) goes alone
        return chunk

    def _start(self, slot: int, documents: list[_Document]) -> _Run:
        self.starts += 1
        profile = self.work_dir / f"profile-{slot}"
        profile.mkdir(exist_ok=True)
        out_dir = self.work_dir / f"out-{self.starts}"
        out_dir.mkdir()
        stderr = self.work_dir / f"stderr-{self.starts}.txt"
        for document in documents:  # a killed run leaves its lock file beside the copy
            _remove(document.copy.with_name(f".~lock.{document.copy.name}#"))
        command = [
            self.soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
            "--nologo", "--nodefault", "--nolockcheck", "--norestore",
            "--convert-to", pdf_filter(self.pdfa), "--outdir", str(out_dir),
            *[str(d.copy) for d in documents],
        ]
        env = dict(os.environ, HOME=str(profile), TMPDIR=str(self.work_dir))
        with open(stderr, "wb") as err:
            try:
                proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err,
                                        stdin=subprocess.DEVNULL, env=env, start_new_session=True)
            except OSError as exc:
                raise PdfError("libreoffice_missing") from exc
        return _Run(proc, documents, profile, out_dir, stderr, time.monotonic())

    def _settle(self, run: _Run, queue: deque, failed: list[_Document]) -> bool:
        """Look at a run: True when it is over (its documents done, requeued or failed)."""
        returncode = run.proc.poll()
        if returncode is None:
            seen = sum(1 for d in run.documents if (run.out_dir / (d.copy.stem + ".pdf")).exists())
            now = time.monotonic()
            if seen != run.seen:
                run.seen, run.last_progress = seen, now
                return False
            if now - run.last_progress <= self.timeout:
                return False
            _kill_group(run.proc)
            shutil.rmtree(run.profile, ignore_errors=True)  # a killed worker may leave it half-written
            self._sort_out(run, queue, failed, ("timeout", f"timeout {self.timeout} s"), clean=False)
            return True
        _kill_group(run.proc, only_leftovers=True)
        if returncode != 0:
            shutil.rmtree(run.profile, ignore_errors=True)
        reason = _last_line(run.stderr) or f"exit {returncode}"
        self._sort_out(run, queue, failed, ("failed", reason), clean=returncode == 0)
        return True

    def _sort_out(self, run: _Run, queue: deque, failed: list[_Document], failure: tuple[str, str],
                  clean: bool) -> None:
        """Keep the finished PDFs; charge the document the worker was on (all missing ones after a
        clean exit), requeue the others at the head of the queue."""
        back: list[_Document] = []
        charged = False
        for document in run.documents:
            out = run.out_dir / (document.copy.stem + ".pdf")
            if _complete(out, clean):
                document.pdf = self.done_dir / out.name
                os.replace(out, document.pdf)
            elif clean or not charged:
                charged = True
                document.attempts += 1
                if document.attempts > RETRIES:
                    document.failure = failure
                    failed.append(document)
                else:
                    back.append(document)
            else:
                back.append(document)
        back.sort(key=lambda d: -d.attempts)  # retries first, each alone
        queue.extendleft(reversed(back))
        shutil.rmtree(run.out_dir, ignore_errors=True)


def _complete(pdf: Path, clean: bool) -> bool:
    """A PDF LibreOffice finished: any non-empty file after a clean exit; after a kill or a crash
    only one that ends with its ``%%EOF`` marker (the last one may be half-written)."""
    try:
        size = pdf.stat().st_size
    except OSError:
        return False
    if size == 0:
        return False
    if clean:
        return True
    with open(pdf, "rb") as handle:
        handle.seek(max(0, size - 1024))
        return b"%%EOF" in handle.read()


_PDFAID_PART = re.compile(rb'pdfaid:part(?:>\s*|\s*=\s*["\'])(\d)')
_PDFAID_CONFORMANCE = re.compile(rb'pdfaid:conformance(?:>\s*|\s*=\s*["\'])([A-Za-z])')


def is_pdfa_2b(data: bytes) -> bool:
    """A quick look for the PDF/A-2b identification in the XMP (full checks: ``sign.pdfa``)."""
    part, conformance = _PDFAID_PART.search(data), _PDFAID_CONFORMANCE.search(data)
    return bool(part and conformance and part.group(1) == b"2" and conformance.group(1).upper() == b"B")
