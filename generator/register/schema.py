"""The register's SQLite schema, created or migrated on open (``PRAGMA user_version``).

Two tables:

- ``entries``: one row per number ever given out. Rows are never deleted and their
  (year, series, number) never change; a status goes ``reserved → issued``, ``reserved → voided``
  or ``issued → voided`` and nothing else. UNIQUE(year, series, number) and
  UNIQUE(year, ky_hieu_full) are the last line of defence against duplicates.
- ``audit``: one row per change of ``entries``, written by triggers (so no code path can change a
  number without leaving a trace): who, when, what, and the row before and after as JSON.
  Triggers RAISE on UPDATE or DELETE of ``audit``: it is append-only.

Version 2 adds ``batch`` and ``batch_key`` to ``entries``: the batch (``vanban batch --final``)
that reserved a number and a key of the decision it is for, so that running a killed batch again
reuses the numbers reserved for the same decisions (see ``generator.publish``).
"""

from __future__ import annotations

import sqlite3

from ..errors import RegisterError

SCHEMA_VERSION = 2

# The columns of ``entries`` in version 1 (in order).
COLUMNS_V1 = (
    "id", "year", "series", "number", "ky_hieu", "ky_hieu_full", "kind", "type_code", "secret",
    "date", "trich_yeu", "signer", "recipients", "archive", "copies", "manual", "path", "sha256",
    "status", "reason", "pid", "host", "process_start", "created_by", "created_at", "changed_by",
    "changed_at", "action",
)
# Every column of ``entries`` (in order) — also the JSON kept in the audit table.
COLUMNS = (*COLUMNS_V1, "batch", "batch_key")


def _json(row: str, columns: tuple[str, ...] = COLUMNS_V1) -> str:
    return "json_object(" + ", ".join(f"'{c}', {row}.{c}" for c in columns) + ")"


_V1 = f"""
CREATE TABLE entries (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    series        TEXT    NOT NULL CHECK (series <> ''),
    number        INTEGER NOT NULL CHECK (number >= 1),
    ky_hieu       TEXT    NOT NULL,
    ky_hieu_full  TEXT    NOT NULL,               -- '05/KH-BQL'
    kind          TEXT    NOT NULL DEFAULT '',    -- 'ke-hoach'
    type_code     TEXT,                           -- 'KH'; NULL for công văn
    secret        INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
    date          TEXT    NOT NULL,               -- ISO 'YYYY-MM-DD'
    trich_yeu     TEXT    NOT NULL DEFAULT '',
    signer        TEXT    NOT NULL DEFAULT '',
    recipients    TEXT    NOT NULL DEFAULT '[]',  -- JSON array of strings
    archive       TEXT    NOT NULL DEFAULT '',    -- đơn vị, người nhận bản lưu
    copies        INTEGER,                        -- số lượng bản
    manual        INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
    path          TEXT,   -- reserved: the intended file; issued: the written file
    sha256        TEXT,   -- reserved: the expected hash (prepare); issued: the file's hash
    status        TEXT    NOT NULL CHECK (status IN ('reserved', 'issued', 'voided')),
    reason        TEXT,   -- why it was voided
    pid           INTEGER NOT NULL,
    host          TEXT    NOT NULL,
    process_start TEXT,
    created_by    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    changed_by    TEXT    NOT NULL,
    changed_at    TEXT    NOT NULL,
    action        TEXT    NOT NULL,               -- the last change: reserve, prepare, issue, void...
    UNIQUE (year, series, number),
    UNIQUE (year, ky_hieu_full),
    CHECK (status <> 'voided' OR reason IS NOT NULL)
);
CREATE INDEX entries_by_status ON entries (status);

CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    who       TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    entry_id  INTEGER NOT NULL,
    before    TEXT,   -- JSON of the row before the change (NULL for a new number)
    after     TEXT    NOT NULL
);
CREATE INDEX audit_by_entry ON audit (entry_id);

CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

CREATE TRIGGER entries_are_never_deleted BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'register numbers are never deleted'); END;
CREATE TRIGGER entries_keep_their_number BEFORE UPDATE OF id, year, series, number, ky_hieu_full
ON entries
WHEN NEW.id IS NOT OLD.id OR NEW.year IS NOT OLD.year OR NEW.series IS NOT OLD.series
     OR NEW.number IS NOT OLD.number OR NEW.ky_hieu_full IS NOT OLD.ky_hieu_full
BEGIN SELECT RAISE(ABORT, 'a registered number cannot be changed'); END;
CREATE TRIGGER entries_status_moves_forward BEFORE UPDATE ON entries
WHEN NOT (OLD.status = 'reserved' OR (OLD.status = 'issued' AND NEW.status = 'voided'))
BEGIN SELECT RAISE(ABORT, 'status can only go reserved -> issued/voided or issued -> voided'); END;

CREATE TRIGGER entries_audit_insert AFTER INSERT ON entries
BEGIN
    INSERT INTO audit (at, who, action, entry_id, before, after)
    VALUES (NEW.changed_at, NEW.changed_by, NEW.action, NEW.id, NULL, {_json("NEW")});
END;
CREATE TRIGGER entries_audit_update AFTER UPDATE ON entries
BEGIN
    INSERT INTO audit (at, who, action, entry_id, before, after)
    VALUES (NEW.changed_at, NEW.changed_by, NEW.action, NEW.id, {_json("OLD")}, {_json("NEW")});
END;
"""

_V2 = f"""
ALTER TABLE entries ADD COLUMN batch TEXT;      -- the batch that reserved the number
ALTER TABLE entries ADD COLUMN batch_key TEXT;  -- which decision of that batch
CREATE INDEX entries_by_batch ON entries (batch);
DROP TRIGGER entries_audit_insert;
DROP TRIGGER entries_audit_update;
CREATE TRIGGER entries_audit_insert AFTER INSERT ON entries
BEGIN
    INSERT INTO audit (at, who, action, entry_id, before, after)
    VALUES (NEW.changed_at, NEW.changed_by, NEW.action, NEW.id, NULL, {_json("NEW", COLUMNS)});
END;
CREATE TRIGGER entries_audit_update AFTER UPDATE ON entries
BEGIN
    INSERT INTO audit (at, who, action, entry_id, before, after)
    VALUES (NEW.changed_at, NEW.changed_by, NEW.action, NEW.id, {_json("OLD", COLUMNS)}, {_json("NEW", COLUMNS)});
END;
"""

MIGRATIONS: dict[int, str] = {1: _V1, 2: _V2}  # version reached -> script from the version before


def migrate(conn: sqlite3.Connection, path: str) -> None:
    """Bring the file to :data:`SCHEMA_VERSION`, in one IMMEDIATE transaction (processes wait)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise RegisterError("register_too_new", path=path, version=version, supported=SCHEMA_VERSION)
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
        if version == 0:
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]
            if tables:
                raise RegisterError("register_not_a_register", path=path)
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _statements(MIGRATIONS[target]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """Split a script into statements (``executescript`` would commit our transaction)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    return statements
