"""PDF export through headless LibreOffice.

All files go to ONE ``soffice`` start (LibreOffice's start-up dominates the cost), with an
isolated, throw-away user profile so that a running desktop LibreOffice or a broken profile does
not interfere, and a timeout. The export filter asks for PDF 1.5 (``SelectPdfVersion`` 15) with
fonts embedded (LibreOffice always embeds, subsetting them). Where Times New Roman is not
installed, LibreOffice substitutes the metric-compatible Liberation Serif (fonts-liberation).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .errors import PdfError

# LibreOffice 7.4 accepts filter options as JSON after the filter name.
PDF_FILTER_OPTIONS = {
    "SelectPdfVersion": {"type": "long", "value": "15"},  # PDF 1.5 (0 = 1.7/default, 1 = PDF/A-1b)
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "false"},
}
PDF_FILTER = "pdf:writer_pdf_Export:" + json.dumps(PDF_FILTER_OPTIONS, separators=(",", ":"))
SOFFICE_NAMES = ("soffice", "libreoffice")


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


def convert_to_pdf(paths: list[Path], outdir: Path, *, timeout: float = 300) -> list[Path]:
    """Convert ``paths`` (.docx) to PDF in ``outdir`` with one LibreOffice start; the PDF paths."""
    paths = [Path(p) for p in paths]
    if not paths:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise PdfError("libreoffice_missing")
    for path in paths:
        if not path.is_file():
            raise PdfError("pdf_failed", paths=str(path), reason="file not found")
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise PdfError("pdf_failed", paths=", ".join(str(p) for p in paths),
                       reason="two input files have the same name")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vanban-lo-") as profile:
        command = [
            soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--invisible",
            "--nologo", "--nodefault", "--nolockcheck", "--norestore",
            "--convert-to", PDF_FILTER, "--outdir", str(outdir), *[str(p) for p in paths],
        ]
        env = dict(os.environ, HOME=profile)
        try:
            proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        except OSError as exc:
            raise PdfError("libreoffice_missing") from exc
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill_group(proc)
            raise PdfError("pdf_timeout", timeout=timeout, count=len(paths)) from exc
    outputs = [outdir / (p.stem + ".pdf") for p in paths]
    missing = [str(p) for p, out in zip(paths, outputs) if not out.is_file() or out.stat().st_size == 0]
    if missing or proc.returncode != 0:
        reason = (stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        raise PdfError("pdf_failed", paths=", ".join(missing) or "?", reason=reason)
    return outputs


def _kill_group(proc: subprocess.Popen) -> None:
    """Stop the soffice we started and its children (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()
