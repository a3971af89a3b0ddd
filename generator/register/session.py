"""Reserve → write → issue: the two-phase protocol that ties numbers to written files.

::

    with register.issuing(user="vanthu") as session:
        entry = session.reserve(kind="ke-hoach", type_code="KH", ky_hieu="KH-BQL",
                                date=date(2024, 3, 5), trich_yeu="…", signer="…",
                                recipients=["…"], path=lambda e: out / f"{e.number_text}-KH.docx")
        data = render(..., so=entry.number)
        session.write(entry, entry.path, data)       # prepare + atomic write + issue

Each step commits at once, so a crash leaves evidence: a ``reserved`` row with its intended file
and (after :meth:`IssuingSession.prepare`) the SHA-256 the file will have. ``Register.recover``
settles such rows once their process is gone. Leaving the ``with`` block voids every reservation
of the session that was not issued, with the reason.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..errors import RegisterError, VanbanError
from ..messages import format_error
from ..packaging import atomic_write
from ..vn import LanguageError
from .entry import Entry, describe, file_sha256


REASON_WRITE_FAILED = "ghi tệp thất bại: {detail}"
REASON_NOT_WRITTEN = "không ghi tệp: phiên cấp số kết thúc trước khi ghi"


def failure_reason(error: BaseException | str) -> str:
    """``'ghi tệp thất bại: …'`` with the error in Vietnamese when it is one of ours."""
    if isinstance(error, str):
        detail = error
    elif isinstance(error, VanbanError):
        detail = format_error(error, "vi")
    elif isinstance(error, LanguageError):
        detail = error.message("vi")
    else:
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return REASON_WRITE_FAILED.format(detail=detail)


class IssuingSession:
    """One batch (or one render) of numbers; use it as a context manager.

    ``issued`` and ``voided`` list what the session did; ``pending`` what is still reserved.
    """

    def __init__(self, register: Any, user: str) -> None:  # a store.Register (which makes sessions)
        self.register = register
        self.user = user
        self._pending: dict[int, Entry] = {}
        self.issued: list[Entry] = []
        self.voided: list[Entry] = []

    def __enter__(self) -> "IssuingSession":
        return self

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> bool:
        reason = failure_reason(exc) if exc is not None else REASON_NOT_WRITTEN
        for entry in list(self._pending.values()):
            try:
                self._settle_void(entry, reason)
            except RegisterError:
                if exc is None:
                    raise
                # Already failing: keep the first error; recover() settles the row later.
        return False

    @property
    def pending(self) -> list[Entry]:
        return list(self._pending.values())

    def reserve(self, *, kind: str, type_code: str | None, ky_hieu: str, date: Any,
                trich_yeu: str = "", signer: str = "", recipients: Any = (), secret: bool = False,
                number: int | None = None, series: str | None = None, path: Any = None,
                archive: str = "", copies: int | None = None, batch: str | None = None,
                batch_key: str | None = None) -> Entry:
        """Take the next number of the document's series (or check ``number`` given by hand).

        The series comes from the register's :class:`SeriesPolicy` unless ``series`` is given
        (e.g. an advisory body with its own series). ``path`` (a path, or a function of the new
        entry returning one) is the intended output file, recorded for recovery. The
        reservation is committed before this returns.
        ``batch`` and ``batch_key`` name the batch and the decision the number is for (a rerun
        of an interrupted batch reuses it through :meth:`adopt`).
        """
        entry = self.register._reserve(
            user=self.user, kind=kind, type_code=type_code, ky_hieu=ky_hieu, date=date,
            trich_yeu=trich_yeu, signer=signer, recipients=recipients, secret=secret,
            number=number, series=series, path=path, archive=archive, copies=copies, batch=batch,
            batch_key=batch_key)
        self._pending[entry.id] = entry
        return entry

    def adopt(self, entry: Entry, *, batch: str, path: str | Path | None = None) -> Entry | None:
        """Take over a number an interrupted batch kept reserved for the same decision: the
        number is this session's now (issued or voided like one it reserved). None if another
        process adopted it first."""
        adopted = self.register._adopt(entry, self.user, batch=batch,
                                       path=Path(path) if path is not None else None)
        if adopted is not None:
            self._pending[adopted.id] = adopted
        return adopted

    def issue_many(self, items: list[tuple[Entry, str | Path, str]]) -> list[Entry]:
        """Issue several numbers at once (one transaction), each with its file and SHA-256."""
        for entry, _, _ in items:
            self._check_mine(entry)
        issued = self.register._issue_many([(e, Path(p), h) for e, p, h in items], self.user)
        for entry in issued:
            self._pending.pop(entry.id, None)
        self.issued.extend(issued)
        return issued

    def release(self, entries: list[Entry]) -> None:
        """Stop tracking reservations without voiding them: their files are being published
        under a journal, and if this process stops now, recovery completes and issues them."""
        for entry in entries:
            self._pending.pop(entry.id, None)

    def prepare(self, entry: Entry, path: str | Path, sha256: str) -> Entry:
        """Record the file about to be written and its SHA-256 (call just before writing it)."""
        self._check_mine(entry)
        updated = self.register._change(entry, self.user, "prepare", ("reserved",),
                                        path=str(Path(path).absolute()), sha256=sha256)
        self._pending[entry.id] = updated
        return updated

    def issue(self, entry: Entry, path: str | Path | None = None, sha256: str | None = None) -> Entry:
        """Mark the number issued once its file exists; the file's SHA-256 is recorded.

        ``sha256``, when given, must match the file. ``path=None`` registers a number for a
        document that is not a file of ours (e.g. numbered for a paper original).
        """
        self._check_mine(entry)
        if path is None:
            if sha256 is not None:
                raise RegisterError("register_file_missing", **_params(entry, "-"))
            actual = None
        else:
            path = Path(path)
            if not path.is_file():
                raise RegisterError("register_file_missing", **_params(entry, path))
            actual = file_sha256(path)
            if sha256 is not None and sha256 != actual:
                raise RegisterError("register_hash_mismatch", **_params(entry, path),
                                    expected=sha256[:12], actual=actual[:12])
        issued = self.register._issue(entry, path, actual, self.user)
        del self._pending[entry.id]
        self.issued.append(issued)
        return issued

    def fail(self, entry: Entry, error: BaseException | str) -> Entry:
        """Void a reservation whose document could not be written (the number is not reused)."""
        self._check_mine(entry)
        return self._settle_void(entry, failure_reason(error))

    def write(self, entry: Entry, path: str | Path, data: bytes, *, force: bool = False) -> Entry:
        """Prepare, write ``data`` atomically to ``path``, issue. On failure the number is voided."""
        sha256 = hashlib.sha256(data).hexdigest()
        self.prepare(entry, path, sha256)
        try:
            atomic_write(Path(path), data, force=force)
        except BaseException as exc:
            self.fail(entry, exc)
            raise
        return self.issue(entry, path, sha256)

    def _settle_void(self, entry: Entry, reason: str) -> Entry:
        self._pending.pop(entry.id, None)
        voided = self.register._void(entry, reason, self.user, "void-unwritten", ("reserved",))
        self.voided.append(voided)
        return voided

    def _check_mine(self, entry: Entry) -> None:
        if entry.id not in self._pending:

            current = self.register.show(entry.ky_hieu_full, entry.year, entry.series)
            raise RegisterError("register_not_reserved", **describe(current))


def _params(entry: Entry, path: object) -> dict[str, Any]:
    return {"so_ky_hieu": entry.ky_hieu_full, "year": entry.year, "file": str(path)}
