from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import sample_forms

ROOT = Path(__file__).resolve().parents[2]
# Every sample form that renders on its own (profiles, bonus tables and batch forms are not; the
# batch's outputs are linted in tests/test_batch.py).
SAMPLES = sample_forms(ROOT / "samples")
BASE_SAMPLE = "ke-hoach-1626-KH-BQL"


@pytest.fixture(scope="session")
def rendered_samples(tmp_path_factory) -> dict[str, Path | Exception]:
    """Every sample form rendered once per session through the pipeline (or the error it raised,
    so that one broken sample fails its own test, not the whole suite)."""
    from generator import pipeline
    from generator.errors import VanbanError

    out = tmp_path_factory.mktemp("samples")
    rendered: dict[str, Path | Exception] = {}
    for form in SAMPLES:
        try:
            rendered[form.stem] = pipeline.generate(form, out, force=True).written[0]
        except VanbanError as exc:
            rendered[form.stem] = exc
    return rendered


@pytest.fixture(scope="session")
def good_docx(rendered_samples) -> Path:
    """The seed plan 1626/KH-BQL: the base from which broken variants are built."""
    result = rendered_samples[BASE_SAMPLE]
    if isinstance(result, Exception):
        raise result
    return result
