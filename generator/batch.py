"""Batch-produce commendation decisions (and certificates, and one print file) from a sheet.

Two phases, so that nothing is half-written:

1. :func:`plan` reads the decision form and the sheet, groups the rows, numbers the decisions and
   validates every decision — every problem of every row and of the form is collected (with its
   sheet cell or form line) before anything is written.
2. :func:`run` renders the decisions (on several cores), writes every file into a staging folder
   inside the output folder, and only when all of them exist moves them into place. A crash or
   Ctrl-C leaves no file behind; running again finishes the job: a file already there with the same
   bytes is left alone, a different one needs ``--force``.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import shutil
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import bonus, certificates, forms
from .errors import Issue, Origin, OutputError, ValidationFailed
from .kinds import KINDS
from .kinds.quyet_dinh import QuyetDinhKhenThuong
from .merge import merge_files
from .pipeline import document_info
from .render import DocumentInfo, compiled
from .sheets import AwardeeRow, read_awardees
from .sources import Located
from .vn import format_number, slugify, vn_upper

KIND = "quyet-dinh-khen-thuong"
_AWARDEE_FIELDS = ("stt", "ho_ten", "chuc_vu", "don_vi", "doi_tuong", "hinh_thuc", "thanh_tich", "so_tien",
                   "ghi_chu")


@dataclass
class Options:
    group_by: str | None = None  # one decision per value of this column
    per_row: bool = False  # one decision per awardee
    start_number: int | None = None  # the first decision's number (then +1 each)
    merge: Path | None = None  # one print file of every decision
    certificates: bool = False  # one print file of every Giấy khen
    pre_printed: bool = False  # certificates on pre-printed stock
    jobs: int = 1
    force: bool = False
    mode: str = "draft"


@dataclass
class Job:
    """One decision to write."""

    model: QuyetDinhKhenThuong
    target: Path
    label: str


@dataclass
class Plan:
    jobs: list[Job]
    warnings: list[Issue]
    output: Path
    options: Options
    template: str


@dataclass
class Result:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    summary: dict = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Phase 1: read, group, number, validate


def _groups(rows: list[AwardeeRow], options: Options) -> list[tuple[str, list[AwardeeRow]]]:
    if options.per_row:
        return [(row.ho_ten, [row]) for row in rows]
    if options.group_by:
        grouped: dict[str, list[AwardeeRow]] = defaultdict(list)
        for row in rows:
            grouped[row.nhom or ""].append(row)
        return list(grouped.items())
    return [("danh-sach", rows)]


def _awardee_data(rows: list[AwardeeRow]) -> tuple[list[dict], dict]:
    data, origins = [], {}
    for index, row in enumerate(rows):
        data.append({name: getattr(row, name) for name in _AWARDEE_FIELDS if getattr(row, name) is not None})
        origins[("danh_sach", index)] = row.origins.get("stt") or next(iter(row.origins.values()), None)
        for name, origin in row.origins.items():
            origins[("danh_sach", index, name)] = origin
    return data, origins


def file_name(number: int | None, ky_hieu: str, label: str, index: int) -> str:
    """``2890-qd-bql-nguyen-thi-thu-ha.docx``: number and name, ASCII, safe on every system."""
    head = format_number(number) if number is not None else f"du-thao-{index:03d}"
    return f"{head}-{slugify(ky_hieu, max_length=20)}-{slugify(label, max_length=60)}.docx"


def plan(sheet: Path, form_path: Path, output: Path, options: Options) -> Plan:
    spec, located, issues = forms.read(form_path)
    if spec.kind != KIND:
        raise ValidationFailed([Issue("batch_wrong_kind", "loai", located.origin_of(("loai",)), spec.kind,
                                      {"expected": KIND})])
    if "danh_sach" in located.data:
        issues.append(Issue("batch_form_has_list", "danh_sach", located.origin_of(("danh_sach",)), None, {},
                            severity="warning"))
    try:
        config = bonus.BonusConfig.model_validate(located.data["khen_thuong"]) \
            if located.data.get("khen_thuong") else bonus.DEFAULT_BONUS_CONFIG
    except Exception:  # reported with its location when the decisions are validated below
        config = bonus.DEFAULT_BONUS_CONFIG
    sheet_result = read_awardees(sheet, config=config, group_by=options.group_by)
    issues.extend(sheet_result.issues)
    groups = _groups(sheet_result.rows, options)
    start = options.start_number if options.start_number is not None else located.data.get("so")
    if isinstance(start, str) and start.strip().isdigit():
        start = int(start)
    jobs: list[Job] = []
    used: dict[Path, str] = {}
    per_group = located.data.get("theo_nhom") or {}
    base_data = {k: v for k, v in located.data.items() if k != "theo_nhom"}
    unknown = [name for name in per_group if name not in {label for label, _ in groups}]
    for name in unknown:
        issues.append(Issue("batch_group_unknown", f"theo_nhom.{name}", located.origin_of(("theo_nhom", name)),
                            name, {"allowed": ", ".join(label for label, _ in groups)}, severity="warning"))
    for index, (label, rows) in enumerate(groups):
        data = dict(base_data)
        overrides = per_group.get(label) or {}
        data.update(overrides)
        if options.per_row and isinstance(data.get("trich_yeu"), str):
            data["trich_yeu"] = data["trich_yeu"].replace("{ho_ten}", rows[0].ho_ten)
        awardees, origins = _awardee_data(rows)
        for key in overrides:
            for path, origin in located.origins.items():
                if path[:3] == ("theo_nhom", label, key):
                    origins[(key, *path[3:])] = origin
        data["danh_sach"] = awardees
        data["so"] = start + index if isinstance(start, int) else None
        group_located = Located(data, {**located.origins, **origins}, located.path)
        model = forms.validate(spec, group_located, issues, mode=options.mode)
        if model is None:
            continue
        target = output / file_name(model.so, model.ky_hieu, label, index + 1)
        if target in used:
            target = output / file_name(model.so, model.ky_hieu, f"{label}-{index + 1}", index + 1)
        used[target] = label
        jobs.append(Job(model, target, label))
    errors = [i for i in issues if i.is_error]
    if errors:
        raise ValidationFailed(issues)
    if not jobs:
        raise ValidationFailed([Issue("sheet_empty", "", Origin(str(sheet), sheet=sheet_result.sheet), None,
                                      {"sheet": sheet_result.sheet})])
    return Plan(jobs, [i for i in issues if not i.is_error], output, options, spec.template)


# --------------------------------------------------------------------------------------------
# Phase 2: render and write


def _render_one(template: str, job: Job, staging: Path) -> Path:
    info = document_info(job.model)
    context = KINDS[KIND].build_context(job.model)
    data = compiled(template, info.layout).render(context, info)
    path = staging / job.target.name
    with open(path, "wb") as handle:
        handle.write(data)
    return path


def _worker(args: tuple[str, Job, str]) -> str:
    template, job, staging = args
    return str(_render_one(template, job, Path(staging)))


def _same_bytes(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def run(batch: Plan, progress: Callable[[int], None] | None = None) -> Result:
    options = batch.options
    output = batch.output
    extra_targets = []
    if options.merge is not None:
        extra_targets.append(options.merge)
    if options.certificates:
        extra_targets.append(output / ("giay-khen-in-phoi.docx" if options.pre_printed else "giay-khen.docx"))
    try:
        output.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".vanban-batch-", dir=output))
    except OSError as exc:
        raise OutputError("output_unwritable", path=str(output), reason=exc.strerror or str(exc)) from exc
    try:
        staged = _render_all(batch, staging, progress)
        finals = {job.target: staged_path for job, staged_path in zip(batch.jobs, staged)}
        if options.merge is not None:
            merged = staging / ".in-an.docx"
            first = batch.jobs[0].model
            info = DocumentInfo(title=f"Bản in: {len(batch.jobs)} quyết định", author=vn_upper(first.co_quan_ban_hanh),
                                date=first.ngay, category="ban-in")
            merged.write_bytes(merge_files(staged, info))
            finals[options.merge] = merged
        if options.certificates:
            items = [(job.model, awardee) for job in batch.jobs for awardee in job.model.danh_sach]
            path = staging / ".giay-khen.docx"
            path.write_bytes(certificates.print_file(items, pre_printed=options.pre_printed))
            finals[extra_targets[-1]] = path
        return _move_into_place(finals, options.force, batch.warnings, batch)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _render_all(batch: Plan, staging: Path, progress) -> list[Path]:
    jobs = batch.jobs
    workers = max(1, min(batch.options.jobs, len(jobs), os.cpu_count() or 1))
    if workers == 1:
        paths = []
        for job in jobs:
            paths.append(_render_one(batch.template, job, staging))
            if progress:
                progress(1)
        return paths
    # Compile the template before forking: every worker inherits it ready to use.
    compiled(batch.template, document_info(jobs[0].model).layout)
    context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        paths = []
        args = [(batch.template, job, str(staging)) for job in jobs]
        for path in pool.map(_worker, args, chunksize=max(1, min(32, len(jobs) // (workers * 4) or 1))):
            paths.append(Path(path))
            if progress:
                progress(1)
        return paths


def _move_into_place(finals: dict[Path, Path], force: bool, warnings: list[Issue], batch: Plan) -> Result:
    """All files are complete in the staging folder; check conflicts, then rename them into place."""
    result = Result(warnings=list(warnings))
    conflicts = [target for target, staged in finals.items()
                 if target.exists() and not force and not _same_bytes(target, staged)]
    if conflicts:
        raise OutputError("output_exists", path=", ".join(str(c) for c in conflicts[:5])
                          + (f" (+{len(conflicts) - 5})" if len(conflicts) > 5 else ""))
    for target, staged in finals.items():
        if target.exists() and _same_bytes(target, staged):
            result.unchanged.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(staged, 0o644)
        os.replace(staged, target)
        result.written.append(target)
    result.summary = summary(batch, result)
    return result


def summary(batch: Plan, result: Result) -> dict:
    awardees = [a for job in batch.jobs for a in job.model.danh_sach]
    by_form = Counter(a.hinh_thuc for a in awardees)
    money: dict[str, int] = defaultdict(int)
    for a in awardees:
        money[a.hinh_thuc] += a.amount
    return {
        "quyet_dinh": len(batch.jobs),
        "tep_da_ghi": [str(p) for p in result.written],
        "tep_giu_nguyen": [str(p) for p in result.unchanged],
        "so_nguoi_theo_hinh_thuc": dict(by_form),
        "so_tien_theo_hinh_thuc": dict(money),
        "tong_tien": sum(money.values()),
        "canh_bao": len(result.warnings),
    }
