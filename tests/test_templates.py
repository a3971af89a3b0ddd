"""Templates are built from code: the committed files equal a rebuild, and each template's
placeholders are exactly the keys its kind's context builder produces."""

from __future__ import annotations

import io
import zipfile

import pytest

from generator import template_builder
from generator.kinds import KINDS
from generator.render import jinja_env, template_variables
from generator.resources import template_path
from tests.conftest import SAMPLES
from tests.docx_helpers import canonical
from lxml import etree


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: canonical(etree.fromstring(z.read(name))) for name in z.namelist()}


@pytest.mark.parametrize("name", sorted(template_builder.TEMPLATES))
def test_rebuilding_a_template_gives_the_committed_xml_parts(name):
    committed = _parts(template_path(name).read_bytes())
    rebuilt = _parts(template_builder.template_bytes(name))
    assert sorted(committed) == sorted(rebuilt)
    for part_name in committed:
        assert committed[part_name] == rebuilt[part_name], part_name


@pytest.mark.parametrize("name", sorted(template_builder.TEMPLATES))
def test_a_template_is_a_lean_package(name):
    data = template_path(name).read_bytes()
    assert len(data) < 20_000
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
    assert "word/styles.xml" in names and "word/stylesWithEffects.xml" not in names


def _sample_for(kind: str):
    from generator.pipeline import sample_forms

    for path in sample_forms(SAMPLES):
        if f"loai: {kind}" in path.read_text(encoding="utf-8"):
            return path
    raise AssertionError(f"no sample for {kind}")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_template_placeholders_equal_the_writer_context_keys(kind):
    from generator.pipeline import check
    from generator.produce import document_context

    spec = KINDS[kind]
    loaded = check(_sample_for(kind))
    context, _ = document_context(spec, loaded.model, loaded.base)
    assert template_variables(spec.template) == set(context)


def test_every_kind_uses_the_one_template():
    assert {spec.template for spec in KINDS.values()} == {"van-ban.docx"}


def test_rendering_uses_autoescape_strict_undefined_and_a_sandbox():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = jinja_env()
    assert env.autoescape is True
    assert env.undefined is StrictUndefined
    assert isinstance(env, SandboxedEnvironment)


def test_document_properties_stay_in_their_namespace_when_docxcompose_is_loaded(tmp_path):
    """docxcompose remaps python-docx's ``cp`` prefix when imported; our core.xml must not care."""
    pytest.importorskip("docxcompose.properties")
    from generator import pipeline
    from tests.conftest import SEED_FORM

    for data in (template_builder.template_bytes("van-ban.docx"),
                 pipeline.generate(SEED_FORM, tmp_path).written[0].read_bytes()):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            core = package.read("docProps/core.xml").decode("utf-8")
        assert "custom-properties" not in core
        assert "<cp:category>" in core
