"""Our own samples, rendered through the pipeline, lint clean (zero errors)."""

from __future__ import annotations

import pytest

from generator.lint import lint_file

from .conftest import SAMPLES


@pytest.mark.parametrize("name", [p.stem for p in SAMPLES], ids=[p.stem for p in SAMPLES])
def test_every_rendered_sample_lints_without_errors(rendered_samples, name):
    rendered = rendered_samples[name]
    if isinstance(rendered, Exception):
        pytest.fail(f"sample {name} could not be rendered: {rendered!r}")
    report = lint_file(rendered)
    assert not report.has_errors, report.to_text("en")
