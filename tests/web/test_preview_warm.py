"""The preview keeps one warm LibreOffice for the process: started by the first preview, reused by
the next ones, stopped with the app."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.pdf_warm import uno_python
from tests.processes import alive
from generator.resources import starters_dir

YAML = {"content-type": "application/yaml"}
HAVE_PAGES = (shutil.which("soffice") or shutil.which("libreoffice")) and shutil.which("pdftoppm")
HAVE_UNO = uno_python() is not None and subprocess.run([uno_python() or "false", "-c", "import uno"],
                                                       check=False, capture_output=True).returncode == 0

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(not HAVE_PAGES, reason="LibreOffice and pdftoppm are needed for page previews"),
    pytest.mark.skipif(not HAVE_UNO, reason="the system Python has no uno (apt-get install python3-uno)"),
]


def _group(pgid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[-1].split()
            except OSError:
                continue
            if fields[0] not in ("Z", "X") and int(fields[2]) == pgid:
                found.append(int(entry.name))
    return found


def test_two_previews_in_a_row_reuse_one_warm_libreoffice_that_stops_with_the_app(app):
    from fastapi.testclient import TestClient

    from generator.web import preview

    preview.shutdown()  # a warm LibreOffice left by an earlier test of this process
    form = (starters_dir() / "ke-hoach.yaml").read_text(encoding="utf-8")
    edited = form.replace("trich_yeu: Phát động", "trich_yeu: Sửa đổi, phát động")
    assert edited != form
    with TestClient(app, base_url="http://127.0.0.1:8000", headers={"X-CSRF-Token": "test-csrf"}) as client:
        first = client.post("/api/preview?name=k.yaml", content=form.encode(), headers=YAML).json()
        converter = preview.warm_converter()
        bridges = converter.pids()
        second = client.post("/api/preview?name=k.yaml", content=edited.encode(), headers=YAML).json()
        assert first["ok"] and second["ok"] and first["digest"] != second["digest"]
        assert first["pages"] and second["pages"]
        page = client.get(second["pages"][0])
        assert page.status_code == 200 and page.content.startswith(b"\x89PNG")
        assert len(bridges) == 1 and converter.pids() == bridges, "the same LibreOffice served both"
        assert converter.starts == 1
        members = _group(bridges[0])
        assert len(members) >= 2, "the bridge and its LibreOffice"
    # the app's lifespan ended: its LibreOffice is stopped, and the next preview would start anew
    assert not any(alive(pid) for pid in members)
    assert preview.warm_converter() is not converter
    preview.shutdown()
