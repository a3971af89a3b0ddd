"""The ``vanban`` command: parse options, call ``generator``, print, map errors to exit codes.

Messages go to stderr in Vietnamese by default (``--lang en`` or ``VANBAN_LANG=en`` for English).
A user error never prints a traceback: each error class has its own exit code (see
``generator.errors``).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from pathlib import Path

import click
import click._textwrap as click_textwrap

from generator.errors import InputError, Issue, ValidationFailed, VanbanError
from generator.messages import (
    CLICK_VI, HELP, HELP_EXAMPLES, KIND_TITLES, LANGUAGES, format_error, format_issue, text,
)
from generator.packaging import atomic_write
from generator.resources import starters_dir, templates_dir

# The kinds' names and titles for help come from the messages: `vanban new --help` needs no kind
# module (a test keeps KIND_TITLES and the registry in step). Commands import the registry lazily.
KIND_NAMES = sorted(KIND_TITLES)


# --- one language at a time: Click's own texts and every command's help (issue 14) -------------
# Click asks gettext for its texts ("Usage:", "Show this message and exit.", "Missing option"):
# its modules' ``_`` answer from ``CLICK_VI`` while the language is Vietnamese. The help of each
# command and option is Vietnamese in its decorator; ``HELP`` (messages.py) has the English.
_LANGUAGE = ["vi"]


def _click_gettext(message: str) -> str:
    return CLICK_VI.get(message, message) if _LANGUAGE[0] == "vi" else message


def _click_ngettext(singular: str, plural: str, count: int) -> str:
    return _click_gettext(singular if count == 1 else plural)


for _module in ("click.core", "click.exceptions", "click.formatting", "click.types", "click.parser",
                "click.decorators", "click.termui"):
    if _module in sys.modules:
        for _name, _function in (("_", _click_gettext), ("ngettext", _click_ngettext)):
            if hasattr(sys.modules[_module], _name):
                setattr(sys.modules[_module], _name, _function)


class _WholeWords(click_textwrap.TextWrapper):
    """Help lines break between words only: never inside ``quyet-dinh-khen-thuong``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("break_on_hyphens", False)
        super().__init__(*args, **kwargs)


click_textwrap.TextWrapper = _WholeWords


def _language_of(args: list[str]) -> str:
    """The language asked for on the command line (``--lang en``, ``--lang=en``) or in VANBAN_LANG."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1] if args[index + 1] in LANGUAGES else "vi"
        if arg.startswith("--lang="):
            return arg.partition("=")[2] if arg.partition("=")[2] in LANGUAGES else "vi"
    return os.environ.get("VANBAN_LANG") if os.environ.get("VANBAN_LANG") in LANGUAGES else "vi"


@contextlib.contextmanager
def _help_in_language(command: click.Command, ctx: click.Context):
    """Swap in the help texts of the current language while Click formats the help."""
    lang, key = _LANGUAGE[0], " ".join(ctx.command_path.split()[1:])
    saved: list[tuple[object, object]] = []

    def swap(obj: object, *keys: str) -> None:
        for k in keys:
            new = HELP.get(k, {}).get(lang)
            if new is not None:
                saved.append((obj, obj.help))
                obj.help = new
                return

    swap(command, key)
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            name = "help" if param is command.get_help_option(ctx) else param.name
            swap(param, f"{key}.{name}" if key else name, name)
    for name, sub in getattr(command, "commands", {}).items():
        swap(sub, f"{key} {name}".strip())
    try:
        yield
    finally:
        for obj, value in reversed(saved):
            obj.help = value


class _Command(click.Command):
    """A command whose help, usage and examples come in the language asked for."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _help_in_language(self, ctx):
            super().format_help(ctx, formatter)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        if _LANGUAGE[0] == "vi":
            pieces = [{"[OPTIONS]": "[TÙY CHỌN]", "COMMAND [ARGS]...": "LỆNH [THAM SỐ]..."}.get(p, p)
                      for p in pieces]
        return pieces

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        lang = _LANGUAGE[0]
        if any(isinstance(p.type, KindChoice) for p in self.params):
            with formatter.section(text("help_kinds", lang)):  # one kind a line: never cut at a hyphen
                formatter.write_dl([(kind, KIND_TITLES.get(kind, {}).get(lang, "")) for kind in KIND_NAMES])
        examples = HELP_EXAMPLES.get(" ".join(ctx.command_path.split()[1:]))
        if examples:
            with formatter.section(text("help_examples", lang)):
                for example in examples:
                    formatter.write_text(example)


class _Group(_Command, click.Group):
    command_class = _Command
    group_class = type  # subgroups (vanban so) are _Group too

    def main(self, args=None, *rest, **extra):
        arguments = list(sys.argv[1:] if args is None else args)
        _LANGUAGE[0] = _language_of(arguments)
        return super().main(arguments, *rest, **extra)


class KindChoice(click.ParamType):
    """A document kind; a misspelt one (``ke-hoch``, ``kế hoạch``) gets "Có phải ý bạn là …?"."""

    name = "kind"

    def get_metavar(self, *args, **kwargs) -> str:
        return "KIND"

    def convert(self, value, param, ctx):
        from generator.suggest import closest

        if value in KIND_NAMES:
            return value
        lang = _LANGUAGE[0]
        message = text("kind_choice_unknown", lang, value=value, allowed=", ".join(KIND_NAMES))
        suggestion = closest(str(value), KIND_NAMES)
        if suggestion:
            message = f"{message}. {text('did_you_mean', lang, suggestion=suggestion)}"
        self.fail(message, param, ctx)


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
            if isinstance(exc, InputError):  # unreadable input: the same summary as validation errors
                _say(format_error(ValidationFailed([Issue(exc.code)]), lang))
            ctx.exit(exc.exit_code)

    return wrapper


def _lang(ctx: click.Context) -> str:
    return ctx.find_root().params.get("lang") or "vi"


def _warnings(warnings, lang: str) -> None:
    for issue in warnings:
        _say(format_issue(issue, lang))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(LANGUAGES), envvar="VANBAN_LANG", default="vi",
              show_default=True, help="Ngôn ngữ thông báo / message language.")
@click.version_option(package_name="vanban")
def main(lang: str) -> None:
    """vanban: văn bản hành chính theo Nghị định 30/2020/NĐ-CP, xuất ra Word (.docx)."""


mode_option = click.option("--draft/--final", "draft", default=True, show_default=True,
                           help="Dự thảo (số có thể để trống) hay bản chính thức (bắt buộc số và ngày).")
register_option = click.option(
    "--register/--no-register", "use_register", default=True, show_default=True,
    help="Bản chính thức lấy số từ sổ văn bản đi (hoặc kiểm tra số đã ghi); --no-register khi đánh số nơi khác.")


@main.command()
@click.argument("form", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Tệp .docx hoặc thư mục đích (mặc định: thư mục hiện tại).")
@mode_option
@register_option
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.option("--pdf", "pdf", is_flag=True, help="Xuất thêm bản PDF cạnh tệp .docx (cần LibreOffice).")
@click.option("--pdfa", "pdfa", is_flag=True, help="Bản PDF theo chuẩn lưu trữ PDF/A-2b (kèm --pdf).")
@click.option("--draft-mark/--no-draft-mark", "draft_mark", default=True, show_default=True,
              help="Dự thảo có dấu DỰ THẢO ở trang 1; --no-draft-mark cho bản để ký số (số, ngày cấp khi ký).")
@click.pass_context
@handle_errors
def render(ctx: click.Context, form: Path, output: Path | None, draft: bool, use_register: bool, force: bool,
           pdf: bool = False, pdfa: bool = False, draft_mark: bool = True) -> None:
    """Tạo văn bản .docx từ một mẫu điền FORM (YAML/JSON)."""
    lang = _lang(ctx)
    pdf = pdf or pdfa
    if pdf:  # LibreOffice is checked before anything is written
        from generator.pdf import require_soffice

        require_soffice()
    from generator import pipeline
    from generator.register import observe

    with observe() as seen:
        report = pipeline.generate(form, output, mode="draft" if draft else "final", force=force,
                                   use_register=use_register and not draft, draft_mark=draft_mark)
    _warnings(report.warnings, lang)
    _say_register(seen, lang)
    for path in report.written:
        if getattr(report, "number", ""):  # a final: the number it took names its file
            _say(text("final_numbered", lang, number=report.number, path=path))
        else:
            _say(text("written", lang, path=path))
    if pdf:
        _export_pdfs(report.written, None, lang, pdfa=pdfa, force=force)


@main.command()
@click.argument("form", type=click.Path(path_type=Path))
@mode_option
@register_option
@click.pass_context
@handle_errors
def check(ctx: click.Context, form: Path, draft: bool, use_register: bool) -> None:
    """Chỉ kiểm tra mẫu điền FORM, không ghi tệp."""
    from generator import pipeline

    lang = _lang(ctx)
    mode = "draft" if draft else "final"
    loaded = pipeline.check(form, mode=mode, use_register=use_register and not draft)
    _warnings(loaded.warnings, lang)
    _say(text("form_ok", lang, path=form, kind=loaded.spec.kind, mode=text(f"mode_{mode}", lang)))


@main.command()
@click.argument("kind", type=KindChoice())
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Tệp cần tạo (mặc định: KIND.yaml, hoặc KIND.xlsx với --xlsx).")
@click.option("--xlsx", is_flag=True, help="Tạo bảng Excel danh sách khen thưởng để điền (quyết định khen thưởng).")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.pass_context
@handle_errors
def new(ctx: click.Context, kind: str, output: Path | None, xlsx: bool, force: bool) -> None:
    """Tạo mẫu điền có chú thích cho loại văn bản KIND."""
    from generator.kinds import KINDS

    spec = KINDS[kind]
    if xlsx:
        if kind != "quyet-dinh-khen-thuong":
            raise click.UsageError(text("xlsx_only_for_decisions", _lang(ctx)))
        import tempfile

        from generator.bonus import DEFAULT_BONUS_CONFIG
        from generator.starter_workbook import write_starter_workbook

        target = output or Path("danh-sach-khen-thuong.xlsx")
        with tempfile.TemporaryDirectory() as tmp:
            built = write_starter_workbook(Path(tmp) / "danh-sach.xlsx", DEFAULT_BONUS_CONFIG)
            atomic_write(target, built.read_bytes(), force=force)
    else:
        target = output or Path(f"{kind}.yaml")
        atomic_write(target, (starters_dir() / spec.starter).read_bytes(), force=force)
    _say(text("starter_written", _lang(ctx), path=target))
    if not xlsx:  # its example agency, signer and "..." must go before it can be issued
        from generator.placeholders import find
        from generator.sources import load_form

        count = len(find(load_form(target)))
        if count:
            _say(text("starter_fill_in", _lang(ctx), path=target, count=count))


@main.command()
@click.argument("kind", type=KindChoice())
@click.pass_context
def schema(ctx: click.Context, kind: str) -> None:
    """In JSON Schema của mẫu điền KIND (để trình soạn thảo gợi ý và kiểm tra)."""
    from generator.kinds import KINDS
    from generator.labels import kind_schema

    click.echo(json.dumps(kind_schema(KINDS[kind].model, _lang(ctx)), ensure_ascii=False, indent=2))


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Thư mục đích.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.pass_context
@handle_errors
def demo(ctx: click.Context, output: Path, force: bool) -> None:
    """Tạo toàn bộ văn bản mẫu đi kèm (samples/) vào thư mục OUT, kể cả một đợt khen thưởng.

    Chạy lại được: tệp do demo ghi và chưa ai sửa thì được thay; tệp đã sửa hoặc tệp khác chỉ bị
    ghi đè khi có --force."""
    from generator.demo import run_demo

    lang = _lang(ctx)
    result = run_demo(output, force=force)
    _warnings(result.warnings, lang)
    signed = set(result.signed)
    for path in result.written:
        _say(text("demo_signed" if path in signed else "written", lang, path=path))
    if result.unchanged:
        _say(text("demo_unchanged", lang, count=len(result.unchanged)))
    _say(text("demo_done", lang, count=result.documents, path=output))


def _profile_or_sample(ctx: click.Context, given: Path | None) -> Path:
    """The profile named with --profile, else ./co-quan.yaml, else the bundled sample profile —
    and then the command says so, once, on stderr (issue 14, item 11)."""
    from generator.resources import profile_or_sample

    if given is not None:
        return given
    path, sample = profile_or_sample()
    if sample:
        _say(text("profile_sample_used", _lang(ctx), path=path))
    return path


@main.command(name="lists")
@click.option("--profile", "profile_path", type=click.Path(path_type=Path), default=None,
              help="Hồ sơ cơ quan (mặc định: co-quan.yaml ở thư mục hiện tại, hoặc hồ sơ mẫu).")
@click.pass_context
@handle_errors
def lists(ctx: click.Context, profile_path: Path | None) -> None:
    """In các danh sách nơi nhận có tên trong hồ sơ cơ quan (dùng bằng "@tên")."""
    from generator.forms import load_profile

    profile = load_profile(_profile_or_sample(ctx, profile_path))
    for name, value in profile.noi_nhan.items():
        group, items = ("thuc-hien", value) if isinstance(value, list) else (value.nhom, value.muc)
        click.echo(f"@{name}  ({group})")
        for item in items:
            click.echo(f"    - {item}")


@main.command(name="giay-khen-can-chinh")
@click.option("--profile", "profile_path", type=click.Path(path_type=Path), default=None,
              help="Hồ sơ cơ quan có mục giay_khen (mặc định: co-quan.yaml ở thư mục hiện tại, hoặc hồ sơ mẫu).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("giay-khen-can-chinh.docx"),
              show_default=True, help="Tệp .docx của trang căn chỉnh.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.pass_context
@handle_errors
def certificate_calibration(ctx: click.Context, profile_path: Path | None, output: Path, force: bool) -> None:
    """Trang căn chỉnh để in Giấy khen trên phôi: in ra giấy thường, đặt lên phôi, đo độ lệch."""
    from generator.certificates import calibration_page
    from generator.forms import load_profile

    profile = load_profile(_profile_or_sample(ctx, profile_path))
    settings = profile.giay_khen
    atomic_write(output, calibration_page(settings, author=profile.co_quan_ban_hanh.upper()), force=force)
    _say(text("calibration_written", _lang(ctx), path=output, stock=settings.phoi,
              dx=f"{settings.lech_ngang_mm:g}", dy=f"{settings.lech_doc_mm:g}"))


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


@main.command()
@click.argument("sheet", type=click.Path(path_type=Path))
@click.option("--form", "form", type=click.Path(path_type=Path), required=True,
              help="Mẫu điền phần chung của quyết định (YAML).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Thư mục đích.")
@click.option("--group-by", "group_by", default=None, help="Mỗi giá trị của cột này là một quyết định.")
@click.option("--per-row", is_flag=True, help="Mỗi dòng (mỗi người, tập thể) một quyết định.")
@click.option("--start-number", type=click.IntRange(min=1), default=None, help="Số của quyết định đầu tiên.")
@click.option("--merge", "merge", type=click.Path(path_type=Path), default=None,
              help="Gộp mọi quyết định vào một tệp để in.")
@click.option("--certificates", is_flag=True, help="Tạo Giấy khen (một tệp in cho tất cả).")
@click.option("--pre-printed", is_flag=True, help="Giấy khen in trên phôi: bỏ phần chữ in sẵn.")
@click.option("--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True,
              help="Số tiến trình song song.")
@mode_option
@register_option
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.option("--json", "as_json", is_flag=True, help="In tóm tắt dạng JSON (stdout).")
@click.option("--pdf", "pdf", is_flag=True, help="Xuất thêm PDF cho mọi tệp đã ghi (cần LibreOffice).")
@click.option("--pdfa", "pdfa", is_flag=True, help="Bản PDF theo chuẩn lưu trữ PDF/A-2b (kèm --pdf).")
@click.pass_context
@handle_errors
def batch(ctx: click.Context, sheet: Path, form: Path, output: Path, group_by: str | None, per_row: bool,
          start_number: int | None, merge: Path | None, certificates: bool, pre_printed: bool, jobs: int,
          draft: bool, use_register: bool, force: bool, as_json: bool, pdf: bool, pdfa: bool = False) -> None:
    """Làm hàng loạt quyết định khen thưởng (kèm danh sách, Giấy khen, tệp in) từ bảng SHEET (.xlsx/.csv)."""
    from generator import batch as batch_mod
    from generator import pipeline
    from generator.vn import format_amount

    lang = _lang(ctx)
    if group_by and per_row:
        raise click.UsageError(text("batch_group_and_row", lang))
    if pdf or pdfa:  # LibreOffice is checked before anything is written
        from generator.pdf import require_soffice

        require_soffice()
    options = batch_mod.Options(group_by=group_by, per_row=per_row, start_number=start_number, merge=merge,
                                certificates=certificates, pre_printed=pre_printed, jobs=jobs, force=force,
                                mode="draft" if draft else "final", use_register=use_register and not draft)
    from generator.register import observe

    with observe() as seen, _ProgressBar(text("batch_progress", lang)) as bar:
        result = pipeline.execute_batch(sheet, form, output, options, progress=bar.update, counted=bar.start)
    _say_outcomes(result.recovered, lang)
    _warnings(result.warnings, lang)
    _say_register(seen, lang, reused=result.reused)
    if (pdf or pdfa) and result.written:
        _export_pdfs([p for p in result.written if p.suffix == ".docx"], None, lang, pdfa=pdfa, force=force,
                     jobs=jobs)
    data = result.summary
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _say(text("batch_summary", lang, count=data["quyet_dinh"], written=len(data["tep_da_ghi"]),
              unchanged=len(data["tep_giu_nguyen"]), warnings=data["canh_bao"]))
    for form_name, count in data["so_nguoi_theo_hinh_thuc"].items():
        money = format_amount(data["so_tien_theo_hinh_thuc"][form_name])
        _say(text("batch_summary_form", lang, form=form_name, count=count, money=money))
    _say(text("batch_summary_total", lang, money=format_amount(data["tong_tien"])))


class _ProgressBar:
    """A progress bar on stderr that appears once the number of steps is known (a batch counts
    its decisions as it reads the sheet)."""

    def __init__(self, label: str) -> None:
        self.label, self.bar = label, None

    def start(self, length: int) -> None:
        self.bar = click.progressbar(length=length, label=self.label, file=sys.stderr)
        self.bar.__enter__()

    def update(self, steps: int) -> None:
        if self.bar is not None:
            self.bar.update(steps)

    def __enter__(self) -> "_ProgressBar":
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _export_pdfs(paths: list[Path], outdir: Path | None, lang: str, *, pdfa: bool = False,
                 force: bool = False, jobs: int = 1) -> list[Path]:
    """PDFs next to each .docx (or in ``outdir``), ``jobs`` LibreOffice workers per output folder."""
    from generator.pdf import convert_to_pdf

    groups: dict[Path, list[Path]] = {}
    for path in paths:
        groups.setdefault(outdir or path.parent, []).append(path)
    written: list[Path] = []
    for folder, group in groups.items():
        for pdf_path in convert_to_pdf(group, folder, pdfa=pdfa, force=force, jobs=jobs):
            _say(text("pdf_written", lang, path=pdf_path))
            written.append(pdf_path)
    return written


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Dạng kết quả / output format.")
@click.pass_context
@handle_errors
def lint(ctx: click.Context, files: tuple[Path, ...], output_format: str) -> None:
    """Kiểm tra thể thức các tệp .docx theo Nghị định 30 (mã thoát: 0 đạt, 1 có lỗi, 2 không đọc được tệp)."""
    from generator.lint import LintReadError, lint_file, reports_json

    _check_files(ctx, files, lint_file, LintReadError, output_format,
                 json_of=reports_json, text_of=lambda report, lang: report.to_text(lang),
                 failed=lambda report: report.has_errors)


def _check_files(ctx: click.Context, files, check, unreadable_error, output_format: str, *, json_of, text_of,
                 failed) -> None:
    """Check each file and report (lint, verify): exit 0 all good, 1 a file has problems, 2 a file
    could not be read — every file is checked whatever the others gave."""
    lang = _lang(ctx)
    reports, unreadable = [], []
    for path in files:
        try:
            reports.append(check(path))
        except unreadable_error as exc:
            message = format_error(exc, lang)
            unreadable.append({"file": str(path), "code": exc.code, "message": message})
            if output_format == "text":
                _say(f"{text('label_error', lang)}: {message}")
    if output_format == "json":
        click.echo(json_of(reports, lang, unreadable))
    else:
        for report in reports:
            click.echo(text_of(report, lang))
    if unreadable:
        ctx.exit(2)
    ctx.exit(1 if any(failed(report) for report in reports) else 0)


@main.command(name="pdf")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--outdir", type=click.Path(path_type=Path), default=None,
              help="Thư mục ghi PDF (mặc định: cạnh mỗi tệp .docx).")
@click.option("--pdfa", "pdfa", is_flag=True, help="Xuất theo chuẩn lưu trữ PDF/A-2b (nhúng phông chữ).")
@click.option("--force", is_flag=True, help="Ghi đè tệp PDF đã có.")
@click.option("--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True,
              help="Số tiến trình LibreOffice song song.")
@click.pass_context
@handle_errors
def pdf_command(ctx: click.Context, files: tuple[Path, ...], outdir: Path | None, pdfa: bool = False,
                force: bool = False, jobs: int = 1) -> None:
    """Xuất các tệp .docx sang PDF bằng LibreOffice (JOBS tiến trình, mỗi tiến trình một hồ sơ riêng)."""
    _export_pdfs(list(files), outdir, _lang(ctx), pdfa=pdfa, force=force, jobs=jobs)


# --- vanban web (generator.web) --------------------------------------------------------------

@main.command(name="web")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Địa chỉ lắng nghe; khác 127.0.0.1/localhost thì phải có mã truy cập (in ra khi khởi động).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Cổng (0: chọn cổng trống).")
@click.option("--open", "open_browser", is_flag=True, help="Mở trình duyệt.")
@click.option("--folder", type=click.Path(path_type=Path, file_okay=False, exists=True), default=Path("."),
              show_default=True, help="Thư mục làm việc: chỉ đọc, ghi tệp trong thư mục này.")
@click.pass_context
@handle_errors
def web(ctx: click.Context, host: str, port: int, open_browser: bool, folder: Path) -> None:
    """Bàn làm việc văn thư: điền, kiểm tra, xem trước, ban hành văn bản trong trình duyệt."""
    from generator.resources import PROFILE_NAME
    from generator.web.server import serve

    if not (folder / PROFILE_NAME).is_file():  # the samples: use the sample profile; new forms: none
        _say(text("web_profile_missing", _lang(ctx), folder=folder.resolve()))
    serve(folder, host=host, port=port, lang=_lang(ctx), open_browser=open_browser, say=_say)


# --- sổ văn bản đi (generator.register) ------------------------------------------------------

def _register_options(command):
    command = click.option("--profile", "profile", type=click.Path(path_type=Path), default=None,
                           help="Hồ sơ cơ quan; đọc đường dẫn sổ ở so_van_ban.duong_dan.")(command)
    return click.option("--register", "register_path", default=None,
                        help="Tệp sổ văn bản đi, hoặc postgresql://… (mặc định: theo hồ sơ, biến "
                             "VANBAN_REGISTER_URL, hoặc ./so-van-ban.sqlite3).")(command)


def _register_location(register_path: str | None, settings):
    """--register (a file or a postgresql:// URL), else the profile's register, else
    VANBAN_REGISTER_URL, else ./so-van-ban.sqlite3."""
    from generator.register.location import resolve

    return resolve(register_path, settings)


def _open_register(register_path: str | None, profile: Path | None, lang: str):
    """Open an existing register and settle what stopped processes left behind (and say so)."""
    from generator.register import Register, settings_from_profile

    settings = settings_from_profile(profile) if profile is not None else None
    register = Register(_register_location(register_path, settings), policy=settings.policy if settings else None,
                        agency=settings.agency if settings else None, create=False, recover=False)
    _say_recovered(register.recover(), lang)
    _say_outcomes(register.outcomes, lang)
    return register


def _say_recovered(entries, lang: str) -> None:
    from generator.register import STATUS_VI

    if len(entries) > 5:
        for status in sorted({e.status for e in entries}):
            chosen = [e for e in entries if e.status == status]
            _say(text("register_recovered", lang, so_ky_hieu=_number_list(chosen), year=chosen[0].year,
                      trang_thai=STATUS_VI[status], status=status))
        return
    for entry in entries:
        _say(text("register_recovered", lang, so_ky_hieu=entry.ky_hieu_full, year=entry.year,
                  trang_thai=STATUS_VI[entry.status], status=entry.status))


def _number_list(entries) -> str:
    """``01–30, 35 (2025)``: numbers of one register as ranges, per year and series."""
    from generator.vn import format_number

    groups: dict[tuple, list[int]] = {}
    for entry in entries:
        groups.setdefault((entry.year, entry.series, entry.ky_hieu), []).append(entry.number)
    parts = []
    for (year, series, ky_hieu), numbers in sorted(groups.items()):
        numbers = sorted(set(numbers))
        ranges, start = [], numbers[0]
        for previous, current in zip(numbers, [*numbers[1:], None]):
            if current != previous + 1:
                ranges.append(format_number(start) if start == previous
                              else f"{format_number(start)}–{format_number(previous)}")
                start = current
        parts.append(f"{', '.join(ranges)}/{ky_hieu}")
    return "; ".join(parts)


def _say_register(seen, lang: str, reused=()) -> None:
    """Every --final says which numbers it issued and from which register (and a register it
    created on first use)."""
    for path in seen.created:
        _say(text("register_created", lang, path=path))
    by_register: dict = {}
    for entry, path in seen.issued:
        by_register.setdefault(path, []).append(entry)
    for path, entries in by_register.items():
        if len(entries) == 1:
            entry = entries[0]
            _say(text("register_issued_one", lang, so_ky_hieu=entry.ky_hieu_full, year=entry.year, path=path))
        else:
            years = sorted({e.year for e in entries})
            _say(text("register_issued_many", lang, count=len(entries), year=", ".join(map(str, years)),
                      numbers=_number_list(entries), path=path))
    if reused:
        _say(text("register_reused", lang, count=len(reused), numbers=_number_list(reused)))


def _say_outcomes(outcomes, lang: str) -> None:
    """What recovery did with the staging folders of batches killed earlier."""
    for outcome in outcomes:
        if outcome.action == "forward":
            _say(text("publish_rolled_forward", lang, folder=outcome.output, count=outcome.moved))
        elif outcome.action == "back":
            removed = ""
            if outcome.moved:
                removed = (f" ({outcome.moved} file(s) removed)" if lang == "en"
                           else f" ({outcome.moved} tệp đã gỡ)")
            _say(text("publish_rolled_back", lang, folder=outcome.output, removed=removed))


def _status_text(status: str, lang: str) -> str:
    return text(f"register_status_{status}", lang)


@main.group(name="so")
def so_group() -> None:
    """Sổ đăng ký văn bản đi: xem, hủy số, xuất Excel, kiểm tra tệp."""


@so_group.command(name="list")
@click.option("--year", type=int, default=None, help="Chỉ năm này.")
@click.option("--kind", default=None, help="Chỉ loại này (tên loại như ke-hoach, hoặc mã như KH).")
@click.option("--series", default=None, help="Chỉ sổ này (chung, mat, sao, KH…).")
@_register_options
@click.pass_context
@handle_errors
def so_list(ctx: click.Context, year: int | None, kind: str | None, series: str | None,
            register_path: str | None, profile: Path | None) -> None:
    """Liệt kê các số trong sổ."""
    lang = _lang(ctx)
    with _open_register(register_path, profile, lang) as register:
        entries = register.list(year, kind, series=series)
    if not entries:
        _say(text("register_list_empty", lang))
        return
    rows = [[e.ky_hieu_full, e.date_text, f"{e.year}/{e.series}", _status_text(e.status, lang), e.title]
            for e in entries]
    header = [text(f"register_col_{c}", lang) for c in ("number", "date", "series", "status", "title")]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        click.echo("  ".join([*(cell.ljust(w) for cell, w in zip(row, widths)), row[4]]).rstrip())


@so_group.command(name="show")
@click.argument("number")
@click.option("--year", type=int, default=None, help="Năm (mặc định: năm gần nhất có số này).")
@click.option("--series", default=None, help="Sổ, khi số có ở nhiều sổ.")
@_register_options
@click.pass_context
@handle_errors
def so_show(ctx: click.Context, number: str, year: int | None, series: str | None,
            register_path: str | None, profile: Path | None) -> None:
    """Xem một số (NUMBER: 5, 05 hoặc 05/KH-BQL) và lịch sử của nó."""
    lang = _lang(ctx)
    with _open_register(register_path, profile, lang) as register:
        entry = register.show(number, year, series)
        history = register.audit(entry)
    fields = [
        ("register_col_number", entry.ky_hieu_full),
        ("register_field_year", str(entry.year)),
        ("register_col_series", entry.series),
        ("register_col_date", entry.date_text),
        ("register_field_kind", f"{entry.kind} ({entry.type_code or '-'})"),
        ("register_col_title", entry.title),
        ("register_field_signer", entry.signer or "-"),
        ("register_field_recipients", "; ".join(entry.recipients) or "-"),
        ("register_field_file", f"{entry.path or '-'}" + (f" (SHA-256 {entry.sha256})" if entry.sha256 else "")),
        ("register_col_status", _status_text(entry.status, lang)),
    ]
    if entry.reason:
        fields.append(("register_field_reason", entry.reason))
    for code, value in fields:
        click.echo(f"{text(code, lang)}: {value}")
    click.echo(f"{text('register_field_history', lang)}:")
    for record in history:
        click.echo(f"  {_when(record.at)}  {record.who}  {_action_text(record.action, lang)}  "
                   f"{_status_text(record.after['status'], lang)}")


def _action_text(action: str, lang: str) -> str:
    from generator.messages import MESSAGES

    code = f"register_action_{action}"
    return text(code, lang) if code in MESSAGES else action


def _when(stamp: str) -> str:
    """A register time stamp (ISO 8601) as a clerk reads it: ``13/04/2023 09:15`` in local time."""
    import datetime

    try:
        moment = datetime.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


@so_group.command(name="void")
@click.argument("number")
@click.option("--reason", required=True, help="Lý do hủy số (ghi vào sổ).")
@click.option("--year", type=int, default=None, help="Năm của số (bắt buộc khi số có ở nhiều năm).")
@click.option("--series", default=None, help="Sổ, khi số có ở nhiều sổ.")
@click.option("--user", default=None, help="Người hủy (mặc định: người dùng máy).")
@click.option("--yes", "-y", "yes", is_flag=True, help="Không hỏi xác nhận.")
@_register_options
@click.pass_context
@handle_errors
def so_void(ctx: click.Context, number: str, reason: str, year: int | None, series: str | None,
            user: str | None, register_path: str | None, profile: Path | None, yes: bool = False) -> None:
    """Hủy một số (đang giữ hoặc đã cấp); số đã hủy không bao giờ dùng lại."""
    lang = _lang(ctx)
    with _open_register(register_path, profile, lang) as register:
        shown = register.show(number, year, series)  # an unknown number is refused before asking
        if not yes:
            if not sys.stdin.isatty():
                raise click.UsageError(text("void_needs_yes", lang))
            if not click.confirm(text("void_confirm", lang, number=f"{shown.ky_hieu_full} ({shown.year})"),
                                 default=False, err=True):
                _say(text("void_cancelled", lang))
                ctx.exit(1)
        entry = register.void(number, reason, year, series, user=user)
    _say(text("register_voided", lang, so_ky_hieu=entry.ky_hieu_full, year=entry.year, reason=entry.reason))


@so_group.command(name="export")
@click.argument("output", type=click.Path(path_type=Path))
@click.option("--year", type=int, default=None, help="Năm của sổ (mặc định: năm gần nhất trong sổ).")
@click.option("--series", default=None, help="Chỉ sổ này (mặc định: mỗi sổ một trang tính).")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@_register_options
@click.pass_context
@handle_errors
def so_export(ctx: click.Context, output: Path, year: int | None, series: str | None, force: bool,
              register_path: str | None, profile: Path | None) -> None:
    """Xuất sổ đăng ký văn bản đi ra tệp Excel OUTPUT (.xlsx, theo mẫu Phụ lục IV) hoặc .csv."""
    import datetime

    from generator.sources import load_form

    lang = _lang(ctx)
    agency = None
    if profile is not None:
        agency = str(load_form(profile).data.get("co_quan_ban_hanh") or "").replace("\n", " ") or None
    with _open_register(register_path, profile, lang) as register:
        years = register.years()
        year = year or (years[-1] if years else datetime.date.today().year)
        if output.suffix.lower() == ".csv":
            register.export_csv(output, year, series=series, force=force)
        else:
            register.export_xlsx(output, year, series=series, agency=agency, force=force)
        count = len(register.list(year, series=series))
    _say(text("register_exported", lang, year=year, count=count, path=output))


@so_group.command(name="init")
@_register_options
@click.pass_context
@handle_errors
def so_init(ctx: click.Context, register_path: str | None, profile: Path | None) -> None:
    """Tạo sổ văn bản đi mới (bước bắt buộc trước lần cấp số đầu tiên); thư mục phải có sẵn."""
    from generator.register import Register, settings_from_profile

    lang = _lang(ctx)
    settings = settings_from_profile(profile) if profile is not None else None
    register = Register.init(_register_location(register_path, settings), settings)
    with register:
        if register.created:
            _say(text("register_created", lang, path=register.location))
        else:
            _say(text("register_exists", lang, path=register.location, count=len(register.list())))


@so_group.command(name="verify")
@click.option("--year", type=int, default=None, help="Chỉ năm này.")
@click.option("--repair", is_flag=True,
              help="Xử lý đợt làm hàng loạt bị dừng: ghi nốt hoặc gỡ bỏ, hủy số đang giữ, xóa thư mục tạm.")
@_register_options
@click.pass_context
@handle_errors
def so_verify(ctx: click.Context, year: int | None, register_path: str | None,
              profile: Path | None, repair: bool = False) -> None:
    """Kiểm tra sổ: tệp của mỗi số đã cấp còn đó và đúng mã băm SHA-256, số đã hủy không còn tệp,
    không còn số treo hay thư mục tạm của đợt làm hàng loạt bị dừng."""
    from generator.errors import RegisterError

    lang = _lang(ctx)
    with _open_register(register_path, profile, lang) as register:
        if repair:
            before = len(register.outcomes)
            _say_recovered(register.repair(), lang)
            _say_outcomes(register.outcomes[before:], lang)
        problems = register.verify(year)
        count = len(register.list(year))
    for problem in problems:
        label = text("label_error" if problem.is_error else "label_warning", lang)
        _say(f"{label}: {text(problem.code, lang, **problem.params)}")
    errors = sum(1 for p in problems if p.is_error)
    if errors:
        raise RegisterError("register_verify_failed", path=str(register.path), errors=errors,
                            warnings=len(problems) - errors)
    _say(text("register_verify_ok", lang, path=register.path, count=count))


@so_group.command(name="migrate")
@click.option("--to", "target", required=True, help="Sổ đích trên máy chủ: postgresql://người-dùng@máy/csdl.")
@click.option("--agency", default=None,
              help="Mã cơ quan trong sổ dùng chung (mặc định: so_van_ban.co_quan hoặc ma_co_quan của hồ sơ).")
@click.option("--allow-existing", is_flag=True,
              help="Vẫn chuyển khi sổ đích đã có số của cơ quan này trong cùng sổ, cùng năm.")
@click.option("--user", default=None, help="Người chuyển (ghi vào nhật ký; mặc định: người dùng hệ thống).")
@_register_options
@click.pass_context
@handle_errors
def so_migrate(ctx: click.Context, target: str, agency: str | None, allow_existing: bool, user: str | None,
               register_path: str | None, profile: Path | None) -> None:
    """Chuyển sổ SQLite sang PostgreSQL cùng toàn bộ lịch sử (số đã hủy, nhật ký), rồi kiểm tra."""
    from generator.register import settings_from_profile
    from generator.register.migrate import migrate_register
    from generator.register.process import current_user

    lang = _lang(ctx)
    settings = settings_from_profile(profile) if profile is not None else None
    source = Path(register_path) if register_path else (settings.path if settings else None)
    if source is None:
        from generator.register import DEFAULT_FILE_NAME

        source = Path(DEFAULT_FILE_NAME)
    result = migrate_register(source, target, agency=agency or (settings.agency if settings else None),
                              user=user or current_user(), allow_existing=allow_existing)
    _say(text("register_migrated", lang, source=result.source, target=result.target, agency=result.agency,
              entries=result.entries, audit=result.audit, digest=result.digest[:12]))


# --- chữ ký số: vanban sign / vanban verify (generator.sign) ---------------------------------

def _secret(password_file: Path | None, prompt_code: str, lang: str) -> bytes:
    """The key password or token PIN: from a file (first line), else asked for; never an argument."""
    from generator.sign.errors import SignError

    if password_file is not None:
        try:
            lines = password_file.read_bytes().splitlines()
        except OSError as exc:
            raise SignError("sign_password_file_unreadable", path=str(password_file)) from exc
        return lines[0] if lines else b""
    return click.prompt(text(prompt_code, lang), hide_input=True, default="", show_default=False,
                        err=True).encode("utf-8")


def _day(value: str | None):
    if value is None:
        return None
    from generator.vn import LanguageError, parse_date

    try:
        return parse_date(value)
    except LanguageError as exc:
        raise click.BadParameter(exc.message(_lang(click.get_current_context())), param_hint="--ngay") from exc


@main.command(name="sign")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--role", type=click.Choice(["nguoi-ky", "co-quan"]), required=True,
              help="nguoi-ky: người có thẩm quyền ký trước; co-quan: văn thư ký số cơ quan (kèm dấu).")
@click.option("--cert", "cert", type=click.Path(path_type=Path), default=None, help="Tệp khóa PKCS#12 (.p12/.pfx).")
@click.option("--password-file", type=click.Path(path_type=Path), default=None,
              help="Tệp chứa mật khẩu (dòng đầu); không có thì hỏi. Không bao giờ ghi mật khẩu trên dòng lệnh.")
@click.option("--pkcs11-lib", type=click.Path(path_type=Path), default=None,
              help="Thư viện PKCS#11 của token/HSM (thay cho --cert); mã PIN hỏi hoặc --password-file.")
@click.option("--token-label", default=None, help="Nhãn token PKCS#11.")
@click.option("--key-label", default=None, help="Nhãn khóa (và chứng thư) trên token PKCS#11.")
@click.option("--slot", type=int, default=None, help="Số khe (slot) PKCS#11.")
@click.option("--image", type=click.Path(path_type=Path), default=None,
              help="Ảnh chữ ký (xanh) hoặc ảnh dấu (đỏ), PNG nền trong suốt.")
@click.option("--image-mm", type=click.FloatRange(min=5, max=80), default=None,
              help="Đường kính dấu thật (mm) khi ảnh dấu không ghi DPI.")
@click.option("--attachment-of", default=None,
              help="Tệp là phụ lục/tài liệu kèm theo văn bản số này (ví dụ 1626/KH-BQL): dòng 10 pt góc trên phải.")
@click.option("--so", "number", type=click.IntRange(min=1), default=None, help="Số văn bản (khi không lấy từ sổ).")
@click.option("--ngay", "day", default=None, help="Ngày văn bản (mặc định: hôm nay).")
@click.option("--register", "register_path", default=None,
              help="Sổ văn bản đi (tệp hoặc postgresql://…): lấy số tiếp theo (khi văn bản chưa có số).")
@click.option("--profile", type=click.Path(path_type=Path), default=None,
              help="Hồ sơ cơ quan: sổ ở so_van_ban (duong_dan hoặc url).")
@click.option("--ho-ten", "name", default=None, help="Họ tên người ký in trên văn bản (khi có nhiều khối chữ ký).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Tệp hoặc thư mục ghi bản đã ký (mặc định: ký ngay vào tệp, thêm một lần cập nhật).")
@click.option("--force", is_flag=True, help="Ghi đè tệp đích đã có (với -o).")
@click.pass_context
@handle_errors
def sign_command(ctx: click.Context, files: tuple[Path, ...], role: str, cert: Path | None,
                 password_file: Path | None, pkcs11_lib: Path | None, token_label: str | None,
                 key_label: str | None, slot: int | None, image: Path | None, image_mm: float | None,
                 attachment_of: str | None, number: int | None, day: str | None, register_path: str | None,
                 profile: Path | None, name: str | None, output: Path | None, force: bool) -> None:
    """Ký số tệp PDF theo thứ tự Nghị định 30: người có thẩm quyền, rồi số và ngày, rồi cơ quan."""
    from generator.sign.errors import SignError
    from generator.sign.flow import SignRequest, sign_files
    from generator.sign.keys import KeySource

    lang = _lang(ctx)
    if (cert is None) == (pkcs11_lib is None):
        raise SignError("sign_key_missing")
    key = KeySource(p12=cert, pkcs11_lib=pkcs11_lib, token_label=token_label, key_label=key_label,
                    cert_label=key_label, slot=slot)
    if cert is not None and not cert.is_file():
        raise SignError("file_not_found", path=str(cert))
    if pkcs11_lib is not None and not pkcs11_lib.is_file():
        raise SignError("sign_pkcs11_module_missing", path=str(pkcs11_lib))
    secret = _secret(password_file, "sign_prompt_password" if cert else "sign_prompt_pin", lang)
    request = SignRequest(role=role, key=key, secret=secret, image=image, image_mm=image_mm,
                          attachment_of=attachment_of, number=number, day=_day(day), register=register_path,
                          profile=profile, name=name, output=output, force=force)
    for item in sign_files(list(files), request):
        signed = item.signed
        _say(text("sign_done", lang, role=role, path=item.target, signer=signed.signer,
                  time=signed.signed_at.isoformat(timespec="seconds")))
        if signed.role == "co-quan" and signed.date is not None:
            _say(text("sign_numbered", lang, number=signed.number or "-", date=signed.date.isoformat()))


@main.command(name="verify")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--trust", "trust", multiple=True, type=click.Path(path_type=Path),
              help="Chứng thư gốc tin cậy (PEM/DER); dùng nhiều lần được.")
@click.option("--profile", type=click.Path(path_type=Path), default=None,
              help="Hồ sơ cơ quan: chứng thư tin cậy ở chu_ky_so.tin_cay.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Dạng kết quả / output format.")
@click.pass_context
def verify_command(ctx: click.Context, files: tuple[Path, ...], trust: tuple[Path, ...], profile: Path | None,
                   output_format: str) -> None:
    """Kiểm tra chữ ký số và thể thức hiển thị (mã thoát: 0 đạt, 1 có vấn đề, 2 không đọc được tệp)."""
    from generator.errors import VanbanError
    from generator.sign.report import report_text, reports_json
    from generator.sign.verify import load_trust_roots, trust_paths_from_profile, verify_pdf

    lang = _lang(ctx)
    try:
        paths = list(trust) + (trust_paths_from_profile(profile) if profile is not None else [])
        roots = load_trust_roots(paths)
    except VanbanError as exc:
        _say(f"{text('label_error', lang)}: {format_error(exc, lang)}")
        ctx.exit(2)
    _check_files(ctx, files, lambda path: verify_pdf(path, roots), VanbanError, output_format,
                 json_of=reports_json, text_of=report_text, failed=lambda report: report.has_problems)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
