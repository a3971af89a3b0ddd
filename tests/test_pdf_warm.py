"""Warm LibreOffice workers (UNO bridge): started once, fed document after document; a killed,
hung or dead worker is restarted and its document retried; nothing is left running; where the
system's Python has no ``uno`` the cold path converts the same documents."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from generator import pdf as pdf_module
from generator import pdf_warm
from generator.errors import PdfError
from tests.docx_helpers import copies_of
from tests.libreoffice import HAVE_LIBREOFFICE

ROOT = Path(__file__).resolve().parents[1]
HAVE_UNO = pdf_warm.uno_python() is not None and subprocess.run(
    [pdf_warm.uno_python() or "false", "-c", "import uno"], check=False, capture_output=True).returncode == 0

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(not HAVE_UNO, reason="the system Python has no uno (apt-get install python3-uno)"),
]


@pytest.fixture(scope="module")
def decision_docx(tmp_path_factory) -> Path:
    from generator import pipeline

    out = tmp_path_factory.mktemp("decision")
    return pipeline.generate(ROOT / "samples" / "quyet-dinh-hai-dieu-ubnd-xa.yaml", out, force=True).written[0]


@pytest.fixture
def temp_root(tmp_path, monkeypatch) -> Path:
    """Every temporary folder of the code under test goes here (so we can see what is left)."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


@pytest.fixture(scope="module")
def shared_converter(tmp_path_factory):
    """One warm worker for the module (as the web app keeps one): each test restarts it at most once."""
    made = pdf_warm.WarmConverter(pdf_module.require_soffice(), jobs=1,
                                  work_dir=tmp_path_factory.mktemp("warm-converter"))
    yield made
    made.close()
    assert made.pids() == []


@pytest.fixture
def converter(shared_converter):
    """The module's warm worker, with ``starts`` counted from this test on."""
    shared_converter.starts = 0
    return shared_converter


def _group_members(pgid: int) -> list[tuple[int, str]]:
    """(pid, program) of every live process in the process group ``pgid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            program = (entry / "cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if fields[0] not in ("Z", "X") and int(fields[2]) == pgid:
            found.append((int(entry.name), program))
    return found


def _office_of(converter: pdf_warm.WarmConverter) -> int:
    (bridge,) = converter.pids()
    offices = [pid for pid, program in _group_members(bridge) if program.endswith("soffice.bin")]
    assert offices, "the bridge's LibreOffice runs in the bridge's process group"
    return offices[0]


def _processes_under(root: Path) -> list[int]:
    """Live processes whose command line names a path under ``root`` (bridges and soffice.bin)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[-1].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X") and str(root).encode() in cmdline:
            found.append(int(entry.name))
    return found


def _fonts(pdf: Path) -> list[tuple[str, ...]]:
    """Each font's base name (without the subset tag), type and embedded flag."""
    rows = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    return sorted((row.split()[0].split("+")[-1], *row.split()[1:-5], row.split()[-5]) for row in rows)


def _text(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return pages, re.sub(r"\s+", " ", text)


def test_one_warm_libreoffice_converts_document_after_document_without_restarting(
        converter, decision_docx, tmp_path):
    docs = copies_of(decision_docx, tmp_path / "src", ["qd-01", "qd-02", "qd-03"])
    pdf_module.convert_to_pdf(docs[:2], tmp_path / "out", converter=converter)
    first, starts = converter.pids(), converter.starts
    pdf_module.convert_to_pdf(docs[2:], tmp_path / "out", converter=converter)
    assert starts <= 1 and converter.starts == starts
    assert converter.pids() == first
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["qd-01.pdf", "qd-02.pdf", "qd-03.pdf"]


def test_a_killed_libreoffice_is_restarted_and_the_document_retried(converter, decision_docx, tmp_path):
    docs = copies_of(decision_docx, tmp_path / "src", ["qd-01", "qd-02"])
    pdf_module.convert_to_pdf(docs[:1], tmp_path / "out", converter=converter)
    converter.starts = 0
    os.kill(_office_of(converter), signal.SIGKILL)
    (written,) = pdf_module.convert_to_pdf(docs[1:], tmp_path / "out", converter=converter)
    assert _text(written)[0] >= 1
    assert converter.starts == 1


def test_a_hung_libreoffice_is_killed_after_the_timeout_and_the_document_retried_on_a_new_one(
        converter, decision_docx, tmp_path):
    docs = copies_of(decision_docx, tmp_path / "src", ["qd-01", "qd-02"])
    pdf_module.convert_to_pdf(docs[:1], tmp_path / "out", converter=converter)
    hung_bridge, converter.starts = converter.pids()[0], 0
    os.kill(_office_of(converter), signal.SIGSTOP)
    (written,) = pdf_module.convert_to_pdf(docs[1:], tmp_path / "out", converter=converter, timeout=5)
    assert _text(written)[0] >= 1
    assert converter.starts == 1
    assert _group_members(hung_bridge) == [], "the hung worker's whole process group is gone"


def test_a_bridge_that_dies_mid_document_is_restarted_and_the_document_retried(
        converter, decision_docx, tmp_path):
    docs = copies_of(decision_docx, tmp_path / "src", ["qd-01", "qd-02"])
    pdf_module.convert_to_pdf(docs[:1], tmp_path / "out", converter=converter)
    bridge, converter.starts = converter.pids()[0], 0
    os.kill(_office_of(converter), signal.SIGSTOP)  # the document cannot finish before the kill
    killer = threading.Timer(1.0, os.kill, (bridge, signal.SIGKILL))
    killer.start()
    (written,) = pdf_module.convert_to_pdf(docs[1:], tmp_path / "out", converter=converter, timeout=120)
    killer.join()
    assert _text(written)[0] >= 1
    assert converter.starts == 1
    assert _group_members(bridge) == []


def test_a_document_that_hangs_twice_is_reported_and_no_libreoffice_is_left(decision_docx, tmp_path, temp_root):
    docs = copies_of(decision_docx, tmp_path / "src", ["qd-01"])
    with pytest.raises(PdfError) as info:
        pdf_module.convert_to_pdf(docs, tmp_path / "out", timeout=0.001)
    assert info.value.code == "pdf_timeout"
    assert str(docs[0]) in info.value.params["paths"]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    assert _processes_under(temp_root) == []
    assert list(temp_root.iterdir()) == []


def test_after_convert_to_pdf_returns_no_libreoffice_and_no_temporary_file_is_left(
        decision_docx, tmp_path, temp_root):
    docs = copies_of(decision_docx, tmp_path / "src", [f"qd-{i:02d}" for i in range(4)])
    written = pdf_module.convert_to_pdf(docs, tmp_path / "out", jobs=2)
    assert [p.name for p in written] == [f"qd-{i:02d}.pdf" for i in range(4)]
    assert _processes_under(temp_root) == []
    assert list(temp_root.iterdir()) == []


@pytest.fixture(scope="module")
def warm_pdfs(decision_docx, seed_docx, shared_converter, tmp_path_factory) -> list[Path]:
    """A one-page decision and the seven-page seed plan (page numbers from page 2), warm."""
    return pdf_module.convert_to_pdf([decision_docx, seed_docx], tmp_path_factory.mktemp("warm"),
                                     converter=shared_converter)


@pytest.mark.parametrize("python", ["/nonexistent", sys.executable], ids=["no interpreter", "no uno"])
def test_without_uno_the_cold_path_converts_the_same_pages_and_text(python, decision_docx, seed_docx, warm_pdfs,
                                                                    tmp_path, monkeypatch):
    import json
    monkeypatch.setenv("VANBAN_UNO_PYTHON", python)
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    class Recording(real_popen):  # records what is started; starts it for real
        def __init__(self, args, *rest, **kwargs):
            started.append([str(a) for a in args])
            super().__init__(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", Recording)
    cold = pdf_module.convert_to_pdf([decision_docx, seed_docx], tmp_path / "cold")
    assert any("--convert-to" in args for args in started), json.dumps(started)
    for warm_pdf, cold_pdf in zip(warm_pdfs, cold):
        assert _text(cold_pdf) == _text(warm_pdf), cold_pdf.name
        assert _fonts(cold_pdf) == _fonts(warm_pdf)


@pytest.mark.parametrize("signame", ["SIGTERM"])  # SIGINT takes the same path (tests/test_pdf_workers.py)
def test_stopping_vanban_stops_every_warm_worker(signame, decision_docx, tmp_path):
    docs = copies_of(decision_docx, tmp_path / "src", [f"qd-{i:02d}" for i in range(40)])
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    env = dict(os.environ, TMPDIR=str(temp_root))
    env.pop("VANBAN_UNO_PYTHON", None)
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from cli import main; sys.exit(main())",
                             "pdf", "--jobs", "2", *map(str, docs), "-o", str(tmp_path / "out")],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((temp_root).glob("vanban-lo-*/warm-pdf/*.pdf")):
        time.sleep(0.05)  # until the warm workers have written a first PDF
    running = _processes_under(temp_root)
    assert running, "warm workers were running"
    proc.send_signal(getattr(signal, signame))
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 8, stderr.decode()
    assert signame in stderr.decode() and "Traceback" not in stderr.decode()
    deadline = time.monotonic() + 10
    while _processes_under(temp_root) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_under(temp_root) == []
    assert list(temp_root.iterdir()) == []
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_libreoffice_that_cannot_listen_is_left_to_the_cold_path(decision_docx, tmp_path, monkeypatch):
    log = tmp_path / "calls.txt"
    fake = tmp_path / "soffice"
    fake.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n'
                    'case "$*" in *--accept=*) echo "cannot listen" >&2; exit 1;; esac\n'
                    'out=""; prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\n'
                    'for a in "$@"; do case "$a" in *.docx) n=$(basename "$a" .docx); '
                    'printf "%%PDF-1.5\\n%%%%EOF\\n" > "$out/$n.pdf";; esac; done\n')
    fake.chmod(0o755)
    monkeypatch.setenv("VANBAN_SOFFICE", str(fake))
    docs = copies_of(decision_docx, tmp_path / "src", ["qd-01", "qd-02"])
    written = pdf_module.convert_to_pdf(docs, tmp_path / "out")
    assert [p.read_bytes()[:8] for p in written] == [b"%PDF-1.5"] * 2
    calls = log.read_text().splitlines()
    assert sum("--accept=" in c for c in calls) == 1, "the warm worker was tried once"
    assert sum("--convert-to" in c for c in calls) == 1, "then one cold start converted both"
