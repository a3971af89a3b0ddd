"""The one data path: form → validated model → context → rendered .docx → atomic write.

``cli.py`` calls these functions only; nothing here prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Issue, OutputError
from .forms import LoadedForm, Loaders, load, register_settings
from .produce import document_info, layout_of, render_model  # noqa: F401 (the pipeline's API)

if TYPE_CHECKING:
    from .sources import Located
from .model import DocumentForm
from .packaging import atomic_write, exists


@dataclass
class Report:
    """What a run did: files written and warnings to show."""

    written: list[Path] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


def render_loaded(loaded: LoadedForm) -> bytes:
    return render_model(loaded.spec, loaded.model, loaded.base)


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


def output_path(form_path: Path, output: Path | None) -> Path:
    """``-o`` may name a file (``.docx``) or a folder; by default the form's name in the cwd."""
    name = form_path.with_suffix(".docx").name
    if output is None:
        return Path.cwd() / name
    if output.suffix.lower() == ".docx":
        return output
    return output / name


def generate(form_path: str | Path, output: str | Path | None = None, *, mode: str = "draft",
             force: bool = False, use_register: bool = False) -> Report:
    """Validate a form and write its document. Nothing is written when validation fails.

    With ``use_register`` (``vanban render --final``) the number comes from the register of
    outgoing documents — or a number given in the form is checked against it — in one
    transaction with writing the file: the number is issued only once the file exists, and
    voided with the reason if writing fails.
    """
    form_path = Path(form_path)
    loaded = check(form_path, mode=mode, use_register=use_register)
    target = output_path(form_path, Path(output) if output is not None else None)
    if exists(target) and not force:  # a dangling symlink counts: nothing is replaced without --force
        raise OutputError("output_exists", path=str(target))
    numbered = isinstance(loaded.model, DocumentForm)  # an annex-only file has no number of its own
    settings = register_settings(loaded.located) if (use_register and numbered) else None
    if settings is None or not settings.enabled:
        atomic_write(target, render_loaded(loaded), force=force)
        return Report([target], loaded.warnings)
    from .register import Register

    model = loaded.model
    with Register.from_settings(settings) as register, register.issuing() as session:
        entry = session.reserve(kind=model.KIND, type_code=model.TYPE_CODE, ky_hieu=model.ky_hieu,
                                date=model.ngay, trich_yeu=model.trich_yeu, signer=model.nguoi_ky.ho_ten if model.nguoi_ky else "",
                                recipients=list(model.noi_nhan), number=model.so, path=target)
        loaded.model = model.model_copy(update={"so": entry.number})
        session.write(entry, target, render_loaded(loaded), force=force)
    return Report([target], loaded.warnings)


def check(form_path: str | Path, *, mode: str = "draft", use_register: bool = False,
          text: str | None = None, data: Located | None = None) -> LoadedForm:
    """Validate a form and everything it names (a plan, a sheet, the Excel ranges of its tables):
    the document model is built once, so what would fail while writing fails here, before any
    file is written or any number taken. ``text``: the form's content when it is not read from
    ``form_path`` (the web app), which still names it and locates what it refers to; ``data``:
    the form as plain data already located (:func:`~generator.sources.load_data`, the web app's
    check as the clerk types)."""
    loaded = load(Path(form_path), mode=mode, numbered_by_register=use_register, loaders=loaders(), text=text,
                  data=data)
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


def run_batch(planned, progress=None):
    """Render the planned decisions — each through the same path as :func:`generate` — and publish
    them all or nothing."""
    from .batch import run

    return run(planned, progress=progress)
