"""The register itself: its rules over one of two backends (:mod:`generator.register.backend`).

Every write is one short transaction of the backend; a number is allocated in the transaction
that records its entry (SQLite: ``BEGIN IMMEDIATE``, one writer at a time; PostgreSQL: the
series' counter row locked ``FOR UPDATE``), so a number is taken only if its row is committed.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import RegisterError
from ..vn import LanguageError, format_number, nfc
from .backend import open_backend
from .entry import ISSUED, RESERVED, VOIDED, AuditRecord, Entry, Problem, describe, file_sha256
from .policy import RegisterSettings, SeriesPolicy, check_type_code, settings_from_profile
from .process import ProcessIdentity, current_user, process_alive
from .session import IssuingSession
from .values import check_date, check_ky_hieu, check_number

REASON_PROCESS_STOPPED = "tiến trình bị dừng (pid {pid}, máy {host})"
REASON_BATCH_STOPPED = "đợt làm hàng loạt bị dừng, không chạy lại"



@dataclass
class Observation:
    """What the registers of this process did while :func:`observe` was active."""

    issued: list[tuple[Entry, Path]] = field(default_factory=list)  # (entry, register file)
    created: list[Path] = field(default_factory=list)  # registers created by a first use


_OBSERVERS: list[Observation] = []


@contextmanager
def observe() -> Iterator[Observation]:
    """Collect the numbers issued and the registers created meanwhile, so that the command line
    can say which number a ``--final`` run took and from which register (nothing here prints)."""
    seen = Observation()
    _OBSERVERS.append(seen)
    try:
        yield seen
    finally:
        _OBSERVERS.remove(seen)


def _now() -> str:
    return _dt.datetime.now().astimezone().isoformat(timespec="milliseconds")




class Register:
    """The outgoing-document register (sổ đăng ký văn bản đi): an SQLite file or a PostgreSQL
    database (:mod:`generator.register.backend`), with the same rules and guarantees.

    ``Register(location)`` — a file path, or a ``postgresql://`` URL with ``agency`` — creates or
    migrates the schema and, unless ``recover=False``, settles the reservations of processes that
    died (:meth:`recover`). Numbers are handed out only through :meth:`issuing`; reading, voiding,
    verifying and exporting are methods of this class.
    """

    def __init__(self, path: str | Path, *, policy: SeriesPolicy | None = None,
                 user: str | None = None, recover: bool = True, create: bool = False,
                 timeout: float = 60.0, agency: str | None = None) -> None:
        self.policy = policy or SeriesPolicy()
        self.user = user or current_user()
        self.timeout = timeout
        self._backend = open_backend(path, agency=agency, create=create, timeout=timeout)
        self._lock = self._backend.lock
        # What messages name: the file, or the server's URL with its password masked.
        self.location = self._backend.location
        self.path = self._backend.path if self._backend.kind == "sqlite" else self.location
        self.agency = getattr(self._backend, "agency", None)
        self.created = self._backend.created  # this open created the register
        if self.created:
            for seen in _OBSERVERS:
                seen.created.append(self.path)
        if recover:
            self.recover()

    @property
    def backend(self) -> str:
        """``'sqlite'`` or ``'postgresql'``."""
        return self._backend.kind

    @classmethod
    def create(cls, path: str | Path, **kwargs: Any) -> "Register":
        """Create a register (``vanban so init``); an existing one is opened as it is."""
        return cls(path, create=True, **kwargs)

    @classmethod
    def init(cls, location: str | Path, settings: RegisterSettings | None = None) -> "Register":
        """``vanban so init`` (and the web app's "create the register"): create the register at
        ``location`` with the series policy and agency of the profile's ``settings``; an existing
        one is opened as it is (``created`` says which)."""
        return cls.create(location, policy=settings.policy if settings else None,
                          agency=settings.agency if settings else None, recover=False)

    @classmethod
    def from_settings(cls, settings: RegisterSettings, **kwargs: Any) -> "Register":
        """The register of a profile; it is created on first use only if the profile says so
        (``so_van_ban.tao_moi: true``) — otherwise a missing register is an error."""
        kwargs.setdefault("create", settings.create)
        kwargs.setdefault("agency", settings.agency)
        return cls(settings.location, policy=settings.policy, **kwargs)

    @classmethod
    def from_profile(cls, profile_path: str | Path, **kwargs: Any) -> "Register":
        return cls.from_settings(settings_from_profile(profile_path), **kwargs)

    # ------------------------------------------------------------------ connection

    def close(self) -> None:
        self._backend.close()

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self):
        """One write transaction; on PostgreSQL the series' counter row is locked by allocate."""
        return self._backend.transaction()

    def _rows(self, sql: str, params: tuple = ()) -> list[Any]:
        return self._backend.rows(sql, params)

    def _scoped(self, where: list[str], params: list | tuple = ()) -> tuple[str, tuple]:
        """A WHERE clause limited to this register's agency (a database several agencies share)."""
        scope = self._backend.scope
        if scope is not None:
            where, params = [scope[0], *where], [*scope[1], *params]
        return (" WHERE " + " AND ".join(where) if where else ""), tuple(params)

    def _check_free(self, conn: Any, year: int, series: str, number: int, full: str) -> None:
        where, params = self._scoped(["year = ?", "series = ?", "number = ?"], (year, series, number))
        row = conn.execute("SELECT * FROM entries" + where, params).fetchone()
        if row is not None:
            raise RegisterError("register_number_used", number=format_number(number),
                                **describe(Entry.from_row(row)))
        where, params = self._scoped(["year = ?", "ky_hieu_full = ?"], (year, full))
        row = conn.execute("SELECT * FROM entries" + where, params).fetchone()
        if row is not None:
            raise RegisterError("register_ky_hieu_used", **describe(Entry.from_row(row)))


    # ------------------------------------------------------------------ issuing

    def issuing(self, user: str | None = None) -> "IssuingSession":
        """A session that reserves and issues numbers; see :class:`IssuingSession`."""
        return IssuingSession(self, user or self.user)

    def series_for(self, type_code: str | None, secret: bool = False) -> str:
        return self.policy.series_for(type_code, secret)

    def next_number(self, year: int, series: str) -> int:
        """The number the next automatic reservation in (year, series) would get (a peek)."""
        where, params = self._scoped(["year = ?", "series = ?"], (year, series))
        rows = self._rows("SELECT COALESCE(MAX(number), 0) + 1 FROM entries" + where, params)
        return rows[0][0]

    def check_manual(self, year: int, series: str, number: int, ky_hieu: str) -> None:
        """Refuse a number given by hand that the register already holds (any status).

        The error's params name the existing document: ký hiệu, date, trích yếu, file.
        """
        number, ky = check_number(number), check_ky_hieu(ky_hieu)
        with self._lock:
            try:
                self._check_free(self._backend.connection(), year, series, number,
                                 f"{format_number(number)}/{ky}")
            except self._backend.errors as exc:
                raise self._backend.error(exc) from exc

    def _reserve(self, *, user: str, kind: str, type_code: str | None, ky_hieu: str, date: Any,
                 trich_yeu: str = "", signer: str = "", recipients: Any = (), secret: bool = False,
                 number: int | None = None, series: str | None = None,
                 path: Path | str | Callable[[Entry], Any] | None = None, archive: str = "",
                 copies: int | None = None, batch: str | None = None,
                 batch_key: str | None = None) -> Entry:
        code = check_type_code(type_code)
        day = check_date(date)
        ky = check_ky_hieu(ky_hieu)
        manual = number is not None
        if manual:
            number = check_number(number)
        series = series or self.policy.series_for(code, secret)
        if isinstance(recipients, str):
            recipients = [recipients]
        me, now = ProcessIdentity.current(), _now()
        values: dict[str, Any] = {
            "id": 0, "year": day.year, "series": series, "number": 0, "ky_hieu": ky,
            "ky_hieu_full": "", "kind": kind or "", "type_code": code, "secret": int(bool(secret)),
            "date": day.isoformat(), "trich_yeu": nfc(trich_yeu or "").strip(),
            "signer": nfc(signer or "").strip(),
            "recipients": json.dumps([nfc(str(r)).strip() for r in recipients], ensure_ascii=False),
            "archive": nfc(archive or "").strip(), "copies": copies, "manual": int(manual),
            "path": None, "sha256": None, "status": RESERVED, "reason": None, "pid": me.pid,
            "host": me.host, "process_start": me.start, "created_by": user, "created_at": now,
            "changed_by": user, "changed_at": now, "action": "reserve-manual" if manual else "reserve",
            "batch": batch, "batch_key": batch_key,
        }
        with self._transaction() as conn:
            number = self._backend.allocate(conn, day.year, series, number)
            values["number"] = number
            values["ky_hieu_full"] = f"{format_number(number)}/{ky}"
            self._check_free(conn, day.year, series, number, values["ky_hieu_full"])
            if callable(path):
                path = path(Entry.from_row(values))
            values["path"] = str(Path(path).absolute()) if path is not None else None
            row = self._backend.insert(conn, values)
        return Entry.from_row(row)

    def _change(self, entry: Entry | int, user: str, action: str, expected: tuple[str, ...],
                **changes: Any) -> Entry:
        """Update one row whose status is in ``expected``; the audit trigger records it."""
        entry_id = entry if isinstance(entry, int) else entry.id
        changes.update(changed_by=user, changed_at=_now(), action=action)
        assignments = ", ".join(f"{name} = ?" for name in changes)
        marks = ", ".join("?" * len(expected))
        with self._transaction() as conn:
            cursor = conn.execute(
                f"UPDATE entries SET {assignments} WHERE id = ? AND status IN ({marks})",
                [*changes.values(), entry_id, *expected])
            row = conn.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                raise RegisterError("register_not_found", value=str(entry_id))
            if cursor.rowcount == 0:
                current = Entry.from_row(row)
                if current.status == VOIDED:
                    raise RegisterError("register_already_voided", **describe(current),
                                        reason=current.reason)
                raise RegisterError("register_not_reserved", **describe(current))
        return Entry.from_row(row)

    def _issue(self, entry: Entry, path: Path | None, sha256: str | None, user: str,
               action: str = "issue") -> Entry:
        issued = self._change(entry, user, action, (RESERVED,), status=ISSUED,
                              path=str(Path(path).absolute()) if path is not None else None,
                              sha256=sha256, reason=None)
        if action == "issue":
            for seen in _OBSERVERS:
                seen.issued.append((issued, self.path))
        return issued

    def _issue_many(self, items: list[tuple[Entry, Path, str]], user: str,
                    action: str = "issue") -> list[Entry]:
        """Issue several reservations in one transaction (a batch: thousands of numbers)."""
        if not items:
            return []
        now = _now()
        out = []
        with self._transaction() as conn:
            for entry, path, sha256 in items:
                cursor = conn.execute(
                    "UPDATE entries SET status = ?, path = ?, sha256 = ?, reason = NULL, changed_by = ?, "
                    "changed_at = ?, action = ? WHERE id = ? AND status = ?",
                    (ISSUED, str(Path(path).absolute()), sha256, user, now, action, entry.id, RESERVED))
                row = conn.execute("SELECT * FROM entries WHERE id = ?", (entry.id,)).fetchone()
                if cursor.rowcount == 0:
                    current = Entry.from_row(row)
                    raise RegisterError("register_not_reserved", **describe(current))
                out.append(Entry.from_row(row))
        if action == "issue":
            for seen in _OBSERVERS:
                seen.issued.extend((e, self.path) for e in out)
        return out

    def _adopt(self, entry: Entry, user: str, *, batch: str, path: Path | None) -> Entry | None:
        """Take over the reservation of a stopped batch (compare-and-swap on its owner): this
        process now holds the number. None if another process took it first."""
        me = ProcessIdentity.current()
        start = "process_start IS NULL" if entry.process_start is None else "process_start = ?"
        with self._transaction() as conn:
            cursor = conn.execute(
                "UPDATE entries SET pid = ?, host = ?, process_start = ?, batch = ?, path = ?, sha256 = NULL, "
                "changed_by = ?, changed_at = ?, action = 'adopt' WHERE id = ? AND status = ? AND pid = ? "
                f"AND host = ? AND {start}",
                (me.pid, me.host, me.start, batch, str(Path(path).absolute()) if path else None, user, _now(),
                 entry.id, RESERVED, entry.pid, entry.host,
                 *(() if entry.process_start is None else (entry.process_start,))))
            if cursor.rowcount == 0:
                return None
            row = conn.execute("SELECT * FROM entries WHERE id = ?", (entry.id,)).fetchone()
        return Entry.from_row(row)

    def _void(self, entry: Entry | int, reason: str, user: str, action: str = "void",
              expected: tuple[str, ...] = (RESERVED, ISSUED)) -> Entry:
        if not reason or not reason.strip():
            raise RegisterError("register_reason_required")
        return self._change(entry, user, action, expected, status=VOIDED, reason=reason.strip())

    # ------------------------------------------------------------------ reading

    def list(self, year: int | None = None, kind: str | None = None, *, series: str | None = None,
             status: str | None = None) -> list[Entry]:
        """Entries by year, series and number; ``kind`` matches the kind name or the type code."""
        where, params = [], []
        for clause, value in (("year = ?", year), ("series = ?", series), ("status = ?", status)):
            if value is not None:
                where.append(clause)
                params.append(value)
        if kind is not None:
            where.append("(kind = ? OR type_code = ?)")
            params += [kind, kind]
        clause, params = self._scoped(where, params)
        return [Entry.from_row(r) for r in self._rows(
            "SELECT * FROM entries" + clause + " ORDER BY year, series, number", params)]

    def years(self) -> list[int]:
        where, params = self._scoped([])
        return [r[0] for r in self._rows("SELECT DISTINCT year FROM entries" + where + " ORDER BY year", params)]

    def show(self, number: int | str, year: int | None = None, series: str | None = None) -> Entry:
        """One entry by number (``5``, ``'05'``) or số/ký hiệu (``'05/KH-BQL'``).

        Without ``year`` the latest year holding that number is taken; without ``series`` the
        number must be in one series only.
        """
        return self._find(number, year, series, latest_year=True)

    def void(self, number: int | str, reason: str, year: int | None = None,
             series: str | None = None, user: str | None = None) -> Entry:
        """Void a reserved or issued number. The row stays (the number is never reused)."""
        if not reason or not reason.strip():
            raise RegisterError("register_reason_required")
        entry = self._find(number, year, series, latest_year=False)
        return self._void(entry, reason, user or self.user)

    def _find(self, number: int | str, year: int | None, series: str | None, *,
              latest_year: bool) -> Entry:
        shown = str(number).strip()
        if isinstance(number, str) and "/" in shown:
            head, _, tail = shown.partition("/")
            try:
                full = f"{format_number(int(head))}/{nfc(tail).strip()}"
            except (ValueError, LanguageError) as exc:
                raise RegisterError("register_number_invalid", value=shown) from exc
            where, params = ["ky_hieu_full = ?"], [full]
        else:
            where, params = ["number = ?"], [check_number(number)]
        if year is not None:
            where.append("year = ?")
            params.append(year)
        if series is not None:
            where.append("series = ?")
            params.append(series)
        clause, scoped = self._scoped(where, params)
        rows = [Entry.from_row(r) for r in self._rows(
            "SELECT * FROM entries" + clause + " ORDER BY year DESC, series", scoped)]
        if not rows:
            if year is not None:
                raise RegisterError("register_not_found_in_year", value=shown, year=year)
            raise RegisterError("register_not_found", value=shown)
        if latest_year:
            rows = [r for r in rows if r.year == rows[0].year]
        if len(rows) > 1:
            candidates = ", ".join(f"{r.ky_hieu_full} ({r.year}, {r.series})" for r in rows)
            raise RegisterError("register_ambiguous", value=shown, candidates=candidates)
        return rows[0]

    def audit(self, entry: Entry | int | None = None) -> list[AuditRecord]:
        where, params = [], []
        if entry is not None:
            where, params = ["entry_id = ?"], [entry if isinstance(entry, int) else entry.id]
        clause, params = self._scoped(where, params)
        sql = "SELECT * FROM audit" + clause
        return [AuditRecord(r["id"], r["at"], r["who"], r["action"], r["entry_id"],
                            json.loads(r["before"]) if r["before"] else None, json.loads(r["after"]))
                for r in self._rows(sql + " ORDER BY id", params)]

    # ------------------------------------------------------------------ recovery and checks

    def is_stale(self, entry: Entry, stale_after: _dt.timedelta | None = None) -> bool:
        """Whether a reservation's process is gone (see docs/so-van-ban.md, "Recovery")."""
        me = ProcessIdentity.current()
        if entry.host != me.host:
            if stale_after is None:
                return False
            created = _dt.datetime.fromisoformat(entry.created_at)
            return _dt.datetime.now().astimezone() - created > stale_after
        if entry.pid == me.pid and entry.process_start == me.start:
            return False
        return not process_alive(entry.pid, entry.process_start)

    def recover(self, *, user: str | None = None,
                stale_after: _dt.timedelta | None = None) -> list[Entry]:
        """Settle reservations whose process is gone; return the entries changed.

        A stale reservation whose intended file exists and has the SHA-256 recorded before
        writing (:meth:`IssuingSession.prepare`) is issued; any other is voided with the reason
        "tiến trình bị dừng …". Reservations of live processes (or of other hosts, unless older
        than ``stale_after``) are left alone.

        A reservation of a batch (``vanban batch --final``) is settled through the batch's journal
        (:mod:`generator.publish`): a batch killed while moving its files into place is completed
        and its numbers issued; a batch killed before keeps its numbers reserved for a rerun of
        the same decisions (``so verify`` names them, ``so verify --repair`` voids them). What
        happened to each journal is kept in :attr:`outcomes`.
        """
        user = user or self.user
        changed = []
        stale = [e for e in self.list(status=RESERVED) if self.is_stale(e, stale_after)]
        handled: set[int] = set()
        journals = {e.batch: self._staging_of(e) for e in stale if e.batch and e.path is not None}
        from ..publish import INTERRUPTED, read_journal

        for batch, folder in sorted(journals.items()):
            if folder is None or not folder.is_dir():
                continue  # no journal (any more): settled like any other reservation
            journal = read_journal(folder)
            if not (journal and journal.get("state") == INTERRUPTED):  # already rolled back: waits
                changed += self._settle_journal(folder, user, keep_interrupted=True)
            handled.update(e.id for e in stale if e.batch == batch)
        for entry in stale:
            if entry.id in handled:
                continue
            written = (entry.path is not None and entry.sha256 is not None and entry.path.is_file()
                       and file_sha256(entry.path) == entry.sha256)
            try:
                if written:
                    changed.append(self._issue(entry, entry.path, entry.sha256, user, "recover-issue"))
                else:
                    reason = REASON_PROCESS_STOPPED.format(pid=entry.pid, host=entry.host)
                    changed.append(self._void(entry, reason, user, "recover-void", (RESERVED,)))
            except RegisterError as exc:
                if exc.code not in ("register_not_reserved", "register_already_voided"):
                    raise  # another process settled it first: nothing to do
        return changed

    @property
    def outcomes(self) -> list:
        """What recovery did with the journals of interrupted batches (generator.publish.Outcome)."""
        if not hasattr(self, "_outcomes"):
            self._outcomes: list = []
        return self._outcomes

    @staticmethod
    def _staging_of(entry: Entry) -> Path | None:
        from ..publish import staging_folder

        if entry.path is None or not entry.batch:
            return None
        return staging_folder(entry.path.parent, entry.batch)

    def _batch_entries(self, batch: str, status: str = RESERVED) -> list[Entry]:
        where, params = self._scoped(["batch = ?", "status = ?"], (batch, status))
        return [Entry.from_row(r) for r in self._rows(
            "SELECT * FROM entries" + where + " ORDER BY year, series, number", params)]

    def _batch_issued_in(self, folder: Path) -> list[Entry]:
        """Numbers issued to batch decisions whose files are in ``folder``."""
        prefix = str(folder.absolute()) + os.sep
        where, params = self._scoped(["status = ?", "batch_key IS NOT NULL", "substr(path, 1, ?) = ?"],
                                     (ISSUED, len(prefix), prefix))
        return [Entry.from_row(r) for r in self._rows(
            "SELECT * FROM entries" + where + " ORDER BY year, series, number", params)]

    def _settle_journal(self, folder: Path, user: str, *, keep_interrupted: bool) -> list[Entry]:
        """Roll a stopped batch forward (issue its numbers) or back (keep or void them)."""
        from ..publish import recover as recover_journal

        outcome = recover_journal(folder, keep_interrupted=keep_interrupted)
        changed: list[Entry] = []
        if outcome.action == "busy":
            return changed
        self.outcomes.append(outcome)
        pending = {e.id: e for e in self._batch_entries(outcome.batch)}
        if outcome.action == "forward":
            items = [(pending.pop(i.entry), i.target, i.sha256) for i in outcome.items
                     if i.entry is not None and i.entry in pending]
            try:
                changed += self._issue_many(items, user, "recover-issue")
            except RegisterError as exc:
                if exc.code != "register_not_reserved":
                    raise
        if outcome.action == "back" and outcome.kept:
            return changed  # kept for a rerun of the same decisions
        for entry in pending.values():  # never published: never issued
            try:
                changed.append(self._void(entry, REASON_BATCH_STOPPED, user, "recover-void", (RESERVED,)))
            except RegisterError as exc:
                if exc.code not in ("register_not_reserved", "register_already_voided"):
                    raise
        return changed

    def folders(self) -> list[Path]:
        """The folders the register's files are in (where batches may have left staging)."""
        where, params = self._scoped(["path IS NOT NULL"])
        rows = self._rows("SELECT DISTINCT path FROM entries" + where, params)
        return sorted({Path(r[0]).parent for r in rows})

    def repair(self, *, user: str | None = None) -> list[Entry]:
        """``vanban so verify --repair``: settle every batch journal and staging folder left in
        the register's folders — complete a batch killed while publishing, void the numbers an
        interrupted batch was keeping for a rerun, remove staging folders — then :meth:`recover`."""
        from ..publish import interrupted_batches, recover_output, remove_interrupted, staging_folders

        user = user or self.user
        changed: list[Entry] = []
        for folder in self.folders():
            for staging in staging_folders(folder):
                changed += self._settle_journal(staging, user, keep_interrupted=False)
            for batch, staging in interrupted_batches(folder).items():
                for entry in self._batch_entries(batch):
                    if self.is_stale(entry):
                        changed.append(self._void(entry, REASON_BATCH_STOPPED, user, "recover-void", (RESERVED,)))
                if not [e for e in self._batch_entries(batch) if not self.is_stale(e)]:
                    remove_interrupted(staging)
            self.outcomes.extend(o for o in recover_output(folder, keep_interrupted=False) if o.action != "busy")
        changed += self.recover(user=user)
        return changed

    def verify(self, year: int | None = None) -> list[Problem]:
        """Files present with their recorded hash, no file left for a voided number, no dangling
        reservation, no staging folder left by a batch, no gap in a series."""
        from ..publish import describe_state, interrupted_batches, is_busy, staging_folders

        problems: list[Problem] = []
        entries = self.list(year)
        interrupted: dict[str, Path] = {}
        for folder in self.folders():
            interrupted.update(interrupted_batches(folder))
            for staging in staging_folders(folder):
                busy = is_busy(staging)
                problems.append(Problem("register_staging_left", None, {
                    "path": str(staging), "state": "đang chạy" if busy else describe_state(staging)},
                    "warning" if busy else "error"))
        for entry in entries:
            params = describe(entry)
            if entry.status == ISSUED and entry.path is not None:
                if not entry.path.is_file():
                    problems.append(Problem("register_file_missing", entry, params))
                else:
                    actual = file_sha256(entry.path)
                    if actual != entry.sha256:
                        problems.append(Problem("register_hash_mismatch", entry, {
                            **params, "expected": (entry.sha256 or "")[:12], "actual": actual[:12]}))
            elif entry.status == VOIDED and entry.path is not None and entry.path.is_file():
                # A voided number must not have its document in circulation. Only a file with the
                # hash recorded for this number is that document: a torn write or an older file at
                # the same path is not (a warning, to look at), nor is a number voided by hand after
                # issuing with its file kept on purpose.
                ours = entry.sha256 is not None and file_sha256(entry.path) == entry.sha256
                problems.append(Problem("register_voided_file_exists", entry,
                                        {**params, "reason": entry.reason},
                                        "error" if ours and entry.action != "void" else "warning"))
            elif entry.status == RESERVED:
                params.update(pid=entry.pid, host=entry.host)
                if entry.batch in interrupted and self.is_stale(entry):
                    problems.append(Problem("register_batch_pending", entry, {
                        **params, "folder": str(interrupted[entry.batch].parent)}))
                elif self.is_stale(entry):
                    problems.append(Problem("register_dangling", entry, params))
                else:
                    problems.append(Problem("register_reserved_live", entry, params, "warning"))
        problems.extend(_gaps(entries))
        return problems

    def export_xlsx(self, path: str | Path, year: int, *, series: str | None = None,
                    agency: str | None = None, force: bool = False) -> Path:
        """Write the register book of ``year`` (ND30 Phụ lục IV), one sheet per series."""
        from .export import export_xlsx

        return export_xlsx(self.list(year, series=series), Path(path), year, agency=agency, force=force)

    def export_csv(self, path: str | Path, year: int, *, series: str | None = None,
                   force: bool = False) -> Path:
        """The register book of ``year`` as one CSV table (formula-like cells neutralised)."""
        from .export import export_csv

        return export_csv(self.list(year, series=series), Path(path), year, force=force)


def _gaps(entries: list[Entry]) -> list[Problem]:
    problems, seen = [], {}
    for entry in entries:
        seen.setdefault((entry.year, entry.series), []).append(entry.number)
    for (year, series), numbers in seen.items():
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            shown = ", ".join(format_number(n) for n in missing[:10]) + (" …" if len(missing) > 10 else "")
            problems.append(Problem("register_gap", None, {"year": year, "series": series,
                                                          "missing": shown}, "warning"))
    return problems
