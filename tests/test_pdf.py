"""PDF export through headless LibreOffice: one start for many files, isolated profile, timeout,
and a clear message when LibreOffice is missing."""

from __future__ import annotations

import re
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from generator import pdf as pdf_module
from generator.errors import PdfError
from tests.processes import assert_gone
from tests.libreoffice import HAVE_LIBREOFFICE, needs_libreoffice, stand_in_soffice_takes_the_cold_path  # noqa: F401  (autouse fixture)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ke-hoach-1626-KH-BQL.yaml"


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory) -> Path:
    from generator import pipeline

    out = tmp_path_factory.mktemp("pdf-src")
    return pipeline.generate(SAMPLE, out, force=True).written[0]


@pytest.fixture(scope="module")
def converted(sample_docx, tmp_path_factory) -> Path:
    """The sample converted once for the whole module, through ``vanban pdf``."""
    outdir = tmp_path_factory.mktemp("pdf-out")
    result = CliRunner().invoke(main, ["pdf", str(sample_docx), "-o", str(outdir)])
    assert result.exit_code == 0, result.output
    return outdir / (sample_docx.stem + ".pdf")


def _tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


@pytest.mark.libreoffice
@needs_libreoffice
def test_the_pdf_has_pages_and_page_one_shows_quoc_hieu_number_and_date(converted):
    info = _tool("pdfinfo", str(converted))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert pages > 0
    first = re.sub(r"\s+", " ", _tool("pdftotext", "-f", "1", "-l", "1", "-layout", str(converted), "-"))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Số: 1626/KH-BQL" in first
    assert "Hải Phòng, ngày 13 tháng 4 năm 2023" in first


@pytest.mark.libreoffice
@needs_libreoffice
def test_the_pdf_is_version_1_4_or_later_with_every_font_embedded(converted):
    version = re.search(r"^PDF version:\s+(\d+)\.(\d+)", _tool("pdfinfo", str(converted)), re.M)
    assert (int(version.group(1)), int(version.group(2))) >= (1, 4)
    rows = _tool("pdffonts", str(converted)).splitlines()[2:]
    assert rows
    for row in rows:
        # columns: name type encoding emb sub uni object ID; "emb" is the 4th from the right
        assert row.split()[-5] == "yes", row


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_a_missing_libreoffice_is_a_pdf_error_that_says_how_to_install_it(sample_docx, tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_SOFFICE", str(tmp_path / "no-such-soffice"))
    with pytest.raises(PdfError) as info:
        pdf_module.convert_to_pdf([sample_docx], tmp_path)
    assert info.value.code == "libreoffice_missing"
    result = CliRunner().invoke(main, ["pdf", str(sample_docx), "-o", str(tmp_path)])
    assert result.exit_code == 8
    assert "apt-get install libreoffice-writer-nogui fonts-liberation" in result.stderr


def test_a_hanging_libreoffice_is_stopped_after_the_timeout(sample_docx, tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_SOFFICE", str(_fake_soffice(tmp_path, "sleep 30")))
    with pytest.raises(PdfError) as info:
        pdf_module.convert_to_pdf([sample_docx], tmp_path / "out", timeout=0.5)
    assert info.value.code == "pdf_timeout"


def test_a_libreoffice_that_writes_nothing_is_a_pdf_failure(sample_docx, tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_SOFFICE", str(_fake_soffice(tmp_path, "echo broken >&2; exit 1")))
    with pytest.raises(PdfError) as info:
        pdf_module.convert_to_pdf([sample_docx], tmp_path / "out")
    assert info.value.code == "pdf_failed"
    assert "broken" in info.value.params["reason"]


def test_all_files_go_to_one_libreoffice_start_with_an_isolated_profile(sample_docx, tmp_path, monkeypatch):
    log = tmp_path / "calls.txt"
    body = (f'echo "$@" >> {log}\n'
            'out=""; prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\n'
            'for a in "$@"; do case "$a" in *.docx) n=$(basename "$a" .docx); echo pdf > "$out/$n.pdf";; esac; done')
    monkeypatch.setenv("VANBAN_SOFFICE", str(_fake_soffice(tmp_path, body)))
    copies = []
    for i in range(3):
        copy = tmp_path / f"doc{i}.docx"
        copy.write_bytes(sample_docx.read_bytes())
        copies.append(copy)
    outputs = pdf_module.convert_to_pdf(copies, tmp_path / "out")
    assert [p.name for p in outputs] == ["doc0.pdf", "doc1.pdf", "doc2.pdf"]
    calls = log.read_text().splitlines()
    assert len(calls) == 1
    assert "-env:UserInstallation=file:///" in calls[0]
    assert '"SelectPdfVersion"' in calls[0]


def test_render_with_pdf_writes_the_pdf_next_to_the_docx(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_SOFFICE", str(_fake_soffice(tmp_path, (
        'out=""; prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\n'
        'for a in "$@"; do case "$a" in *.docx) n=$(basename "$a" .docx); echo pdf > "$out/$n.pdf";; esac; done'))))
    result = CliRunner().invoke(main, ["render", str(SAMPLE), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ke-hoach-1626-KH-BQL.docx").exists()
    assert (tmp_path / "ke-hoach-1626-KH-BQL.pdf").exists()


# --- issue 12 item 9: the input is checked like lint checks it; clean-up; no overwrite ---------

FAKE_WRITER = ('out=""; prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\n'
               'for a in "$@"; do case "$a" in *.docx) n=$(basename "$a" .docx); echo pdf > "$out/$n.pdf";; esac; done')


def _logging_soffice(tmp_path: Path) -> tuple[Path, Path]:
    log = tmp_path / "soffice-calls.txt"
    return _fake_soffice(tmp_path, f'echo "$@" >> {log}\n' + FAKE_WRITER), log


def _zip_bomb(path: Path) -> Path:
    import zipfile

    # 600 MiB of zeros deflate to about 600 KiB: the whole file is a small zip bomb.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml",
                         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         "<w:body/></w:document>")
        with archive.open("word/media/image1.png", "w", force_zip64=True) as stream:
            block = b"\0" * (8 * 1024 * 1024)
            for _ in range(75):
                stream.write(block)
    return path


def _random_bytes(path: Path) -> Path:
    import random

    path.write_bytes(random.Random(7).randbytes(64 * 1024))
    return path


def _not_a_docx_name(path: Path) -> Path:
    target = path.with_name("ghi-chu.odt")
    target.write_bytes(b"PK\x03\x04 not really")
    return target


@pytest.mark.parametrize("make, code", [
    (_zip_bomb, "lint_zip_bomb"),
    (_random_bytes, "lint_not_docx"),
    (_not_a_docx_name, "pdf_not_docx"),
], ids=["a zip bomb", "random bytes", "a file that is not a .docx"])
def test_pdf_refuses_hostile_or_wrong_input_before_libreoffice_starts(make, code, tmp_path, monkeypatch):
    import time

    soffice, log = _logging_soffice(tmp_path)
    monkeypatch.setenv("VANBAN_SOFFICE", str(soffice))
    bad = make(tmp_path / "van-ban.docx")
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["pdf", str(bad), "-o", str(tmp_path / "out")])
    assert time.perf_counter() - started < 10
    assert result.exit_code == 8, result.output
    assert str(bad) in result.stderr
    assert "Traceback" not in result.output
    assert not log.exists(), "LibreOffice must not be started for a refused input"
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    with pytest.raises(PdfError) as info:
        pdf_module.check_input(bad)
    assert info.value.code == code


def test_a_document_over_the_size_limit_is_refused_without_waiting(sample_docx, tmp_path, monkeypatch):
    soffice, log = _logging_soffice(tmp_path)
    monkeypatch.setenv("VANBAN_SOFFICE", str(soffice))
    monkeypatch.setattr(pdf_module, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(PdfError) as info:
        pdf_module.convert_to_pdf([sample_docx], tmp_path / "out")
    assert info.value.code == "lint_file_too_large"
    assert not log.exists()


def test_one_bad_file_among_good_ones_converts_nothing(sample_docx, tmp_path, monkeypatch):
    soffice, log = _logging_soffice(tmp_path)
    monkeypatch.setenv("VANBAN_SOFFICE", str(soffice))
    bad = _random_bytes(tmp_path / "hong.docx")
    result = CliRunner().invoke(main, ["pdf", str(sample_docx), str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 8
    assert not log.exists()
    assert not (tmp_path / "out" / (sample_docx.stem + ".pdf")).exists()


def test_an_existing_pdf_is_kept_without_force_and_replaced_with_it(sample_docx, tmp_path, monkeypatch):
    soffice, log = _logging_soffice(tmp_path)
    monkeypatch.setenv("VANBAN_SOFFICE", str(soffice))
    target = tmp_path / (sample_docx.stem + ".pdf")
    target.write_bytes(b"%PDF old")
    result = CliRunner().invoke(main, ["pdf", str(sample_docx), "-o", str(tmp_path)])
    assert result.exit_code == 7
    assert target.read_bytes() == b"%PDF old"
    assert not log.exists(), "the existing PDF is found before LibreOffice starts"
    result = CliRunner().invoke(main, ["pdf", str(sample_docx), "-o", str(tmp_path), "--force"])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == b"pdf\n"


def test_a_timeout_leaves_no_lock_temp_file_or_process_behind(sample_docx, tmp_path, monkeypatch):
    import tempfile

    pids = tmp_path / "pids.txt"
    body = ('for a in "$@"; do case "$a" in *.docx) d=$(dirname "$a"); b=$(basename "$a");'
            ' touch "$d/.~lock.$b#";; esac; done\n'
            f'sleep 300 & echo $! >> {pids}\nwait')
    monkeypatch.setenv("VANBAN_SOFFICE", str(_fake_soffice(tmp_path, body)))
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))
    source = tmp_path / "src" / sample_docx.name
    source.parent.mkdir()
    source.write_bytes(sample_docx.read_bytes())
    with pytest.raises(PdfError) as info:
        pdf_module.convert_to_pdf([source], tmp_path / "out", timeout=1)
    assert info.value.code == "pdf_timeout"
    assert sorted(p.name for p in source.parent.iterdir()) == [source.name]
    assert list(temp_root.iterdir()) == []
    assert not (tmp_path / "out" / (source.stem + ".pdf")).exists()
    assert_gone(int(pids.read_text().split()[0]))


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_stopping_vanban_stops_libreoffice_and_its_children(signame, sample_docx, tmp_path):
    import os
    import signal
    import sys
    import time

    pids = tmp_path / "pids.txt"
    soffice = _fake_soffice(tmp_path, f'echo $$ >> {pids}\nsleep 300 & echo $! >> {pids}\nwait')
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    env = dict(os.environ, VANBAN_SOFFICE=str(soffice), TMPDIR=str(temp_root))
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from cli import main; sys.exit(main())",
                             "pdf", str(sample_docx), "-o", str(tmp_path / "out")],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while (not pids.exists() or len(pids.read_text().split()) < 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    children = [int(p) for p in pids.read_text().split()]
    proc.send_signal(getattr(signal, signame))
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 8, stderr.decode()
    assert signame in stderr.decode()
    assert "Traceback" not in stderr.decode()
    for pid in children:
        assert_gone(pid)
    assert list(temp_root.iterdir()) == []


def test_render_with_pdf_checks_for_libreoffice_before_writing_anything(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_SOFFICE", str(tmp_path / "no-such-soffice"))
    result = CliRunner().invoke(main, ["render", str(SAMPLE), "-o", str(tmp_path / "out"), "--pdf"])
    assert result.exit_code == 8
    assert "libreoffice" in result.stderr.lower()
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_pdfa_is_asked_from_libreoffice_as_pdf_a_2b(sample_docx, tmp_path, monkeypatch):
    log = tmp_path / "calls.txt"
    body = (f'echo "$@" >> {log}\n' + FAKE_WRITER.replace(
        "echo pdf >", "echo '<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>' >"))
    monkeypatch.setenv("VANBAN_SOFFICE", str(_fake_soffice(tmp_path, body)))
    result = CliRunner().invoke(main, ["pdf", "--pdfa", str(sample_docx), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert '"SelectPdfVersion":{"type":"long","value":"2"}' in log.read_text()


def test_a_libreoffice_that_ignores_pdfa_is_an_error(sample_docx, tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_SOFFICE", str(_fake_soffice(tmp_path, FAKE_WRITER)))
    with pytest.raises(PdfError) as info:
        pdf_module.convert_to_pdf([sample_docx], tmp_path / "out", pdfa=True)
    assert info.value.code == "pdfa_not_produced"
    assert not (tmp_path / "out" / (sample_docx.stem + ".pdf")).exists()


@pytest.mark.libreoffice
@needs_libreoffice
def test_pdf_pdfa_writes_pdf_a_2b_that_passes_our_checks_with_every_font_embedded(sample_docx, tmp_path):
    from generator.sign.pdfa import check_pdfa

    result = CliRunner().invoke(main, ["pdf", "--pdfa", str(sample_docx), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / (sample_docx.stem + ".pdf")
    report = check_pdfa(pdf.read_bytes())
    assert report.ok, report.problems  # XMP pdfaid 2/B, OutputIntent, fonts embedded, no encryption…
    rows = _tool("pdffonts", str(pdf)).splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)
    assert "Encrypted:       no" in _tool("pdfinfo", str(pdf))


def test_render_with_pdfa_writes_a_pdf_a_beside_the_docx(tmp_path, monkeypatch):
    log = tmp_path / "calls.txt"
    body = (f'echo "$@" >> {log}\n' + FAKE_WRITER.replace(
        "echo pdf >", "echo '<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>' >"))
    monkeypatch.setenv("VANBAN_SOFFICE", str(_fake_soffice(tmp_path, body)))
    result = CliRunner().invoke(main, ["render", str(SAMPLE), "-o", str(tmp_path / "out"), "--pdf", "--pdfa"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "ke-hoach-1626-KH-BQL.pdf").exists()
    assert '"SelectPdfVersion":{"type":"long","value":"2"}' in log.read_text()
