"""PDF export through headless LibreOffice: one start for many files, isolated profile, timeout,
and a clear message when LibreOffice is missing."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from generator import pdf as pdf_module
from generator.errors import PdfError

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ke-hoach-1626-KH-BQL.yaml"
HAVE_LIBREOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
needs_libreoffice = pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="LibreOffice (soffice) is not installed")


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
