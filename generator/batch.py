"""Batch-produce commendation decisions (and certificates, and one print file) from a sheet.

Two phases, so that nothing is half-written:

1. :func:`plan` reads the decision form and the sheet, checks every row and groups the rows into
   decisions; every problem of every row and of the form is reported (with its sheet cell or form
   line) before anything is rendered.
2. :func:`run` validates each decision and hands it to worker processes that render it into a
   staging folder inside the output folder while the next one is validated; every validation
   problem is still collected, and only when every file exists are they moved into place. A crash
   or Ctrl-C leaves no file behind; running again finishes the job: a file already there with the
   same bytes is left alone, a different one needs ``--force``.

Publishing is all or nothing even under ``kill -9`` (:mod:`generator.publish`): the staging
folder has a journal, and a batch killed while its files were being moved into place is
completed by the next run (or the next open of the register, or ``vanban so verify --repair``),
its numbers issued; one killed before is rolled back, and with the register the numbers it had
reserved wait for a rerun, which reuses them for the same decisions instead of taking new ones.

:func:`execute` runs both phases overlapped where that pays — one decision per row, several jobs,
no register: the workers validate and render the rows already read while this process reads the
rest of the sheet (reading 1.000 rows is about a sixth of such a batch). The guarantees are the
same: a wrong row anywhere in the sheet stops the batch with every problem, and nothing is kept.

Memory stays flat with the number of decisions: a decision's data is dropped once it is handed to
a worker, and only what the print files and the summary need is kept.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import gc
import hashlib
import json
import multiprocessing
import os
import tempfile
from collections import ChainMap, Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from collections.abc import Mapping
import contextlib
from contextlib import contextmanager
from typing import Callable


from . import bonus, certificates, forms, placeholders, publish
from .errors import Issue, Origin, OutputError, RegisterError, ValidationFailed
from .kinds import KINDS
from .kinds.quyet_dinh import QuyetDinhKhenThuong
from .merge import merge_files, merge_partials
from .merge import partial as merge_partial
from .produce import document_info, render_model
from .render import DocumentInfo, compiled
from .sheets import AwardeeRow, read_awardees
from .sources import Located
from .model import flag
from .naming import final_file_name
from .vn import slugify, vn_upper

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
    use_register: bool = False  # final decisions take their numbers from the register

    @property
    def draft(self) -> bool:
        """Drafts carry the DỰ THẢO mark and are named ``du-thao-…``."""
        return self.mode != "final"


@dataclass
class Job:
    """One decision to write."""

    model: QuyetDinhKhenThuong
    target: Path
    label: str
    draft: bool = False  # a draft decision carries the "DỰ THẢO" mark, as vanban render's drafts do


@dataclass
class Group:
    """The data of one decision before validation (form facts + its rows, with their origins)."""

    index: int
    label: str
    located: Located


@dataclass
class Plan:
    spec: object
    groups: list[Group | None]
    issues: list[Issue]  # the form's and the sheet's (warnings only: errors stop plan())
    output: Path
    options: Options
    template: str
    form: Located | None = None

    def validate(self):
        """Validate each group into a :class:`Job`; problems are added to ``issues``.

        Each group is released once validated, so a long batch does not keep its input twice."""
        used: set[Path] = set()
        for position, group in enumerate(self.groups):
            self.groups[position] = None
            model = forms.validate(self.spec, group.located, self.issues, mode=self.options.mode,
                                   numbered_by_register=self.options.use_register)
            if model is None:
                continue
            yield Job(model, self.target(model, group.label, group.index, used), group.label,
                      draft=self.options.draft)

    def target(self, model: QuyetDinhKhenThuong, label: str, index: int, used: set[Path]) -> Path:
        """The output file of a decision: number and name (made unique within the batch)."""
        return self.target_of(model.so, model.ky_hieu, label, index, used)

    def target_of(self, number: int | None, ky_hieu: str, label: str, index: int, used: set[Path],
                  name: str = "") -> Path:
        """``name``: the file name already made (by a worker) for these values."""
        draft = self.options.draft
        target = self.output / (name or file_name(number, ky_hieu, label, index + 1, draft))
        if target in used:
            target = self.output / file_name(number, ky_hieu, f"{label}-{index + 1}", index + 1, draft)
        used.add(target)
        return target

    @cached_property
    def certificate_settings(self):
        """The agency profile's ``giay_khen`` (stock and offsets), validated with the profile
        (read once: the certificates' print file and their overflow check both need it)."""
        profile = getattr(self.form, "profile", None)
        model = forms.read_profile(profile).model if profile is not None else None
        return model.giay_khen if model is not None else None

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]


@dataclass
class Result:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    issued: list = field(default_factory=list)  # register entries issued (final batches)
    reused: list = field(default_factory=list)  # of those, numbers kept by an interrupted batch
    register: Path | None = None  # the register they came from
    recovered: list = field(default_factory=list)  # publish.Outcome of batches killed earlier here


@dataclass
class Decision:
    """What a run keeps of one validated decision, made where it was validated (a worker process
    or this one): small, so that a long batch does not hold its models."""

    index: int
    label: str
    so: int | None
    ky_hieu: str
    awards: list[tuple[str, int]]  # (hình thức, amount) of each awardee
    certificates: list[dict]  # the certificate context of each awardee (only with --certificates)
    author: str  # co_quan_ban_hanh and ngay: the print files' properties
    date: object
    staged: str = ""
    sha256: str = ""
    name: str = ""  # file_name() of the decision, made where it was validated

    @classmethod
    def of(cls, index: int, label: str, model: QuyetDinhKhenThuong, keep_for_certificates: bool) -> "Decision":
        return cls(index, label, model.so, model.ky_hieu, [(a.hinh_thuc, a.amount) for a in model.danh_sach],
                   [certificates.certificate_context(model, a) for a in model.danh_sach]
                   if keep_for_certificates else [], model.co_quan_ban_hanh, model.ngay)


@dataclass
class Rendered:
    """What a run keeps of the decisions it rendered: targets, staged files and the tallies."""

    targets: list[Path] = field(default_factory=list)
    staged: list[Path] = field(default_factory=list)  # in the order of targets
    hashes: list[str] = field(default_factory=list)  # SHA-256 of each staged file
    by_form: Counter = field(default_factory=Counter)
    money: dict = field(default_factory=lambda: defaultdict(int))
    certificate_contexts: list = field(default_factory=list)  # only with --certificates
    certificate_parts: list = field(default_factory=list)  # certificates.partial() of each range (workers)
    print_parts: list = field(default_factory=list)  # (first staged file, merge.partial()) of each range
    author: str = ""
    date: object = None

    def add(self, target: Path, decision: Decision) -> None:
        if not self.targets:
            self.author, self.date = decision.author, decision.date
        self.targets.append(target)
        self.staged.append(Path(decision.staged))
        self.hashes.append(decision.sha256)
        for form, amount in decision.awards:
            self.by_form[form] += 1
            self.money[form] += amount
        self.certificate_contexts.extend(decision.certificates)


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


class _RowsOrigins(Mapping):
    """Origins of ``danh_sach.<i>.<field>`` paths: the sheet cells of a group's rows, on demand."""

    __slots__ = ("_rows",)

    def __init__(self, rows: list[AwardeeRow]) -> None:
        self._rows = rows

    def __getitem__(self, path: tuple):
        if len(path) >= 2 and path[0] == "danh_sach" and isinstance(path[1], int) and path[1] < len(self._rows):
            origins = self._rows[path[1]].origins
            if len(path) == 2:
                return origins["stt"] if "stt" in origins else next(iter(origins.values()))
            if len(path) == 3 and path[2] in origins:
                return origins[path[2]]
        raise KeyError(path)

    def __contains__(self, path) -> bool:
        try:
            self[path]
        except KeyError:
            return False
        return True

    def __iter__(self):
        for index, row in enumerate(self._rows):
            yield ("danh_sach", index)
            for name in row.origins:
                yield ("danh_sach", index, name)

    def __len__(self) -> int:
        return sum(1 + len(row.origins) for row in self._rows)


def _awardee_data(rows: list[AwardeeRow]) -> tuple[list[dict], dict]:
    data = [{name: getattr(row, name) for name in _AWARDEE_FIELDS if getattr(row, name) is not None}
            for row in rows]
    return data, {}


def file_name(number: int | None, ky_hieu: str, label: str, index: int, draft: bool = False) -> str:
    """``2890-qd-bql-nguyen-thi-thu-ha.docx``: number and name, ASCII, safe on every system. A
    draft says so first (``du-thao-2890-qd-bql-…``): it carries the DỰ THẢO mark, and is never
    named like the final decision it will become (:mod:`generator.naming`)."""
    if number is not None:
        name = final_file_name(number, ky_hieu, label=label)
        return f"du-thao-{name}" if draft else name
    return f"du-thao-{index:03d}-{slugify(ky_hieu, max_length=20)}-{slugify(label, max_length=60)}.docx"


def plan(sheet: Path, form_path: Path, output: Path, options: Options) -> Plan:
    """Read and check the form and every row of the sheet, grouped into decisions; raise
    :class:`ValidationFailed` with every problem."""
    return _Planner(sheet, form_path, output, options).read()


class _Planner:
    """:func:`plan` in two steps: the form first (its problems stop everything before the sheet
    is opened), then the sheet — whose groups a streamed batch hands to its workers as they are
    read (``on_group``), one decision per row."""

    def __init__(self, sheet: Path, form_path: Path, output: Path, options: Options) -> None:
        spec, located, issues = forms.read(form_path)
        if spec.kind != KIND:
            raise ValidationFailed([Issue("batch_wrong_kind", "loai", located.origin_of(("loai",)), spec.kind,
                                          {"expected": KIND})])
        found = placeholders.find(located)  # a final batch is refused while any remains, as render --final
        issues.extend(placeholders.as_errors(found) if options.mode == "final" else found)
        if "danh_sach" in located.data:
            issues.append(Issue("batch_form_has_list", "danh_sach", located.origin_of(("danh_sach",)), None, {},
                                severity="warning"))
        self.sheet, self.located = sheet, located
        self.batch = Plan(spec, [], issues, output, options, spec.template, located)
        start = options.start_number if options.start_number is not None else located.data.get("so")
        if isinstance(start, str) and start.strip().isdigit():
            start = int(start)
        self.start = start
        self.per_group = located.data.get("theo_nhom") or {}
        self.base_data = {k: v for k, v in located.data.items() if k != "theo_nhom"}

    def read(self, on_group: Callable[[Group], None] | None = None) -> Plan:
        """Read the sheet into the plan's groups; with ``on_group`` (one decision per row only),
        each group is given to it as soon as its row is read."""
        batch, options, located = self.batch, self.batch.options, self.located
        streamed = on_group is not None and options.per_row

        def row_read(row: AwardeeRow) -> None:
            group = self.group(len(batch.groups), row.ho_ten, [row])
            batch.groups.append(group)
            on_group(group)

        sheet_result = read_awardees(self.sheet, config=bonus.config_of(located.data.get("khen_thuong")),
                                     group_by=options.group_by, skip_hidden=flag(located.data.get("bo_dong_an")),
                                     on_row=row_read if streamed else None)
        batch.issues.extend(sheet_result.issues)
        groups = _groups(sheet_result.rows, options)
        labels = {label for label, _ in groups}
        # The groups named, as many as a message can hold (one per row for a per-row batch).
        allowed = ", ".join(label for label, _ in groups[:12]) + (" …" if len(groups) > 12 else "")
        for name in self.per_group:
            if name not in labels:
                batch.issues.append(Issue("batch_group_unknown", f"theo_nhom.{name}",
                                          located.origin_of(("theo_nhom", name)), name,
                                          {"allowed": allowed}, severity="warning"))
        if not streamed:
            batch.groups.extend(self.group(index, label, rows) for index, (label, rows) in enumerate(groups))
        if batch.errors:
            raise ValidationFailed(batch.issues)
        if not batch.groups:
            raise ValidationFailed([Issue("sheet_empty", "", Origin(str(self.sheet), sheet=sheet_result.sheet),
                                          None, {"sheet": sheet_result.sheet})])
        return batch

    def group(self, index: int, label: str, rows: list[AwardeeRow]) -> Group:
        """The data of one decision: the form's facts, its ``theo_nhom`` overrides, its rows."""
        located = self.located
        data = dict(self.base_data)
        overrides = self.per_group.get(label) or {}
        data.update(overrides)
        if self.batch.options.per_row and isinstance(data.get("trich_yeu"), str):
            data["trich_yeu"] = data["trich_yeu"].replace("{ho_ten}", rows[0].ho_ten)
        awardees, origins = _awardee_data(rows)
        for key in overrides:
            for path, origin in located.origins.items():
                if path[:3] == ("theo_nhom", label, key):
                    origins[(key, *path[3:])] = origin
        data["danh_sach"] = awardees
        data["so"] = self.start + index if isinstance(self.start, int) else None
        return Group(index, label, Located(data, ChainMap(origins, _RowsOrigins(rows), located.origins),
                                           located.path))


def proposal_decision(sheet: Path, form_path: Path, group_by: str | None, group: str | None, date,
                      group_origin, issues: list[Issue]):
    """One decision from a sheet and a decision form, read exactly as the batch reads them — the
    loader a tờ trình đề nghị khen thưởng is given (``forms.Loaders.proposal``). ``group`` picks one
    group of ``group_by``; by default every row. Problems go to ``issues``; ``None`` then."""
    with tempfile.TemporaryDirectory() as tmp:
        batch = plan(sheet, form_path, Path(tmp), Options(group_by=group_by if group else None))
    groups = [g for g in batch.groups if g is not None]
    if group:
        chosen = [g for g in groups if g.label == group]
        if not chosen:
            issues.append(Issue("to_trinh_group_unknown", "nhom", group_origin, group,
                                {"allowed": ", ".join(g.label for g in groups)}))
            return None
        chosen = chosen[0]
    else:
        chosen = groups[0]
    decision_data = chosen.located.data
    decision_data.pop("so", None)
    if not decision_data.get("ngay"):
        decision_data["ngay"] = date  # amounts at the proposal's date until decided
    return forms.validate(batch.spec, chosen.located, issues, mode="draft")


# --------------------------------------------------------------------------------------------
# Phase 2: render and write


def _render_bytes(template: str, job: Job) -> bytes:
    """The render path of ``vanban render``, for one decision of the batch."""
    return render_model(KINDS[KIND], job.model, draft=job.draft)


def _write(path: Path, data: bytes) -> tuple[str, str]:
    """Write a staged file; its SHA-256 goes into the journal (computed from the bytes in hand)."""
    with open(path, "wb") as handle:
        handle.write(data)
    return str(path), hashlib.sha256(data).hexdigest()


def _worker(args: tuple[str, list[Job], str]) -> list[tuple[str, str]]:
    """Render a chunk of decisions, writing each file as it is made.

    Not a writer thread beside the rendering: measured at N = 1.000 with one job, the thread cost
    about 20 % more CPU (the two threads trade the GIL at every write) for no gain in time."""
    template, jobs, staging = args
    folder = Path(staging)
    return [_write(folder / job.target.name, _render_bytes(template, job)) for job in jobs]


def _die_with_parent() -> None:
    """Worker initializer: a worker must not outlive a batch killed with SIGKILL (Linux); it
    collects cyclic garbage less often (see :func:`_fewer_collections`) for its whole life."""
    gc.set_threshold(*_BATCH_GC_THRESHOLD)
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


# Rendering a decision allocates tens of thousands of short-lived objects (lxml proxies, pydantic
# models, Jinja output) that reference counting frees; with Python's default threshold (700) the
# cyclic collector runs every few hundred allocations for nothing. Measured at N = 1.000: about 12 %
# less CPU per decision with this threshold; memory stays flat (the collector still runs).
_BATCH_GC_THRESHOLD = (50_000, 20, 1000)


@contextmanager
def _fewer_collections():
    """The batch's collector threshold in this process while rendering (one job), then the old."""
    before = gc.get_threshold()
    gc.set_threshold(*_BATCH_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def execute(sheet: Path, form_path: Path, output: Path, options: Options,
            progress: Callable[[int], None] | None = None, counted: Callable[[int], None] | None = None) -> Result:
    """:func:`plan` and :func:`run` in one, overlapped where it pays: with several jobs and one
    decision per row (and no register, which numbers only a batch checked whole), the workers
    validate and render the rows already read while this process reads the rest of the sheet.

    Every guarantee of plan-then-run holds: every problem of the form and the sheet is reported,
    and a problem anywhere leaves the output as it was. The form is read and checked before the
    output folder is touched; with a streamed sheet the staging folder exists while the rows are
    read, and is removed if one of them is wrong. ``counted`` is told the number of decisions
    once the sheet is read (the length of a progress bar)."""
    planner = _Planner(Path(sheet), Path(form_path), Path(output), options)
    streamed = (options.per_row and options.jobs > 1 and not options.use_register
                and (os.cpu_count() or 1) > 1 and hasattr(os, "fork"))
    if not streamed:
        batch = planner.read()
        if counted:
            counted(len(batch.groups))
        return run(batch, progress)
    return run(planner.batch, progress, read=planner.read, counted=counted)


def run(batch: Plan, progress: Callable[[int], None] | None = None, *, read=None, counted=None) -> Result:
    """Validate and render every decision into a staging folder, then publish them all at once.

    Validation runs in this process while worker processes render the decisions already
    validated; the first validation error stops the rendering, every error is still collected,
    and nothing reaches the output folder unless everything succeeded. What batches killed earlier
    left in the output folder is settled first (see :mod:`generator.publish`).

    ``read`` and ``counted``: the sheet of a streamed batch, read while rendering (:func:`execute`).
    """
    options = batch.options
    output = batch.output
    created = not output.exists()
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError("output_unwritable", path=str(output), reason=exc.strerror or str(exc)) from exc
    session = _RegisterSession(batch) if options.use_register else None
    recovered = _recover(output, lambda: session.settings if session is not None
                         else forms.register_settings(batch.form))
    staging = publish.Staging.create(output, session.location if session is not None else None,
                                     session.agency if session is not None else None)
    try:
        if session is not None:
            session.open(staging.id, output)
        done = _render_all(batch, staging.folder, progress, session, read, counted)
        items = [publish.Item(target, staged, sha256, session.entry_for(target) if session is not None else None)
                 for target, staged, sha256 in zip(done.targets, done.staged, done.hashes)]
        if options.merge is not None:
            merged = staging.folder / ".in-an.docx"
            info = DocumentInfo(title=f"Bản in: {len(done.targets)} quyết định",
                                author=vn_upper(done.author), date=done.date,
                                category="ban-in")
            printed = (merge_partials([first for first, _ in done.print_parts],
                                      (piece for _, piece in _drained(done.print_parts)), info)
                       if done.print_parts else merge_files(done.staged, info))
            items.append(_staged(merged, printed, options.merge))
        if options.certificates:
            look = dict(author=done.author, date=done.date, pre_printed=options.pre_printed,
                        settings=batch.certificate_settings)
            printed = (certificates.print_partials(_drained(done.certificate_parts), **look)
                       if done.certificate_parts
                       else certificates.print_contexts(done.certificate_contexts, **look))
            items.append(_staged(staging.folder / ".giay-khen.docx", printed,
                                 output / ("giay-khen-in-phoi.docx" if options.pre_printed else "giay-khen.docx")))
            batch.issues.extend(certificates.overflow_warnings(done.certificate_contexts, batch.certificate_settings))
        if session is not None:
            session.settle_interrupted()
        result = _move_into_place(staging, items, options.force, batch.warnings, done)
        if session is not None:
            session.issue_all(items)
            result.issued, result.reused, result.register = session.issued, session.reused, (
                session.register.path if session.register is not None else None)
            result.summary["so_da_cap"] = [e.ky_hieu_full for e in session.issued]
            result.summary["so_dung_lai"] = [e.ky_hieu_full for e in session.reused]
        staging.finish()
        result.recovered = recovered
        return result
    except BaseException as exc:
        if staging.state == publish.PUBLISHING:
            # The files are in place and journaled: the numbers are not voided (their documents
            # exist); if this process stops now, recovery issues them.
            if session is not None:
                session.release()
            staging.lock.release()
        else:
            if session is not None:
                session.void_all(exc)
            staging.abandon()
            if created:  # an output folder made for this batch goes with it (if nothing else is there)
                with contextlib.suppress(OSError):
                    output.rmdir()
        raise
    finally:
        if session is not None:
            session.close()


def _drained(items: list):
    """The items in order, each dropped from the list once taken (a print file's pieces are not
    held twice, as bytes and as the tree they join)."""
    items.reverse()
    while items:
        yield items.pop()


def _staged(path: Path, data: bytes, target: Path) -> "publish.Item":
    _, sha256 = _write(path, data)
    return publish.Item(target, path, sha256)


def _recover(output: Path, settings_of: Callable[[], object]) -> list:
    """Settle what batches killed earlier left in ``output``: complete one killed while publishing
    (its numbers issued), roll back one killed before (its numbers kept for this run to reuse).

    ``settings_of()`` gives the register settings this run resolves (profile, environment): a
    PostgreSQL register named by a journal is reopened through them (see :func:`_reopen`)."""
    from .register import Register

    outcomes: list = []
    registers: dict[tuple, Register] = {}
    try:
        for folder in publish.staging_folders(output):
            journal = publish.read_journal(folder)
            if journal and journal.get("state") == publish.INTERRUPTED:
                continue
            recorded = publish.journal_register(journal)
            if recorded is not None:
                key = (str(recorded), journal.get("agency"))
                if key not in registers:
                    registers[key] = _reopen(recorded, journal.get("agency"), folder, settings_of)
                    outcomes.extend(registers[key].outcomes)  # opening recovers its stopped batches
                if folder.is_dir():
                    register = registers[key]
                    before = len(register.outcomes)
                    register._settle_journal(folder, register.user, keep_interrupted=True)
                    outcomes.extend(register.outcomes[before:])
            else:
                outcome = publish.recover(folder)
                if outcome.action != "busy":
                    outcomes.append(outcome)
    finally:
        for register in registers.values():
            register.close()
    return outcomes


def _reopen(recorded: str | Path, agency: str | None, folder: Path, settings_of: Callable[[], object]):
    """The register a stopped batch took its numbers from, to settle them.

    A file is opened where the journal says. A PostgreSQL register is never reopened from the
    journal (it holds neither password nor connection options): the connection is resolved again
    from the profile and the environment, as the batch resolved it, and must name the same server,
    database and agency as the journal — otherwise nothing is touched and the error says both."""
    from .register import Register
    from .register.location import mask_url

    if isinstance(recorded, Path):
        return Register(recorded)
    settings = settings_of()
    url = getattr(settings, "url", None)
    current_agency = getattr(settings, "agency", None) if url else None
    if url is None or mask_url(url) != recorded or (current_agency or None) != (agency or None):
        current = f"{mask_url(url)} ({current_agency})" if url else str(getattr(settings, "location", "") or "")
        raise RegisterError("batch_register_elsewhere", folder=str(folder), recorded=f"{recorded} ({agency})",
                            current=current)
    return Register(url, agency=current_agency, policy=settings.policy)


def _decision_key(job: Job) -> str:
    """Which decision a number is for, whatever its number: a rerun of an interrupted batch
    reuses the number kept for the same decision (same group, same rows, same form)."""
    data = job.model.model_dump(mode="json", exclude={"so"})
    text = json.dumps([KIND, job.label, data], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class _RegisterSession:
    """Numbers from the register for a batch: reserved (or taken over from an interrupted run of
    the same decisions) as each decision is validated, issued once every file is in place, voided
    with the reason if anything fails before publishing (never reused)."""

    def __init__(self, batch: Plan) -> None:
        self.settings = forms.register_settings(batch.form)
        self.register = None
        self.session = None
        self.batch_id = ""
        self.entries: dict[Path, object] = {}
        self.candidates: dict[str, list] = {}  # numbers an interrupted run kept, by decision
        self.done_before: dict[str, list] = {}  # numbers issued by an earlier run, by decision
        self.interrupted: dict[str, Path] = {}
        self.issued: list = []
        self.reused: list = []

    @property
    def location(self) -> str | Path | None:
        """Where the numbers come from: the register's file, or its PostgreSQL URL."""
        return self.settings.location if self.settings.enabled else None

    @property
    def agency(self) -> str | None:
        """The agency whose series a PostgreSQL register gives (a file holds one agency)."""
        return self.settings.agency if self.settings.enabled and self.settings.url else None

    def open(self, batch_id: str, output: Path) -> None:
        from .register import Register

        if not self.settings.enabled:
            return
        self.batch_id = batch_id
        self.register = Register.from_settings(self.settings)
        self.session = self.register.issuing()
        self.session.__enter__()
        self.interrupted = publish.interrupted_batches(output)
        for batch in self.interrupted:
            for entry in self.register._batch_entries(batch):
                if entry.batch_key and self.register.is_stale(entry):
                    self.candidates.setdefault(entry.batch_key, []).append(entry)
        from .register import file_sha256

        for entry in self.register._batch_issued_in(output):
            # Run again after it finished (or after recovery finished it): a decision already
            # issued with its file in place keeps its number; it is not issued a second time.
            if entry.path.is_file() and file_sha256(entry.path) == entry.sha256:
                self.done_before.setdefault(entry.batch_key, []).append(entry)

    def number(self, job: Job, batch: Plan, used: set[Path]) -> Job:
        if self.session is None:
            return job
        model = job.model
        key = _decision_key(job)
        issued = self.done_before.get(key) or []
        while issued:
            entry = issued.pop(0)
            if entry.path in used:
                continue
            used.add(entry.path)
            return Job(model.model_copy(update={"so": entry.number}), entry.path, job.label)
        candidates = self.candidates.get(key) or []
        while candidates:
            kept = candidates.pop(0)
            if kept.year != model.ngay.year or kept.ky_hieu != model.ky_hieu or (
                    model.so is not None and model.so != kept.number):
                continue
            numbered = model.model_copy(update={"so": kept.number})
            target = batch.target(numbered, job.label, len(self.entries), used)
            adopted = self.session.adopt(kept, batch=self.batch_id, path=target)
            if adopted is None:  # another run took it over first
                used.discard(target)
                continue
            self.reused.append(adopted)
            self.entries[target] = adopted
            return Job(numbered, target, job.label)
        targets: list[Path] = []

        def target_of(entry) -> Path:
            targets.append(batch.target(model.model_copy(update={"so": entry.number}), job.label,
                                        len(self.entries), used))
            return targets[-1]

        entry = self.session.reserve(kind=model.KIND, type_code=model.TYPE_CODE, ky_hieu=model.ky_hieu,
                                     date=model.ngay, trich_yeu=model.trich_yeu, signer=model.nguoi_ky.ho_ten,
                                     recipients=list(model.noi_nhan), number=model.so, path=target_of,
                                     batch=self.batch_id, batch_key=key)
        self.entries[targets[-1]] = entry
        return Job(model.model_copy(update={"so": entry.number}), targets[-1], job.label)

    def entry_for(self, target: Path) -> int | None:
        entry = self.entries.get(target)
        return entry.id if entry is not None else None

    def settle_interrupted(self) -> None:
        """Numbers an interrupted batch kept for decisions this run no longer has are voided; its
        journal goes once nothing of it is left reserved."""
        if self.register is None:
            return
        from .register.store import REASON_BATCH_STOPPED

        for entries in self.candidates.values():
            for entry in entries:
                try:
                    self.register._void(entry, REASON_BATCH_STOPPED, self.session.user, "recover-void",
                                        ("reserved",))
                except Exception as exc:  # noqa: BLE001 - RegisterError: settled meanwhile
                    if getattr(exc, "code", "") not in ("register_not_reserved", "register_already_voided"):
                        raise
        self.candidates = {}
        for batch, folder in self.interrupted.items():
            if not self.register._batch_entries(batch):
                publish.remove_interrupted(folder)

    def issue_all(self, items: list) -> None:
        if self.session is None:
            return
        pending = [(self.entries[item.target], item.target, item.sha256) for item in items
                   if item.entry is not None]
        self.issued = self.session.issue_many(pending)

    def release(self) -> None:
        """Publishing has begun: the numbers belong to the journal now (recovery issues them)."""
        if self.session is not None:
            self.session.release(list(self.entries.values()))

    def void_all(self, error: BaseException) -> None:
        if self.session is not None:
            self.session.__exit__(type(error), error, error.__traceback__)
            self.session = None

    def close(self) -> None:
        if self.session is not None:
            self.session.__exit__(None, None, None)
        if self.register is not None:
            self.register.close()


_CHUNK = 64


def _render_all(batch: Plan, staging: Path, progress, register: "_RegisterSession | None" = None,
                read=None, counted=None) -> Rendered:
    if register is not None and register.session is not None:
        return _render_numbered(batch, staging, progress, register)
    return _render_in_workers(batch, staging, progress, read, counted)


def _ranges(count: int, workers: int) -> list[tuple[int, int]]:
    """The ranges of decisions handed to the workers, in order.

    Few, large ranges: each costs a round trip to a worker (measured: 64 per task is twice as fast
    as 16 on 1.000 decisions), at least four per worker. Towards the end they shrink (guided
    scheduling: at most the remainder over twice the workers, at least 8), so that the workers
    finish together instead of one idling while the other renders a last large range."""
    size = max(8, min(_CHUNK, count // (workers * 4) or 1))
    ranges, start = [], 0
    while start < count:
        remaining = count - start
        step = min(remaining, size, max(8, -(-remaining // (2 * workers))))
        ranges.append((start, start + step))
        start += step
    return ranges


def _workers(batch: Plan) -> int:
    return max(1, min(batch.options.jobs, len(batch.groups), os.cpu_count() or 1))


# The plan the worker processes inherit when they are forked: they validate and render its groups
# by index, so no decision's data crosses a pipe, and this process only gathers the results.
_FORKED: Plan | None = None
_FAILED = None  # an Event set by the first worker that finds an error: the others stop rendering


def _validate_and_render(batch: Plan, groups: list[Group], staging: str, failed=None,
                         parts: bool = False) -> tuple[list[Decision], list[Issue], dict]:
    """Validate ``groups`` (consecutive groups of the plan) and render the valid ones into ``staging``.

    The issues are those this range adds to the plan's (so that a field already reported is not
    reported twice, as when one process validates all). Nothing is rendered once any decision of
    the batch failed validation: every problem is still collected, but no file will be kept."""
    issues = list(batch.issues)
    known = len(issues)
    decisions: list[Decision] = []
    jobs: list[Job] = []
    keep = batch.options.certificates
    for group in groups:
        index = group.index
        model = forms.validate(batch.spec, group.located, issues, mode=batch.options.mode,
                               numbered_by_register=batch.options.use_register)
        if model is None:
            continue
        decision = Decision.of(index, group.label, model, keep)
        decision.name = file_name(model.so, model.ky_hieu, group.label, index + 1, batch.options.draft)
        decisions.append(decision)
        jobs.append(Job(model, Path(f"{index + 1:06d}-{decision.name}"), group.label,
                        draft=batch.options.draft))
    issues = issues[known:]
    if any(i.is_error for i in issues):
        if failed is not None:
            failed.set()
        return [], issues, {}
    if failed is not None and failed.is_set():
        return [], issues, {}
    for decision, (path, sha256) in zip(decisions, _worker((batch.template, jobs, staging))):
        decision.staged, decision.sha256 = path, sha256
    # A worker also merges its range's piece of each print file (with one job this process
    # makes them whole at the end): the decisions (--merge) and the certificates.
    pieces: dict = {}
    if parts and decisions:
        if batch.options.merge is not None:
            pieces["merge"] = merge_partial([Path(d.staged) for d in decisions])
        if keep:
            pieces["certificates"] = certificates.partial([c for d in decisions for c in d.certificates],
                                                          pre_printed=batch.options.pre_printed)
    return decisions, issues, pieces


def _forked_task(args: tuple[int, int, str]) -> tuple[list[Decision], list[Issue], dict]:
    start, stop, staging = args
    return _validate_and_render(_FORKED, _FORKED.groups[start:stop], staging, failed=_FAILED, parts=True)


def _streamed_task(args: tuple[list[Group], str]) -> tuple[list[Decision], list[Issue], dict]:
    groups, staging = args
    return _validate_and_render(_FORKED, groups, staging, failed=_FAILED, parts=True)


# A streamed batch hands the rows read so far to the workers in ranges of this size while the
# sheet is still being read; what is left when the reading ends goes in guided ranges.
_STREAM_CHUNK = 32


def _render_in_workers(batch: Plan, staging: Path, progress, read=None, counted=None) -> Rendered:
    """Validation and rendering both in the worker processes (this process reads the sheet,
    then gathers small results in order): the batch uses every core. With one job, or where
    processes cannot be forked, the same ranges run here.

    ``read``: a sheet not read yet (see :func:`execute`). It is read here, and the workers
    validate and render the first rows while this process reads the rest; ``counted`` is told
    the number of decisions once the reading ends (before any progress is reported)."""
    global _FORKED, _FAILED
    done = Rendered()
    used: set[Path] = set()
    folder = str(staging)

    def collect(decisions: list[Decision], issues: list[Issue], length: int) -> None:
        reported = {i.field for i in batch.issues if i.is_error}
        batch.issues.extend(i for i in issues if not (i.is_error and i.field in reported))
        if not batch.errors:
            for decision in decisions:
                done.add(batch.target_of(decision.so, decision.ky_hieu, decision.label, decision.index, used,
                                         decision.name), decision)
        if progress:
            progress(length)

    context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    workers = max(1, min(batch.options.jobs, os.cpu_count() or 1)) if read is not None else _workers(batch)
    if workers == 1 or context is None:
        if read is not None:
            read()
        if counted:
            counted(len(batch.groups))
        with _fewer_collections():
            for start, stop in _ranges(len(batch.groups), workers):
                decisions, issues, _ = _validate_and_render(batch, batch.groups[start:stop], folder)
                collect(decisions, issues, stop - start)
                batch.groups[start:stop] = [None] * (stop - start)  # released once validated
        if batch.errors:
            raise ValidationFailed(batch.issues)
        return done

    pool: cf.ProcessPoolExecutor | None = None
    submitted: list[tuple[cf.Future, int]] = []  # in the order of the groups

    def submit(groups: list[Group]) -> None:
        nonlocal pool
        global _FORKED, _FAILED
        if pool is None:
            # Compile the template before forking, so every worker inherits it ready to use (its
            # layout from the first decision), and freeze the objects made so far so the workers'
            # garbage collector does not touch (and copy) this process's pages.
            first = forms.validate(batch.spec, groups[0].located, [], mode=batch.options.mode,
                                   numbered_by_register=batch.options.use_register)
            if first is not None:
                compiled(batch.template, document_info(first).layout)
            _FORKED, _FAILED = batch, context.Event()
            gc.freeze()
            pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_die_with_parent)
        if read is None:  # the workers were forked with the whole plan: they take a range by index
            task = (_forked_task, (groups[0].index, groups[-1].index + 1, folder))
        else:
            task = (_streamed_task, (groups, folder))
        submitted.append((pool.submit(*task), len(groups)))

    try:
        if read is not None:
            waiting: collections.deque[Group] = collections.deque()

            def on_group(group: Group) -> None:
                waiting.append(group)
                batch.groups[group.index] = None  # the range that takes it holds it until sent
                # A range goes as soon as one is full while the workers have little queued;
                # otherwise the rows wait here, to be shared out evenly when the reading ends.
                while len(waiting) >= _STREAM_CHUNK and sum(not f.done() for f, _ in submitted) < 2 * workers:
                    submit([waiting.popleft() for _ in range(_STREAM_CHUNK)])

            read(on_group)
            rest = list(waiting)
            waiting.clear()
        else:
            rest = list(batch.groups)
        if counted:
            counted(len(batch.groups))
        for start, stop in _ranges(len(rest), workers):
            submit(rest[start:stop])
        del rest
        # The workers are forked now, with the plan: this process no longer needs the groups.
        batch.groups[:] = [None] * len(batch.groups)
        for future, length in submitted:
            decisions, issues, pieces = future.result()  # a worker's VanbanError is raised here, whole
            collect(decisions, issues, length)
            if "merge" in pieces:
                done.print_parts.append((Path(decisions[0].staged), pieces["merge"]))
            if "certificates" in pieces:
                done.certificate_parts.append(pieces["certificates"])
            if batch.errors:
                _FAILED.set()
    except BaseException:
        if _FAILED is not None:
            _FAILED.set()  # the workers stop rendering for a batch that has failed
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            _FORKED, _FAILED = None, None
            gc.unfreeze()
    if batch.errors:
        raise ValidationFailed(batch.issues)
    return done


def _render_numbered(batch: Plan, staging: Path, progress, register: "_RegisterSession") -> Rendered:
    """With the register, every decision is validated (here) before the first number is taken, so
    a bad row never costs a number; the numbered decisions are rendered by worker processes."""
    done = Rendered()
    numbered: set[Path] = set()
    validated = list(batch.validate())
    if batch.errors:
        raise ValidationFailed(batch.issues)
    keep = batch.options.certificates
    jobs = [register.number(job, batch, numbered) for job in validated]
    del validated
    records = [Decision.of(index, job.label, job.model, keep) for index, job in enumerate(jobs)]
    workers = _workers(batch)
    chunks = [(jobs[start:stop], records[start:stop]) for start, stop in _ranges(len(jobs), workers)]

    def collect(chunk: list[Job], decisions: list[Decision], written: list[tuple[str, str]]) -> None:
        for job, decision, (path, sha256) in zip(chunk, decisions, written):
            decision.staged, decision.sha256 = path, sha256
            done.add(job.target, decision)
        if progress:
            progress(len(written))

    context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    if workers == 1 or context is None:
        with _fewer_collections():
            for chunk, decisions in chunks:
                collect(chunk, decisions, _worker((batch.template, chunk, str(staging))))
        return done
    compiled(batch.template, document_info(jobs[0].model).layout)
    gc.freeze()
    pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_die_with_parent)
    try:
        futures = [pool.submit(_worker, (batch.template, chunk, str(staging))) for chunk, _ in chunks]
        for (chunk, decisions), future in zip(chunks, futures):
            collect(chunk, decisions, future.result())
        return done
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _move_into_place(staging: "publish.Staging", items: list, force: bool, warnings: list[Issue],
                     done: Rendered) -> Result:
    """All files are complete in the staging folder: check conflicts, journal, move them in."""
    result = Result(warnings=list(warnings))
    result.written, result.unchanged = staging.publish(items, force)
    result.summary = {
        "quyet_dinh": len(done.targets),
        "tep_da_ghi": [str(p) for p in result.written],
        "tep_giu_nguyen": [str(p) for p in result.unchanged],
        "so_nguoi_theo_hinh_thuc": dict(done.by_form),
        "so_tien_theo_hinh_thuc": dict(done.money),
        "tong_tien": sum(done.money.values()),
        "canh_bao": len(result.warnings),
    }
    return result
