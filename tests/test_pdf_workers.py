"""PDF on every core: several LibreOffice workers fed from one queue, each with its own profile; a
worker that hangs or dies is killed and restarted, its document tried once more, then reported."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from generator import pdf as pdf_module
from generator.errors import PdfError
from tests.docx_helpers import copies_of
from tests.processes import assert_gone
from tests.libreoffice import HAVE_LIBREOFFICE, needs_libreoffice, stand_in_soffice_takes_the_cold_path  # noqa: F401  (autouse fixture)

ROOT = Path(__file__).resolve().parents[1]


# A stand-in for soffice that converts in order like LibreOffice does: a complete PDF per document
# (ending with %%EOF), after an optional per-document action keyed on the document's name.
FAKE = r'''#!/bin/sh
echo "$$ $@" >> "{log}"
out=""; prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
for a in "$@"; do case "$a" in *.docx)
  n=$(basename "$a" .docx)
  case "$n" in
    *treo*) sleep 300 & wait ;;
    *chet-mot-lan*) if [ ! -e "{marks}/$n" ]; then touch "{marks}/$n"; kill -9 $$; fi ;;
    *hong*) echo "source file could not be loaded: $n" >&2; continue ;;
  esac
  printf '%%PDF-1.5\n%s\n%%%%EOF\n' "$n" > "$out/$n.pdf" ;;
esac; done
'''


def _fake_soffice(tmp_path: Path) -> tuple[Path, Path]:
    marks = tmp_path / "marks"
    marks.mkdir(exist_ok=True)
    log = tmp_path / "soffice-calls.txt"
    script = tmp_path / "soffice"
    script.write_text(FAKE.format(log=log, marks=marks))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, log


def _calls(log: Path) -> list[list[str]]:
    """Each start: the documents it was given (by stem)."""
    if not log.exists():
        return []
    return [[Path(a).stem for a in line.split() if a.endswith(".docx")] for line in log.read_text().splitlines()]


def _profiles(log: Path) -> set[str]:
    return set(re.findall(r"-env:UserInstallation=(\S+)", log.read_text()))


@pytest.fixture(scope="module")
def decision_docx(tmp_path_factory) -> Path:
    """One real one-page decision."""
    from generator import pipeline

    out = tmp_path_factory.mktemp("decision")
    return pipeline.generate(ROOT / "samples" / "quyet-dinh-hai-dieu-ubnd-xa.yaml", out, force=True).written[0]


def test_documents_are_shared_out_over_two_workers_each_with_its_own_profile(decision_docx, tmp_path,
                                                                             monkeypatch):
    soffice, log = _fake_soffice(tmp_path)
    monkeypatch.setenv("VANBAN_SOFFICE", str(soffice))
    docs = copies_of(decision_docx, tmp_path / "src", [f"qd-{i:02d}" for i in range(80)])
    result = CliRunner().invoke(main, ["pdf", "--jobs", "2", *map(str, docs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"qd-{i:02d}.pdf" for i in range(80)]
    calls = _calls(log)
    assert sorted(stem for call in calls for stem in call) == [d.stem for d in docs], "each document once"
    assert len(_profiles(log)) == 2
    assert len(calls) > 2, "a queue of shrinking chunks, not one static half per worker"


def test_one_worker_converts_everything_in_one_start(decision_docx, tmp_path, monkeypatch):
    soffice, log = _fake_soffice(tmp_path)
    monkeypatch.setenv("VANBAN_SOFFICE", str(soffice))
    docs = copies_of(decision_docx, tmp_path / "src", [f"qd-{i:02d}" for i in range(20)])
    pdf_module.convert_to_pdf(docs, tmp_path / "out", jobs=1)
    assert len(_calls(log)) == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_no_libreoffice_run_converts_more_than_max_chunk_documents(decision_docx, tmp_path, monkeypatch, jobs):
    # A long --convert-to run slows LibreOffice down (467 ms a page at 400 documents, 67 at 100).
    soffice, log = _fake_soffice(tmp_path)
    monkeypatch.setenv("VANBAN_SOFFICE", str(soffice))
    monkeypatch.setattr(pdf_module, "MAX_CHUNK", 30)
    docs = copies_of(decision_docx, tmp_path / "src", [f"qd-{i:03d}" for i in range(100)])
    written = pdf_module.convert_to_pdf(docs, tmp_path / "out", jobs=jobs)
    calls = _calls(log)
    assert len(written) == 100 and sorted(stem for call in calls for stem in call) == [d.stem for d in docs]
    assert max(len(call) for call in calls) <= 30
    if jobs == 1:  # one worker used to take all 100 in one run
        assert [len(call) for call in calls] == [30, 30, 30, 10]


def test_a_worker_that_dies_is_restarted_and_its_document_retried(decision_docx, tmp_path, monkeypatch):
    soffice, log = _fake_soffice(tmp_path)
    monkeypatch.setenv("VANBAN_SOFFICE", str(soffice))
    names = [f"qd-{i:02d}" for i in range(12)] + ["qd-chet-mot-lan"]
    docs = copies_of(decision_docx, tmp_path / "src", names)
    outputs = pdf_module.convert_to_pdf(docs, tmp_path / "out", jobs=2)
    assert all(p.read_bytes().startswith(b"%PDF") for p in outputs)
    assert len(outputs) == 13
    calls = _calls(log)
    assert ["qd-chet-mot-lan"] in calls, "the document a worker died on is tried again, alone"
    assert sum(stem == "qd-chet-mot-lan" for call in calls for stem in call) == 2


def test_a_document_that_hangs_twice_is_reported_by_name_and_nothing_is_written(decision_docx, tmp_path,
                                                                                monkeypatch):
    soffice, log = _fake_soffice(tmp_path)
    monkeypatch.setenv("VANBAN_SOFFICE", str(soffice))
    docs = copies_of(decision_docx, tmp_path / "src", [f"qd-{i:02d}" for i in range(10)] + ["qd-treo"])
    started = time.monotonic()
    with pytest.raises(PdfError) as info:
        pdf_module.convert_to_pdf(docs, tmp_path / "out", jobs=2, timeout=1)
    assert time.monotonic() - started < 60
    assert info.value.code == "pdf_timeout"
    assert str(tmp_path / "src" / "qd-treo.docx") in info.value.params["paths"]
    assert "qd-00" not in info.value.params["paths"]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    calls = _calls(log)
    assert sum(stem == "qd-treo" for call in calls for stem in call) == 2
    assert sorted({stem for call in calls for stem in call}) == sorted(d.stem for d in docs), \
        "the other documents were converted (every problem is found in one run)"


def test_every_document_libreoffice_cannot_load_is_named_in_one_error(decision_docx, tmp_path, monkeypatch):
    soffice, _ = _fake_soffice(tmp_path)
    monkeypatch.setenv("VANBAN_SOFFICE", str(soffice))
    docs = copies_of(decision_docx, tmp_path / "src", ["qd-01", "qd-hong-a", "qd-02", "qd-hong-b"])
    result = CliRunner().invoke(main, ["--lang", "en", "pdf", "--jobs", "2", *map(str, docs),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 8
    assert "qd-hong-a.docx" in result.stderr and "qd-hong-b.docx" in result.stderr
    assert "qd-01.docx" not in result.stderr
    assert "source file could not be loaded" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_stopping_vanban_stops_every_worker(signame, decision_docx, tmp_path):
    soffice, log = _fake_soffice(tmp_path)
    docs = copies_of(decision_docx, tmp_path / "src", [f"qd-treo-{i:02d}" for i in range(2 * pdf_module.MIN_CHUNK)])
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    env = dict(os.environ, VANBAN_SOFFICE=str(soffice), TMPDIR=str(temp_root))
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from cli import main; sys.exit(main())",
                             "pdf", "--jobs", "2", *map(str, docs), "-o", str(tmp_path / "out")],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while len(_calls(log)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # let both fakes start their sleep
    workers = [int(line.split()[0]) for line in log.read_text().splitlines()]
    assert len(workers) == 2
    proc.send_signal(getattr(signal, signame))
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 8, stderr.decode()
    assert signame in stderr.decode()
    assert "Traceback" not in stderr.decode()
    sleepers = [int(p) for p in subprocess.run(["pgrep", "-f", "sleep 300"], capture_output=True,
                                               text=True).stdout.split()]
    ours = [p for p in sleepers if os.getpgid(p) in workers] if sleepers else []
    for pid in workers + ours:
        assert_gone(pid)
    assert list(temp_root.iterdir()) == []


# --- real LibreOffice --------------------------------------------------------------------------

def _tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


def _pages_and_text(pdf: Path) -> tuple[int, str]:
    pages = int(re.search(r"^Pages:\s+(\d+)", _tool("pdfinfo", str(pdf)), re.M).group(1))
    return pages, re.sub(r"\s+", " ", _tool("pdftotext", str(pdf), "-"))


@pytest.fixture(scope="module")
def mixed_docs(tmp_path_factory, decision_docx) -> list[Path]:
    """Five different real documents: the seed plan (several pages), decisions, a report."""
    from generator import pipeline

    out = tmp_path_factory.mktemp("mixed")
    docs = [decision_docx]
    for sample in ("ke-hoach-1626-KH-BQL.yaml", "quyet-dinh-khen-thuong-nam-2025.yaml", "thong-bao-ket-qua-giai-doan-1.yaml",
                   "giay-moi-so-ket-giai-doan-2.yaml"):
        docs.extend(pipeline.generate(ROOT / "samples" / sample, out, force=True).written)
    return docs


def _soffice_bins_under(root: Path) -> list[int]:
    """soffice.bin processes whose profile lives under ``root`` (ours, not another test's)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if cmdline and cmdline[0].endswith(b"soffice.bin") and any(str(root).encode() in a for a in cmdline):
            found.append(int(entry.name))
    return found


@pytest.mark.libreoffice
@needs_libreoffice
def test_two_real_workers_give_the_same_pages_and_text_as_one_and_survive_a_killed_worker(
        mixed_docs, tmp_path, monkeypatch):
    import tempfile

    assert len(mixed_docs) >= 4
    one = pdf_module.convert_to_pdf(mixed_docs, tmp_path / "one", jobs=1)
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))
    monkeypatch.setattr(pdf_module, "MIN_CHUNK", 1)  # few documents: use both workers anyway
    killed: list[int] = []

    def kill_one_worker() -> None:  # SIGKILL the first LibreOffice seen, once it has run a moment
        deadline = time.monotonic() + 60
        while not killed and time.monotonic() < deadline:
            found = _soffice_bins_under(temp_root)
            if found:
                time.sleep(0.5)
                try:
                    os.kill(found[0], signal.SIGKILL)
                    killed.append(found[0])
                except ProcessLookupError:
                    pass
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one_worker)
    killer.start()
    two = pdf_module.convert_to_pdf(mixed_docs, tmp_path / "two", jobs=2)
    killer.join()
    assert killed, "a worker was killed mid-run"
    assert [p.name for p in two] == [p.name for p in one]
    for a, b in zip(one, two):
        assert _pages_and_text(a) == _pages_and_text(b), b.name
    assert _soffice_bins_under(temp_root) == []
    assert list(temp_root.iterdir()) == []
