"""Rows of the register as Python values: an :class:`Entry` per number, :class:`Problem` from verify."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..vn import format_number, short_date
from ..vn.codes import CODE_TYPES

RESERVED = "reserved"
ISSUED = "issued"
VOIDED = "voided"
STATUSES = (RESERVED, ISSUED, VOIDED)


@dataclass(frozen=True)
class Entry:
    """One number of the register (a reservation while ``status == 'reserved'``)."""

    id: int
    year: int
    series: str
    number: int
    ky_hieu: str
    ky_hieu_full: str
    kind: str
    type_code: str | None
    secret: bool
    date: _dt.date
    trich_yeu: str
    signer: str
    recipients: tuple[str, ...]
    archive: str
    copies: int | None
    manual: bool
    path: Path | None
    sha256: str | None
    status: str
    reason: str | None
    pid: int
    host: str
    process_start: str | None
    created_by: str
    created_at: str
    changed_by: str
    changed_at: str
    action: str
    batch: str | None = None  # the batch that reserved it (vanban batch --final)
    batch_key: str | None = None  # which decision of that batch

    @property
    def number_text(self) -> str:
        """``'05'``: the number as ND30 prints it."""
        return format_number(self.number)

    @property
    def so_line(self) -> str:
        """``'Số: 05/KH-BQL'``."""
        return f"Số: {self.ky_hieu_full}"

    @property
    def date_text(self) -> str:
        return short_date(self.date)

    @property
    def title(self) -> str:
        """Tên loại and trích yếu as the register book writes them: ``'Kế hoạch Triển khai …'``."""
        name = CODE_TYPES.get(self.type_code or "", "Công văn")
        about = self.trich_yeu.strip()
        if not about:
            return name
        if name == "Công văn" and not about.startswith("V/v"):
            about = "V/v " + about
        return f"{name} {about}"

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> "Entry":
        return cls(
            id=row["id"], year=row["year"], series=row["series"], number=row["number"],
            ky_hieu=row["ky_hieu"], ky_hieu_full=row["ky_hieu_full"], kind=row["kind"],
            type_code=row["type_code"], secret=bool(row["secret"]),
            date=_dt.date.fromisoformat(row["date"]), trich_yeu=row["trich_yeu"],
            signer=row["signer"], recipients=tuple(json.loads(row["recipients"] or "[]")),
            archive=row["archive"], copies=row["copies"], manual=bool(row["manual"]),
            path=Path(row["path"]) if row["path"] else None, sha256=row["sha256"],
            status=row["status"], reason=row["reason"], pid=row["pid"], host=row["host"],
            process_start=row["process_start"], created_by=row["created_by"],
            created_at=row["created_at"], changed_by=row["changed_by"],
            changed_at=row["changed_at"], action=row["action"],
            batch=_get(row, "batch"), batch_key=_get(row, "batch_key"),
        )

    def describe(self) -> dict[str, Any]:
        """The parameters that name this document in a message."""
        return {
            "so_ky_hieu": self.ky_hieu_full, "year": self.year, "series": self.series,
            "date": self.date_text, "trich_yeu": self.trich_yeu or "-",
            "file": str(self.path) if self.path else "-", "status": self.status,
        }


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: str
    who: str
    action: str
    entry_id: int
    before: dict[str, Any] | None
    after: dict[str, Any]


@dataclass(frozen=True)
class Problem:
    """One finding of :meth:`Register.verify`; ``code`` is a message code (generator.messages)."""

    code: str
    entry: Entry | None
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = "error"  # "error" | "warning"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def _get(row: Any, name: str) -> Any:
    try:
        return row[name]
    except (KeyError, IndexError):
        return None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


STATUS_VI = {RESERVED: "đang giữ số", ISSUED: "đã cấp", VOIDED: "đã hủy"}


def describe(entry: Entry) -> dict[str, Any]:
    """An entry's facts for a message, its status in words."""
    return {**entry.describe(), "trang_thai": STATUS_VI[entry.status]}
