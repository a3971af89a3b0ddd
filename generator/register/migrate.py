"""``vanban so migrate``: move an SQLite register into a PostgreSQL register with its history.

All or nothing, and checked before it is kept:

1. the source file is read inside one ``BEGIN IMMEDIATE`` transaction (no process can take a
   number from it meanwhile) — every entry, voided ones included, and every audit row;
2. in one PostgreSQL transaction: the target is refused if it already holds numbers of this
   agency in the same (year, series) unless ``allow_existing``; each entry gets a new id; the
   audit rows are copied as they were (who, when, what, the row before and after, in their
   order) with the new entry id; then each entry is inserted as it stands, its last change being
   ``migrate`` (the database's trigger adds that audit row and sets the series' counter);
3. still inside that transaction the target is read back and compared with the source: the
   number of entries per (year, series, status), the highest number of each series, the audit
   row count, and SHA-256 hashes of the entries and of the copied audit rows. Any difference
   rolls the whole move back.

The SQLite file is left as it was (keep it as the archive of the move).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RegisterError
from .location import is_url
from .schema import COLUMNS

# Columns compared between source and target: everything but the row id and the last change
# (which on the target is the migration itself).
COMPARED = tuple(c for c in COLUMNS if c not in ("id", "changed_by", "changed_at", "action"))


@dataclass
class MigrationResult:
    source: str
    target: str
    agency: str
    entries: int
    audit: int
    digest: str  # SHA-256 of the entries as compared
    series_max: dict[tuple[int, str], int] = field(default_factory=dict)


def migrate_register(source: str | Path, target: str, *, agency: str | None, user: str,
                     allow_existing: bool = False) -> MigrationResult:
    from .store import Register

    if is_url(source):
        raise RegisterError("register_migrate_source_not_sqlite", path=_shown(str(source)))
    if not is_url(target):
        raise RegisterError("register_migrate_target_not_postgresql", path=str(target))
    origin = Register(Path(source), recover=False, user=user)
    try:
        destination = Register(target, agency=agency, create=True, recover=False, user=user)
        try:
            with origin._transaction() as read:  # the write lock: nobody numbers meanwhile
                entries = [dict(r) for r in read.execute("SELECT * FROM entries ORDER BY id").fetchall()]
                audit = [dict(r) for r in read.execute("SELECT * FROM audit ORDER BY id").fetchall()]
                result = _copy(entries, audit, destination, user, allow_existing)
            result.source = origin.location
            return result
        finally:
            destination.close()
    finally:
        origin.close()


def _shown(location: str) -> str:
    from .location import mask_url

    return mask_url(location)


def _copy(entries: list[dict], audit: list[dict], target: Any, user: str, allow_existing: bool) -> MigrationResult:
    agency = target.agency
    keys = sorted({(e["year"], e["series"]) for e in entries})
    now = _dt.datetime.now().astimezone().isoformat(timespec="milliseconds")
    with target._transaction() as conn:
        if keys and not allow_existing:
            held = [(r[0], r[1], r[2]) for r in conn.execute(
                "SELECT year, series, count(*) FROM entries WHERE agency = ? GROUP BY year, series",
                (agency,)).fetchall() if (r[0], r[1]) in set(keys)]
            if held:
                raise RegisterError("register_migrate_target_not_empty", path=target.location, agency=agency,
                                    count=sum(c for _, _, c in held),
                                    series=", ".join(f"{s} ({y})" for y, s, _ in held))
        ids = sorted(r[0] for r in conn.execute(
            "SELECT nextval(pg_get_serial_sequence('vanban.entries', 'id')) FROM generate_series(1, ?)",
            (len(entries),)).fetchall()) if entries else []
        new_id = {e["id"]: i for e, i in zip(entries, ids)}
        orphans = [a["id"] for a in audit if a["entry_id"] not in new_id]
        if orphans:  # the source's triggers make this impossible; a damaged file is not moved
            raise RegisterError("register_migrate_mismatch", path=target.location, what="audit -> entries",
                                source=f"{len(orphans)} audit row(s) without an entry", target="-")
        for row in audit:
            conn.execute("INSERT INTO audit (agency, at, who, action, entry_id, before, after) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (agency, row["at"], row["who"], row["action"], new_id[row["entry_id"]],
                          row["before"], row["after"]))
        names = [c for c in COLUMNS if c not in ("id", "changed_by", "changed_at", "action")]
        for entry in entries:
            conn.execute(
                f"INSERT INTO entries (id, {', '.join(names)}, changed_by, changed_at, action, agency) "
                f"VALUES ({', '.join('?' * (len(names) + 5))})",
                (new_id[entry["id"]], *(entry[c] for c in names), user, now, "migrate", agency))
        _check(conn, entries, audit, new_id, agency, target.location)
    return MigrationResult("", target.location, agency, len(entries), len(audit), _entries_digest(entries),
                           _series_max(entries))


def _check(conn: Any, entries: list[dict], audit: list[dict], new_id: dict[int, int], agency: str,
           location: str) -> None:
    """Read the moved rows back inside the transaction; any difference raises (and rolls back)."""
    ids = list(new_id.values())
    moved = [dict(r) for r in conn.execute(
        "SELECT * FROM entries WHERE agency = ? AND id = ANY(?) ORDER BY id", (agency, ids)).fetchall()]
    copied = [dict(r) for r in conn.execute(
        "SELECT * FROM audit WHERE agency = ? AND entry_id = ANY(?) AND action <> 'migrate' ORDER BY id",
        (agency, ids)).fetchall()]
    old_of = {v: k for k, v in new_id.items()}
    comparisons = [
        ("entries", len(entries), len(moved)),
        ("audit", len(audit), len(copied)),
        ("per-series", _counts(entries), _counts(moved)),
        ("max", _series_max(entries), _series_max(moved)),
        ("sha256 entries", _entries_digest(entries), _entries_digest(moved)),
        ("sha256 audit", _audit_digest(audit, lambda i: i),
         _audit_digest(copied, old_of.get)),
    ]
    for what, source, target in comparisons:
        if source != target:
            raise RegisterError("register_migrate_mismatch", path=location, what=what,
                                source=_short(source), target=_short(target))


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _counts(rows: list[dict]) -> dict[tuple, int]:
    counts: dict[tuple, int] = {}
    for row in rows:
        key = (row["year"], row["series"], row["status"])
        counts[key] = counts.get(key, 0) + 1
    return counts


def _series_max(rows: list[dict]) -> dict[tuple[int, str], int]:
    highest: dict[tuple[int, str], int] = {}
    for row in rows:
        key = (row["year"], row["series"])
        highest[key] = max(highest.get(key, 0), row["number"])
    return highest


def _entries_digest(rows: list[dict]) -> str:
    ordered = sorted(rows, key=lambda r: (r["year"], r["series"], r["number"]))
    text = json.dumps([[r[c] for c in COMPARED] for r in ordered], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _audit_digest(rows: list[dict], entry_of) -> str:
    text = json.dumps([[r["at"], r["who"], r["action"], entry_of(r["entry_id"]), r["before"], r["after"]]
                       for r in rows], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
