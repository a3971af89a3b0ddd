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


PROFILE_NAME = "co-quan.yaml"  # the agency profile a command looks for in the current folder


def sample_profile() -> Path:
    """The bundled sample agency profile (another agency's: for the samples and for trying vanban)."""
    return samples_dir() / PROFILE_NAME


def profile_or_sample(folder: Path | None = None) -> tuple[Path, bool]:
    """The agency profile a command reads when none is named: ``co-quan.yaml`` in ``folder`` (the
    current folder), else the bundled sample profile. The flag is True for the sample: the caller
    says so (issue 14, item 11), since its agency, signers and lists are not the clerk's."""
    local = (folder or Path(".")) / PROFILE_NAME
    if local.is_file():
        return local, False
    return sample_profile(), True
