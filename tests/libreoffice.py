"""What the tests that need LibreOffice share: whether it is installed, the skip mark, and the
fixture that sends tests using a stand-in soffice down the cold path."""

from __future__ import annotations

import pytest

from generator.pdf import find_soffice

HAVE_LIBREOFFICE = find_soffice() is not None
needs_libreoffice = pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(autouse=True)
def stand_in_soffice_takes_the_cold_path(request, monkeypatch):
    """A stand-in soffice cannot listen on a UNO pipe, so the tests that use one exercise the cold
    path (what runs where the system Python has no ``uno``); real-LibreOffice tests run warm.
    Autouse in the modules that import it."""
    if request.node.get_closest_marker("libreoffice") is None:
        monkeypatch.setenv("VANBAN_UNO_PYTHON", "/nonexistent")
