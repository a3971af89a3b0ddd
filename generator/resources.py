"""Where the bundled templates, samples and starter forms are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name  # a source checkout or an editable install


def templates_dir() -> Path:
    return _data_dir("templates")


def samples_dir() -> Path:
    return _data_dir("samples")


def template_path(name: str) -> Path:
    return templates_dir() / name


def starters_dir() -> Path:
    return _PACKAGE / "starters"
