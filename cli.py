"""The ``vanban`` command: parse options, call ``generator``, print, map errors to exit codes.

Messages go to stderr in Vietnamese by default (``--lang en`` or ``VANBAN_LANG=en`` for English).
A user error never prints a traceback: each error class has its own exit code (see
``generator.errors``).
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from generator import pipeline
from generator.errors import OutputError, ValidationFailed, VanbanError
from generator.kinds import KINDS
from generator.messages import LANGUAGES, format_error, format_issue, text
from generator.packaging import atomic_write
from generator.resources import samples_dir, starters_dir, templates_dir

KIND_NAMES = sorted(KINDS)


def _say(message: str) -> None:
    click.echo(message, err=True)


def handle_errors(command):
    """Turn toolkit errors into messages and exit codes; let programming errors surface."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        lang = ctx.find_root().params.get("lang") or "vi"
        try:
            return command(*args, **kwargs)
        except ValidationFailed as exc:
            for issue in exc.issues:
                prefix = text("label_error" if issue.is_error else "label_warning", lang)
                if issue.is_error:
                    _say(f"{prefix}: {format_issue(issue, lang)}")
                else:
                    _say(format_issue(issue, lang))
            _say(format_error(exc, lang))
            ctx.exit(exc.exit_code)
        except VanbanError as exc:
            _say(f"{text('label_error', lang)}: {format_error(exc, lang)}")
            ctx.exit(exc.exit_code)

    return wrapper


def _lang(ctx: click.Context) -> str:
    return ctx.find_root().params.get("lang") or "vi"


def _warnings(warnings, lang: str) -> None:
    for issue in warnings:
        _say(format_issue(issue, lang))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(LANGUAGES), envvar="VANBAN_LANG", default="vi",
              show_default=True, help="Ngôn ngữ thông báo / message language.")
@click.version_option(package_name="vanban")
def main(lang: str) -> None:
    """vanban: văn bản hành chính theo Nghị định 30/2020/NĐ-CP, xuất ra Word (.docx)."""


mode_option = click.option("--draft/--final", "draft", default=True, show_default=True,
                           help="Dự thảo (số có thể để trống) hay bản chính thức (bắt buộc số và ngày).")


@main.command()
@click.argument("form", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Tệp .docx hoặc thư mục đích (mặc định: thư mục hiện tại).")
@mode_option
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.pass_context
@handle_errors
def render(ctx: click.Context, form: Path, output: Path | None, draft: bool, force: bool) -> None:
    """Tạo văn bản .docx từ một mẫu điền FORM (YAML/JSON)."""
    lang = _lang(ctx)
    report = pipeline.generate(form, output, mode="draft" if draft else "final", force=force)
    _warnings(report.warnings, lang)
    for path in report.written:
        _say(text("written", lang, path=path))


@main.command()
@click.argument("form", type=click.Path(path_type=Path))
@mode_option
@click.pass_context
@handle_errors
def check(ctx: click.Context, form: Path, draft: bool) -> None:
    """Chỉ kiểm tra mẫu điền FORM, không ghi tệp."""
    lang = _lang(ctx)
    mode = "draft" if draft else "final"
    loaded = pipeline.check(form, mode=mode)
    _warnings(loaded.warnings, lang)
    _say(text("form_ok", lang, path=form, kind=loaded.spec.kind, mode=mode))


@main.command()
@click.argument("kind", type=click.Choice(KIND_NAMES))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Tệp cần tạo (mặc định: KIND.yaml).")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.pass_context
@handle_errors
def new(ctx: click.Context, kind: str, output: Path | None, force: bool) -> None:
    """Tạo mẫu điền có chú thích cho loại văn bản KIND."""
    spec = KINDS[kind]
    target = output or Path(f"{kind}.yaml")
    atomic_write(target, (starters_dir() / spec.starter).read_bytes(), force=force)
    _say(text("starter_written", _lang(ctx), path=target))


@main.command()
@click.argument("kind", type=click.Choice(KIND_NAMES))
def schema(kind: str) -> None:
    """In JSON Schema của mẫu điền KIND (để trình soạn thảo gợi ý và kiểm tra)."""
    model = KINDS[kind].model
    click.echo(json.dumps(model.model_json_schema(mode="validation"), ensure_ascii=False, indent=2))


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Thư mục đích.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.pass_context
@handle_errors
def demo(ctx: click.Context, output: Path, force: bool) -> None:
    """Tạo toàn bộ văn bản mẫu đi kèm (samples/) vào thư mục OUT."""
    lang = _lang(ctx)
    forms = sorted(p for p in samples_dir().glob("*.yaml") if p.name != "co-quan.yaml")
    # Validate everything first: nothing is written if any sample is wrong.
    targets = [pipeline.output_path(form, output) for form in forms]
    if not force:
        for target in targets:
            if target.exists():
                raise OutputError("output_exists", path=str(target))
    loaded = [pipeline.check(form) for form in forms]
    for item, target in zip(loaded, targets):
        atomic_write(target, pipeline.render_loaded(item), force=force)
        _warnings(item.warnings, lang)
        _say(text("written", lang, path=target))
    _say(text("demo_done", lang, count=len(forms), path=output))


@main.command(name="templates")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Thư mục đích (mặc định: templates/ của mã nguồn).")
@click.pass_context
@handle_errors
def build_templates(ctx: click.Context, output: Path | None) -> None:
    """Dựng lại các mẫu .docx trong templates/ từ mã (generator.layout)."""
    from generator.template_builder import build_all

    destination = output or templates_dir()
    written = build_all(destination)
    _say(text("templates_built", _lang(ctx), count=len(written), path=destination))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
