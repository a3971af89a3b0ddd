"""Publishing a batch all or nothing, even under ``kill -9``: staging folder, journal, recovery.

A batch renders every file into a staging folder inside the output folder
(``.vanban-batch-<id>/``), then moves them into place. The staging folder carries a journal
(``journal.json``, written atomically and synced) and a lock file held by the running batch:

``rendering``
    files are being rendered; nothing is in the output folder yet. A batch killed here is
    **rolled back**: its staged files are removed. With the register, the numbers reserved for its
    rows stay reserved and the journal stays as ``interrupted`` so that running the same batch
    again reuses them (``vanban so verify --repair`` voids them instead).
``publishing``
    every file is staged and hashed, conflicts were checked, the journal lists each file: target,
    staged copy, SHA-256, register entry. From here the batch is **rolled forward**: a batch killed
    while moving files is completed by the next run (or by any open of the register, or by
    ``vanban so verify --repair``): the remaining files are moved and the numbers issued. If a
    staged file is gone or damaged (it cannot be completed), every file of the batch already
    moved is removed instead. Never a mix.

The batch's own process holds a POSIX lock on ``lock`` in the staging folder (released by the
kernel when the process dies, whatever the signal), so recovery never touches a live batch.

Nothing here prints; outcomes are returned as :class:`Outcome` for the caller to report.
"""

from __future__ import annotations

import datetime as _dt
import errno
import json
import os
import shutil
import signal
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .register.entry import file_sha256
from .register.location import is_url, mask_url
from .errors import OutputError
from .packaging import exists as _exists

STAGING_PREFIX = ".vanban-batch-"
JOURNAL = "journal.json"
LOCK = "lock"
VERSION = 1

RENDERING = "rendering"
PUBLISHING = "publishing"
INTERRUPTED = "interrupted"  # rolled back; its register numbers wait for a rerun

ORPHAN_AGE = 60.0  # seconds: a staging folder without a journal younger than this may be starting

KILL_ENV = "VANBAN_TEST_KILL_AT"  # test hook: SIGKILL this process at the named checkpoints
DELAY_ENV = "VANBAN_TEST_PUBLISH_DELAY"  # test hook: seconds to wait after each file moved


def checkpoint(name: str) -> None:
    """Crash tests kill the process for real at chosen points of the publish step.

    ``VANBAN_TEST_KILL_AT=move:3,issued`` sends SIGKILL to this process at those points; unset
    (always, outside the tests) this does nothing."""
    wanted = os.environ.get(KILL_ENV)
    if wanted and name in wanted.split(","):
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
        time.sleep(10)  # pragma: no cover - the signal arrives first




@dataclass
class Item:
    """One file of a batch: where it goes, its staged copy, its hash, its register entry."""

    target: Path
    staged: Path
    sha256: str
    entry: int | None = None  # register entry id
    skip: bool = False  # the target already holds these exact bytes

    def as_json(self) -> dict[str, Any]:
        return {"target": str(self.target), "staged": str(self.staged), "sha256": self.sha256,
                "entry": self.entry, "skip": self.skip}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Item":
        return cls(Path(data["target"]), Path(data["staged"]), str(data["sha256"]), data.get("entry"),
                   bool(data.get("skip")))


@dataclass
class Outcome:
    """What recovery did with one staging folder."""

    folder: Path  # the staging folder
    output: Path  # the output folder it belongs to
    action: str  # "forward" | "back" | "busy" | "removed"
    state: str  # the journal's state before ("rendering", "publishing", "interrupted", "orphan")
    batch: str = ""
    register: str | Path | None = None  # a file, or a PostgreSQL URL (masked)
    items: list[Item] = field(default_factory=list)  # forward: the files now in place
    moved: int = 0  # forward: files moved now; back: published files removed
    kept: bool = False  # back: the journal stays (its numbers wait for a rerun)


# ----------------------------------------------------------------------------- locking


class _Lock:
    """An exclusive POSIX record lock on ``lock`` (fcntl.lockf): per process, not inherited by
    forked workers, released by the kernel when the process dies."""

    def __init__(self, path: Path, handle: Any, locked: bool = True) -> None:
        self.path = path
        self.handle = handle
        self.locked = locked  # False where the file system has no locks: liveness by pid then

    @classmethod
    def take(cls, path: Path, *, wait: bool) -> "_Lock | None":
        try:
            handle = open(path, "a+b")
        except OSError:
            return None
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: liveness by pid only
            return cls(path, handle, locked=False)
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                handle.close()
                return None  # held by a live process
            return cls(path, handle, locked=False)  # no locks on this file system (ENOLCK...)
        return cls(path, handle)

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()  # closing releases the lock
            self.handle = None


# ----------------------------------------------------------------------------- journal


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Atomically replace ``path`` with ``data`` and make it durable (file and folder synced)."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def read_journal(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("version") == VERSION else None


def staging_folders(output: Path) -> list[Path]:
    try:
        return sorted(p for p in output.glob(STAGING_PREFIX + "*") if p.is_dir() and not p.is_symlink())
    except OSError:
        return []


def batch_of(folder: Path) -> str:
    return folder.name[len(STAGING_PREFIX):]


def staging_folder(output: Path, batch: str) -> Path:
    return output / f"{STAGING_PREFIX}{batch}"


def _identity() -> dict[str, Any]:
    from .register.process import ProcessIdentity

    me = ProcessIdentity.current()
    return {"pid": me.pid, "host": me.host, "start": me.start}


def _owner_alive(journal: dict[str, Any] | None) -> bool:
    """Fallback where locks do not exist: the journal's process still runs on this host."""
    if not journal:
        return False
    from .register.process import ProcessIdentity, process_alive

    if journal.get("host") != ProcessIdentity.current().host:
        return True  # another machine's batch: never ours to settle
    return process_alive(int(journal.get("pid") or 0), journal.get("start"))


def _register_location(register: str | Path | None) -> str | None:
    """How the journal records a register: a file's absolute path, a URL as given (masked)."""
    if register is None:
        return None
    if isinstance(register, str) and is_url(register):
        return mask_url(register)
    return str(Path(register).absolute())


def journal_register(journal: dict[str, Any] | None) -> str | Path | None:
    """The register a journal names: a file's path, or a (masked) PostgreSQL URL."""
    recorded = (journal or {}).get("register")
    if not recorded:
        return None
    return str(recorded) if is_url(str(recorded)) else Path(recorded)


# ----------------------------------------------------------------------------- the running batch


class Staging:
    """The staging folder of the batch this process is running."""

    def __init__(self, output: Path, batch: str, folder: Path, lock: _Lock, register: str | Path | None,
                 agency: str | None = None) -> None:
        self.output = output
        self.id = batch
        self.folder = folder
        self.lock = lock
        self.register = register
        self.agency = agency
        self.items: list[Item] = []
        self.state = RENDERING
        self.published: list[Item] = []  # moved into place by this process (for a roll back)

    @classmethod
    def create(cls, output: Path, register: str | Path | None = None, agency: str | None = None) -> "Staging":
        """A new staging folder in ``output``, locked by this process. ``register`` is where the
        batch's numbers come from as the journal records it: an SQLite file, or a PostgreSQL URL
        with its password masked (never a password) together with the ``agency``; recovery
        re-resolves the connection from the profile or the environment and checks it is the same."""
        batch = _dt.datetime.now().strftime("%Y%m%d%H%M%S") + "-" + uuid.uuid4().hex[:8]
        folder = staging_folder(output, batch)
        try:
            folder.mkdir()
            lock = _Lock.take(folder / LOCK, wait=False)
            if lock is None:
                raise OSError(0, "cannot lock the staging folder")
            staging = cls(output, batch, folder, lock, register, agency)
            staging._journal()
        except OSError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise OutputError("output_unwritable", path=str(output), reason=exc.strerror or str(exc)) from exc
        return staging

    def _journal(self, **extra: Any) -> None:
        _write_json(self.folder / JOURNAL, {
            "version": VERSION, "id": self.id, "state": self.state, "output": str(self.output.absolute()),
            "register": _register_location(self.register), "agency": self.agency,
            "created": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            **_identity(), "items": [item.as_json() for item in self.items], **extra,
        })

    # -- the publish step

    def publish(self, items: list[Item], force: bool) -> tuple[list[Path], list[Path]]:
        """Check conflicts, journal every file, then move them into place.

        Returns (written, unchanged). Before the journal says ``publishing`` a failure leaves
        the output folder untouched; after it, a failure removes what this call moved (and a
        kill is completed by recovery)."""
        conflicts = []
        for item in items:
            target = item.target
            if not _exists(target):
                continue
            if target.is_file() and not target.is_symlink() and file_sha256(target) == item.sha256:
                item.skip = True
            elif target.is_dir() or not force:
                conflicts.append(target)
        if conflicts:
            raise OutputError("output_exists", path=", ".join(str(c) for c in conflicts[:5])
                              + (f" (+{len(conflicts) - 5})" if len(conflicts) > 5 else ""))
        self._beside_targets(items)
        self.items = items
        checkpoint("staged")
        self.state = PUBLISHING
        self._journal()
        checkpoint("journal")
        delay = float(os.environ.get(DELAY_ENV) or 0)
        written, unchanged = [], []
        try:
            for index, item in enumerate(items):
                if item.skip:
                    unchanged.append(item.target)
                    continue
                os.chmod(item.staged, 0o644)
                os.replace(item.staged, item.target)
                self.published.append(item)
                written.append(item.target)
                checkpoint(f"move:{index + 1}")
                if delay:
                    time.sleep(delay)
        except OSError as exc:
            self.roll_back()
            raise OutputError("output_unwritable", path=str(item.target),
                              reason=exc.strerror or str(exc)) from exc
        except BaseException:
            self.roll_back()
            raise
        _sync_folder(self.output)
        checkpoint("moved")
        return written, unchanged

    def _beside_targets(self, items: list[Item]) -> None:
        """A file going to another folder (``--merge elsewhere/in-an.docx``) is first copied
        beside its target, so that moving it into place is a rename on one file system."""
        for item in items:
            parent = item.target.parent
            if parent.absolute() == self.output.absolute():
                continue
            try:
                parent.mkdir(parents=True, exist_ok=True)
                tmp = parent / f".{item.target.name[:100]}.{self.id}.tmp"
                shutil.copyfile(item.staged, tmp)
            except OSError as exc:
                raise OutputError("output_unwritable", path=str(item.target),
                                  reason=exc.strerror or str(exc)) from exc
            item.staged.unlink(missing_ok=True)
            item.staged = tmp

    def roll_back(self) -> None:
        """Undo this process's moves (an error while publishing): nothing of the batch stays."""
        for item in self.published:
            try:
                if item.target.is_file() and file_sha256(item.target) == item.sha256:
                    item.target.unlink()
            except OSError:
                pass
        self.published = []
        self.state = "rolled-back"
        self.abandon()

    def finish(self) -> None:
        """Everything is in place (and issued): the staging folder goes, journal included."""
        checkpoint("issued")
        self._remove()

    def abandon(self) -> None:
        """Nothing was published: remove the staging folder and every staged file."""
        for item in self.items:
            if item.staged.parent != self.folder:
                item.staged.unlink(missing_ok=True)
        self._remove()

    def _remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.lock.release()


# ----------------------------------------------------------------------------- recovery


def can_complete(items: list[Item]) -> bool:
    """Every file is either in place with its hash or staged with its hash."""
    for item in items:
        if item.target.is_file() and not item.target.is_symlink() and file_sha256(item.target) == item.sha256:
            continue
        if item.skip:
            return False  # it was there before, and now it is not: do not guess
        if not (item.staged.is_file() and file_sha256(item.staged) == item.sha256):
            return False
    return True


def recover(folder: Path, *, keep_interrupted: bool = True) -> Outcome:
    """Settle the staging folder of a batch whose process is gone (or say it is busy).

    ``publishing`` that can be completed: the rest of the files are moved in (``forward``; the
    caller issues the register entries in ``items``). Otherwise the batch is rolled back: every
    file it published is removed, the staged files too. A batch with register numbers keeps its
    journal as ``interrupted`` (``kept``) when ``keep_interrupted``, so that a rerun reuses them.
    """
    journal = read_journal(folder)
    output = Path(journal["output"]) if journal and journal.get("output") else folder.parent
    register = journal_register(journal)
    state = str(journal.get("state")) if journal else "orphan"
    outcome = Outcome(folder, output, "busy", state, batch_of(folder), register)
    lock_path = folder / LOCK
    if not lock_path.exists():
        if journal is not None and _owner_alive(journal):
            return outcome
        if journal is None and _age(folder) < ORPHAN_AGE:
            return outcome  # a batch may be starting: its lock comes right after the folder
        lock = None
    else:
        lock = _Lock.take(lock_path, wait=False)
        if lock is None:
            return outcome
        if not lock.locked and _owner_alive(journal):
            lock.release()
            return outcome
    try:
        items = [Item.from_json(i) for i in (journal or {}).get("items", [])]
        if state == PUBLISHING and can_complete(items):
            for item in items:
                if item.target.is_file() and file_sha256(item.target) == item.sha256:
                    continue
                os.chmod(item.staged, 0o644)
                os.replace(item.staged, item.target)
                outcome.moved += 1
            _sync_folder(output)
            outcome.action, outcome.items = "forward", items
            _remove_folder(folder, items)
            return outcome
        if state == PUBLISHING:
            for item in items:
                if item.skip:
                    continue
                try:
                    if item.target.is_file() and file_sha256(item.target) == item.sha256:
                        item.target.unlink()
                        outcome.moved += 1
                except OSError:
                    pass
        outcome.action = "back"
        with_numbers = journal is not None and journal.get("register") is not None
        if keep_interrupted and with_numbers:
            for child in folder.iterdir():
                if child.name not in (JOURNAL, LOCK):
                    _remove_path(child)
            for item in items:
                if item.staged.parent != folder:
                    item.staged.unlink(missing_ok=True)
            journal = dict(journal, state=INTERRUPTED, items=[])
            _write_json(folder / JOURNAL, journal)
            outcome.kept = True
        else:
            _remove_folder(folder, items)
        return outcome
    finally:
        if lock is not None:
            lock.release()


def remove_interrupted(folder: Path) -> bool:
    """Remove an ``interrupted`` journal once its numbers are reused or voided (not if busy)."""
    lock_path = folder / LOCK
    lock = _Lock.take(lock_path, wait=False) if lock_path.exists() else None
    if lock_path.exists() and lock is None:
        return False
    try:
        _remove_folder(folder, [])
    finally:
        if lock is not None:
            lock.release()
    return True


def recover_output(output: Path, *, own: str | None = None, keep_interrupted: bool = True) -> list[Outcome]:
    """Settle every staging folder left in ``output`` (except the batch ``own``)."""
    outcomes = []
    for folder in staging_folders(output):
        if batch_of(folder) == own:
            continue
        journal = read_journal(folder)
        if journal and journal.get("state") == INTERRUPTED:
            continue  # already rolled back; its numbers wait for a rerun or a repair
        outcomes.append(recover(folder, keep_interrupted=keep_interrupted))
    return outcomes


def interrupted_batches(output: Path) -> dict[str, Path]:
    """Batch id → staging folder of the interrupted batches (rolled back, numbers kept) in ``output``."""
    found = {}
    for folder in staging_folders(output):
        journal = read_journal(folder)
        if journal and journal.get("state") == INTERRUPTED:
            found[batch_of(folder)] = folder
    return found


def describe_state(folder: Path) -> str:
    journal = read_journal(folder)
    return str(journal.get("state")) if journal else "orphan"


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return ORPHAN_AGE


def _remove_path(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except OSError:
            pass


def _remove_folder(folder: Path, items: list[Item]) -> None:
    for item in items:
        if item.staged.parent != folder:
            try:
                item.staged.unlink(missing_ok=True)
            except OSError:
                pass
    shutil.rmtree(folder, ignore_errors=True)


__all__ = ["Staging", "Item", "Outcome", "recover", "recover_output", "interrupted_batches",
           "staging_folders", "staging_folder", "read_journal", "checkpoint", "STAGING_PREFIX",
           "RENDERING", "PUBLISHING", "INTERRUPTED"]


def is_busy(folder: Path) -> bool:
    """Whether a live batch holds this staging folder."""
    lock_path = folder / LOCK
    if not lock_path.exists():
        journal = read_journal(folder)
        return (journal is not None and _owner_alive(journal)) or (journal is None and _age(folder) < ORPHAN_AGE)
    lock = _Lock.take(lock_path, wait=False)
    if lock is None:
        return True
    alive = not lock.locked and _owner_alive(read_journal(folder))
    lock.release()
    return alive
