"""The one data path: form → validated model → context → rendered .docx → atomic write.

``cli.py`` calls these functions only; nothing here prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Issue, OutputError, ValidationFailed
from .forms import LoadedForm, Loaders, load, register_settings
from .produce import document_info, layout_of, render_model  # noqa: F401 (the pipeline's API)

if TYPE_CHECKING:
    from .sources import Located
from .model import DocumentForm
from .naming import final_file_name
from .packaging import atomic_write, exists


@dataclass
class Report:
    """What a run did: files written and warnings to show."""

    written: list[Path] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


def render_loaded(loaded: LoadedForm, *, draft_mark: bool = True) -> bytes:
    """The form's .docx bytes; a draft carries the "DỰ THẢO" mark, a final does not. ``draft_mark``
    False: a draft without the mark — the unnumbered copy of an electronic document, whose number
    and date the clerk's signature adds (``vanban sign --role co-quan``)."""
    return render_model(loaded.spec, loaded.model, loaded.base, draft=draft_mark and loaded.mode != "final")


def loaders() -> Loaders:
    """What kinds may read besides their form: other forms, and awardee sheets with a decision
    form (the batch's reader) for a proposal."""
    from .batch import proposal_decision

    def form(path: Path):
        return load(path, loaders=full).model

    full = Loaders(form=form, proposal=proposal_decision, awardees=sheet_awardees)
    return full


def sheet_awardees(path: Path, table: dict | None, group_by: str | None, group: str | None, group_origin,
                   issues: list[Issue], skip_hidden: bool = False):
    """The checked rows of an awardee sheet (``group``: only the rows of that value of the
    ``group_by`` column), its problems added to ``issues``; None when a row has an error."""
    from .bonus import config_of
    from .errors import InputError
    from .sheets import read_awardees

    config = config_of(table)
    try:
        result = read_awardees(path, config=config, group_by=group_by, skip_hidden=skip_hidden)
    except InputError as exc:
        issues.append(Issue(exc.code, "danh_sach", None, str(path), dict(exc.params)))
        return None
    issues.extend(result.issues)
    if result.errors:
        return None
    rows = result.rows
    if group is not None:
        rows = [row for row in rows if row.nhom == group]
        if not rows:
            groups = sorted({row.nhom for row in result.rows if row.nhom})
            issues.append(Issue("to_trinh_group_unknown", "nhom", group_origin, group,
                                {"allowed": ", ".join(groups) or "—"}))
            return None
    return rows


def output_path(form_path: Path, output: Path | None, *, number: int | None = None,
                ky_hieu: str | None = None) -> Path:
    """``-o`` may name a file (``.docx``) or a folder; by default the cwd. A draft takes the form's
    name (``ke-hoach.docx``); a final with its ``number`` is named after it (``1626-kh-bql.docx``,
    :mod:`~generator.naming`), so that the final never replaces the draft."""
    if output is not None and output.suffix.lower() == ".docx":
        return output
    if number is not None and ky_hieu:
        name = final_file_name(number, ky_hieu)
    else:
        name = form_path.with_suffix(".docx").name
    return (Path.cwd() if output is None else output) / name


@dataclass
class Issued(Report):
    """What ``render --final`` did: the file written and the number it carries."""

    number: str = ""  # "1626/KH-BQL": from the register, or typed in the form (--no-register)


def generate(form_path: str | Path, output: str | Path | None = None, *, mode: str = "draft",
             force: bool = False, use_register: bool = False, draft_mark: bool = True) -> Report:
    """Validate a form and write its document. Nothing is written when validation fails.

    A draft carries the "DỰ THẢO" mark and the form's name; a final (``mode="final"``) has no mark
    and is named after its number (see :func:`output_path`), and any placeholder left in it
    (:mod:`~generator.placeholders`) refuses it before a number is taken.

    With ``use_register`` (``vanban render --final``) the number comes from the register of
    outgoing documents — or a number given in the form is checked against it — in one
    transaction with writing the file: the number is issued only once the file exists, and
    voided with the reason if writing fails.
    """
    form_path = Path(form_path)
    output = Path(output) if output is not None else None
    loaded = check(form_path, mode=mode, use_register=use_register)
    model = loaded.model
    final = mode == "final" and isinstance(model, DocumentForm)  # an annex-only file has no number

    def target_for(number: int | None) -> Path:
        return output_path(form_path, output, number=number if final else None,
                           ky_hieu=getattr(model, "ky_hieu", None))

    def refuse_existing(target: Path) -> None:
        if exists(target) and not force:  # a dangling symlink counts: nothing replaced without --force
            raise OutputError("output_exists", path=str(target))

    settings = register_settings(loaded.located) if (use_register and final) else None
    if settings is None or not settings.enabled:
        target = target_for(model.so if final else None)
        refuse_existing(target)
        atomic_write(target, render_loaded(loaded, draft_mark=draft_mark), force=force)
        if final and model.so is not None:
            return Issued([target], loaded.warnings, number=_full_number(model.so, model.ky_hieu))
        return Report([target], loaded.warnings)
    from .register import Register

    with Register.from_settings(settings) as register:
        if model.so is None:  # the next number names the file: refuse an existing one before taking it
            _refuse_issued_twice(register, model)
            series = register.series_for(model.TYPE_CODE)
            refuse_existing(target_for(register.next_number(model.ngay.year, series)))
        else:
            refuse_existing(target_for(model.so))
        with register.issuing() as session:
            entry = session.reserve(kind=model.KIND, type_code=model.TYPE_CODE, ky_hieu=model.ky_hieu,
                                    date=model.ngay, trich_yeu=model.trich_yeu,
                                    signer=model.nguoi_ky.ho_ten if model.nguoi_ky else "",
                                    recipients=list(model.noi_nhan), number=model.so,
                                    path=lambda e: target_for(e.number))
            target = target_for(entry.number)
            refuse_existing(target)  # another process took the number looked at above
            loaded.model = model.model_copy(update={"so": entry.number})
            session.write(entry, target, render_loaded(loaded), force=force)
    return Issued([target], loaded.warnings, number=entry.ky_hieu_full)


def _refuse_issued_twice(register, model) -> None:
    """The same document (kind, ký hiệu, date and trích yếu) already issued, not voided: a second
    ``--final`` (or a second click on the web app's issue button) takes no second number."""
    for entry in register.list(model.ngay.year, model.KIND, status="issued"):
        if (entry.ky_hieu, entry.date, entry.trich_yeu) == (model.ky_hieu, model.ngay, model.trich_yeu):
            raise OutputError("final_already_issued", so_ky_hieu=entry.ky_hieu_full, year=entry.year,
                              path=str(entry.path or "-"))


def _full_number(number: int, ky_hieu: str) -> str:
    from .vn import format_number

    return f"{format_number(number)}/{ky_hieu}"


def check(form_path: str | Path, *, mode: str = "draft", use_register: bool = False,
          text: str | None = None, data: Located | None = None) -> LoadedForm:
    """Validate a form and everything it names (a plan, a sheet, the Excel ranges of its tables):
    the document model is built once, so what would fail while writing fails here, before any
    file is written or any number taken. ``text``: the form's content when it is not read from
    ``form_path`` (the web app), which still names it and locates what it refers to; ``data``:
    the form as plain data already located (:func:`~generator.sources.load_data`, the web app's
    check as the clerk types)."""
    from . import placeholders

    loaded = load(Path(form_path), mode=mode, numbered_by_register=use_register, loaders=loaders(), text=text,
                  data=data)
    found = placeholders.find(loaded.located)
    if found and mode == "final":  # refused before any number is taken or any file written
        raise ValidationFailed(placeholders.as_errors(found) + loaded.warnings)
    loaded.warnings.extend(found)
    loaded.spec.build(loaded.model, loaded.base)
    return loaded


def sample_forms(folder: Path) -> list[Path]:
    """The forms under a folder that render on their own: YAML files with a ``loai`` (profiles
    and tables are skipped, and so are batch forms: decisions whose list is a sheet)."""
    from .sources import load_form

    forms = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*/*.yaml")]):
        data = load_form(path).data
        if "loai" in data and not is_batch_form(data):
            forms.append(path)
    return forms


def is_batch_form(data: dict) -> bool:
    return data.get("loai") == "quyet-dinh-khen-thuong" and "danh_sach" not in data


def sample_batches(folder: Path) -> list[tuple[Path, Path]]:
    """(sheet, form) pairs of the bundled batch samples: ``danh-sach.xlsx`` beside ``quyet-dinh.yaml``."""
    return [(sheet, sheet.with_name("quyet-dinh.yaml")) for sheet in sorted(folder.glob("*/danh-sach.xlsx"))
            if sheet.with_name("quyet-dinh.yaml").exists()]


def plan_batch(sheet: str | Path, form_path: str | Path, output: str | Path, options):
    """Read and check a batch (the sheet's rows and the decision form) before anything is written;
    raise :class:`ValidationFailed` with every problem (``Danh sách!D7``, form lines)."""
    from .batch import plan

    return plan(Path(sheet), Path(form_path), Path(output), options)


def execute_batch(sheet: str | Path, form_path: str | Path, output: str | Path, options, progress=None,
                  counted=None):
    """:func:`plan_batch` and :func:`run_batch` in one, the workers rendering the first rows of a
    one-decision-per-row batch while the rest of the sheet is read (``counted``: the number of
    decisions, once known)."""
    from .batch import execute

    return execute(Path(sheet), Path(form_path), Path(output), options, progress=progress, counted=counted)


def run_batch(planned, progress=None):
    """Render the planned decisions — each through the same path as :func:`generate` — and publish
    them all or nothing."""
    from .batch import run

    return run(planned, progress=progress)
