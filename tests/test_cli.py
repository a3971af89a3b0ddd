"""The `vanban` command: exit codes per error class, messages on stderr, files written or not."""

from __future__ import annotations

import json

import pytest

import cli
from generator import pipeline, template_builder
from generator.errors import InputError, OutputError, RenderError, TemplateError, ValidationFailed
from generator.kinds import KINDS
from tests.conftest import SAMPLES, SEED_FORM
from tests.forms import base_form, changed, write_yaml


def invoke(runner, *args, **kwargs):
    return runner.invoke(cli.main, list(map(str, args)), catch_exceptions=False, **kwargs)


def test_render_writes_the_document_and_says_so(runner, tmp_path):
    result = invoke(runner, "render", SEED_FORM, "-o", tmp_path, "--final", "--no-register")
    assert result.exit_code == 0, result.output
    target = tmp_path / "1626-kh-bql.docx"  # a final is named after its number
    assert target.exists() and target.stat().st_size > 5000
    assert f"Đã lấy số 1626/KH-BQL cho bản chính thức: {target}" in result.stderr


def test_render_never_overwrites_without_force(runner, tmp_path):
    invoke(runner, "render", SEED_FORM, "-o", tmp_path)
    target = tmp_path / "ke-hoach-1626-KH-BQL.docx"
    before = target.stat().st_mtime_ns
    result = invoke(runner, "render", SEED_FORM, "-o", tmp_path)
    assert result.exit_code == OutputError.exit_code
    assert "--force" in result.stderr and "Traceback" not in result.output
    assert target.stat().st_mtime_ns == before
    assert invoke(runner, "render", SEED_FORM, "-o", tmp_path, "--force").exit_code == 0


def test_a_form_with_errors_writes_nothing_and_exits_with_the_validation_code(runner, tmp_path):
    form = write_yaml(tmp_path / "sai.yaml", changed(so=0, noi_nhan=["UBND tỉnh"]))
    result = invoke(runner, "render", form, "-o", tmp_path / "out")
    assert result.exit_code == ValidationFailed.exit_code
    assert "sai.yaml:" in result.stderr and "so:" in result.stderr and "noi_nhan:" in result.stderr
    assert "chưa ghi tệp nào" in result.stderr
    assert not (tmp_path / "out").exists()


def test_messages_are_in_english_on_request(runner, tmp_path):
    form = write_yaml(tmp_path / "bad.yaml", changed(so=0))
    result = invoke(runner, "--lang", "en", "render", form, "-o", tmp_path)
    assert "must be 1 or more" in result.stderr and "nothing was written" in result.stderr


@pytest.mark.parametrize(
    "content,expected",
    [("loai: ke-hoach\nso: [1\n", "YAML"), (None, "không tìm thấy")],
    ids=["yaml-syntax-error", "missing-file"],
)
def test_unreadable_input_exits_with_the_input_code(runner, tmp_path, content, expected):
    form = tmp_path / "f.yaml"
    if content is not None:
        form.write_text(content, encoding="utf-8")
    result = invoke(runner, "render", form, "-o", tmp_path)
    assert result.exit_code == InputError.exit_code
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_a_missing_template_exits_with_the_template_code(runner, tmp_path, monkeypatch):
    from dataclasses import replace

    from generator import kinds

    monkeypatch.setitem(kinds.KINDS, "ke-hoach", replace(kinds.KINDS["ke-hoach"], template="khong-co.docx"))
    result = invoke(runner, "render", SEED_FORM, "-o", tmp_path)
    assert result.exit_code == TemplateError.exit_code
    assert "khong-co.docx" in result.stderr


def test_a_context_missing_a_placeholder_exits_with_the_render_code(runner, tmp_path, monkeypatch):
    from generator import writer

    complete = writer.context

    def incomplete(document, layout):
        context = complete(document, layout)
        del context["ten_loai"]
        return context

    monkeypatch.setattr(writer, "context", incomplete)
    result = invoke(runner, "render", SEED_FORM, "-o", tmp_path)
    assert result.exit_code == RenderError.exit_code
    assert "ten_loai" in result.stderr
    assert not list(tmp_path.iterdir())


def test_check_validates_without_writing(runner, tmp_path):
    result = invoke(runner, "check", SEED_FORM, "--final")
    assert result.exit_code == 0 and "hợp lệ" in result.stderr
    form = write_yaml(tmp_path / "draft.yaml", base_form())
    assert invoke(runner, "check", form).exit_code == 0
    assert invoke(runner, "check", form, "--final", "--no-register").exit_code == ValidationFailed.exit_code
    assert invoke(runner, "check", form, "--final").exit_code == 0  # the register will number it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.yaml"]


def test_new_writes_a_commented_starter_that_passes_check(runner, tmp_path):
    target = tmp_path / "ke-hoach.yaml"
    result = invoke(runner, "new", "ke-hoach", "-o", target)
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Mẫu điền")
    assert invoke(runner, "check", target).exit_code == 0
    assert invoke(runner, "new", "ke-hoach", "-o", target).exit_code == OutputError.exit_code


def test_schema_prints_the_forms_json_schema(runner):
    result = invoke(runner, "schema", "ke-hoach")
    schema = json.loads(result.stdout)
    assert {"so", "ngay", "trich_yeu", "nguoi_ky", "noi_nhan", "giai_doan"} <= set(schema["properties"])
    assert "trich_yeu" in schema["required"]


def test_demo_renders_every_bundled_sample_and_can_be_run_again(runner, tmp_path):
    result = invoke(runner, "demo", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    forms = sorted(p.stem for p in pipeline.sample_forms(SAMPLES))
    written = {p.relative_to(tmp_path).with_suffix("") for p in tmp_path.rglob("*.docx")}
    assert {p.relative_to(SAMPLES).with_suffix("") for p in pipeline.sample_forms(SAMPLES)} <= written
    assert len(forms) >= len(KINDS)  # every kind, the new shapes and the real documents
    batch_out = tmp_path / "khen-thuong"
    assert {"in-an.docx", "giay-khen.docx", "du-thao-2890-qd-bql-hoan-thanh-xuat-sac-nhiem-vu.docx"} <= {
        p.name for p in batch_out.glob("*.docx")}
    # Run again into its own output (the README's first command, twice): replaced or kept as it is,
    # and a clerk's edit is never overwritten without --force.
    out = tmp_path
    docx = {p: p.read_bytes() for p in out.rglob("*.docx")}
    again = invoke(runner, "demo", "-o", out)  # the README's first command, run twice
    assert again.exit_code == 0, again.stderr
    assert {p: p.read_bytes() for p in out.rglob("*.docx")} == docx  # the same documents again
    assert "giống hệt lần trước" in again.stderr
    assert not [p for p in tmp_path.parent.iterdir() if ".vanban-demo-" in p.name]  # no staging left
    edited = out / "ke-hoach-1626-KH-BQL.docx"
    edited.write_bytes(edited.read_bytes() + b"clerk")
    refused = invoke(runner, "demo", "-o", out)
    assert refused.exit_code == OutputError.exit_code
    assert "ke-hoach-1626-KH-BQL.docx" in refused.stderr and "--force" in refused.stderr
    assert edited.read_bytes().endswith(b"clerk")


def test_render_accepts_an_output_file_name_and_a_draft_without_number(runner, tmp_path):
    form = write_yaml(tmp_path / "draft.yaml", base_form())
    target = tmp_path / "ban-nhap.docx"
    assert invoke(runner, "render", form, "-o", target).exit_code == 0
    from tests.docx_helpers import paragraphs

    assert "Số:      /KH-BQL" in [p.text for p in paragraphs(target)]


def test_the_templates_command_rebuilds_the_committed_templates(runner, tmp_path):
    result = invoke(runner, "templates", "-o", tmp_path)
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(template_builder.TEMPLATES)
