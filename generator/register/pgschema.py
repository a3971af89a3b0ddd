"""The register's PostgreSQL schema (schema ``vanban``), created or migrated on first use.

The same tables and guarantees as the SQLite file (:mod:`generator.register.schema`), for many
agencies in one database:

- ``entries``: every column of the SQLite register plus ``agency``; UNIQUE(agency, year, series,
  number) and UNIQUE(agency, year, ky_hieu_full). Triggers refuse DELETE/TRUNCATE, a change of
  (agency, year, series, number, ký hiệu) and a status going backwards.
- ``counters``: one row per (agency, year, series) holding the last number given. Allocation
  locks this row (``SELECT … FOR UPDATE``) in the transaction that inserts the entry; a trigger
  on ``entries`` keeps it at the series' maximum (numbers given by hand, migrated registers).
- ``audit``: one row per change of ``entries``, written by a trigger, with the row before and
  after as JSON text; triggers refuse UPDATE, DELETE and TRUNCATE (append-only).
- ``schema_version``: one row, the version of this schema (:data:`PG_SCHEMA_VERSION`).

Migrations run in one transaction under an advisory lock, so machines opening the register at
the same moment wait for the first one.
"""

from __future__ import annotations

from typing import Any

from ..errors import RegisterError

SCHEMA = "vanban"
PG_SCHEMA_VERSION = 1
_MIGRATION_LOCK = 0x76616E62616E  # pg_advisory_xact_lock key: "vanban"

_V1 = """
CREATE TABLE entries (
    id            BIGSERIAL PRIMARY KEY,
    year          INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    series        TEXT    NOT NULL CHECK (series <> ''),
    number        INTEGER NOT NULL CHECK (number >= 1),
    ky_hieu       TEXT    NOT NULL,
    ky_hieu_full  TEXT    NOT NULL,
    kind          TEXT    NOT NULL DEFAULT '',
    type_code     TEXT,
    secret        INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
    date          TEXT    NOT NULL,
    trich_yeu     TEXT    NOT NULL DEFAULT '',
    signer        TEXT    NOT NULL DEFAULT '',
    recipients    TEXT    NOT NULL DEFAULT '[]',
    archive       TEXT    NOT NULL DEFAULT '',
    copies        INTEGER,
    manual        INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
    path          TEXT,
    sha256        TEXT,
    status        TEXT    NOT NULL CHECK (status IN ('reserved', 'issued', 'voided')),
    reason        TEXT,
    pid           INTEGER NOT NULL,
    host          TEXT    NOT NULL,
    process_start TEXT,
    created_by    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    changed_by    TEXT    NOT NULL,
    changed_at    TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    batch         TEXT,
    batch_key     TEXT,
    agency        TEXT    NOT NULL CHECK (agency <> ''),
    UNIQUE (agency, year, series, number),
    UNIQUE (agency, year, ky_hieu_full),
    CHECK (status <> 'voided' OR reason IS NOT NULL)
);
CREATE INDEX entries_by_status ON entries (agency, status);
CREATE INDEX entries_by_batch ON entries (batch);

CREATE TABLE counters (
    agency       TEXT    NOT NULL,
    year         INTEGER NOT NULL,
    series       TEXT    NOT NULL,
    last_number  INTEGER NOT NULL CHECK (last_number >= 0),
    PRIMARY KEY (agency, year, series)
);

CREATE TABLE audit (
    id        BIGSERIAL PRIMARY KEY,
    agency    TEXT    NOT NULL,
    at        TEXT    NOT NULL,
    who       TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    entry_id  BIGINT  NOT NULL,
    before    TEXT,
    after     TEXT    NOT NULL
);
CREATE INDEX audit_by_entry ON audit (entry_id);
CREATE INDEX audit_by_agency ON audit (agency);

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit is append-only'; END $$;
CREATE TRIGGER audit_is_append_only BEFORE UPDATE OR DELETE ON audit
FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_is_never_truncated BEFORE TRUNCATE ON audit
FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

CREATE FUNCTION guard_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
        RAISE EXCEPTION 'register numbers are never deleted';
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.agency IS DISTINCT FROM OLD.agency
       OR NEW.year IS DISTINCT FROM OLD.year OR NEW.series IS DISTINCT FROM OLD.series
       OR NEW.number IS DISTINCT FROM OLD.number OR NEW.ky_hieu_full IS DISTINCT FROM OLD.ky_hieu_full THEN
        RAISE EXCEPTION 'a registered number cannot be changed';
    END IF;
    IF NOT (OLD.status = 'reserved' OR (OLD.status = 'issued' AND NEW.status = 'voided')) THEN
        RAISE EXCEPTION 'status can only go reserved -> issued/voided or issued -> voided';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER entries_guard BEFORE UPDATE OR DELETE ON entries
FOR EACH ROW EXECUTE FUNCTION guard_entries();
CREATE TRIGGER entries_are_never_truncated BEFORE TRUNCATE ON entries
FOR EACH STATEMENT EXECUTE FUNCTION guard_entries();

CREATE FUNCTION audit_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit (agency, at, who, action, entry_id, before, after)
    VALUES (NEW.agency, NEW.changed_at, NEW.changed_by, NEW.action, NEW.id,
            CASE WHEN TG_OP = 'UPDATE' THEN row_to_json(OLD)::text END, row_to_json(NEW)::text);
    IF TG_OP = 'INSERT' THEN
        INSERT INTO counters (agency, year, series, last_number)
        VALUES (NEW.agency, NEW.year, NEW.series, NEW.number)
        ON CONFLICT (agency, year, series)
        DO UPDATE SET last_number = GREATEST(counters.last_number, EXCLUDED.last_number);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER entries_audit AFTER INSERT OR UPDATE ON entries
FOR EACH ROW EXECUTE FUNCTION audit_entries();
"""

MIGRATIONS: dict[int, str] = {1: _V1}  # version reached -> script from the version before


def version(conn: Any) -> int | None:
    """The schema version of the database, None if it holds no register."""
    if conn.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.schema_version",)).fetchone()[0] is None:
        return None
    return conn.execute(f"SELECT version FROM {SCHEMA}.schema_version").fetchone()[0]


def migrate(conn: Any, location: str, *, create: bool) -> bool:
    """Bring the database to :data:`PG_SCHEMA_VERSION`; True if this call created the register.

    ``conn`` is a psycopg connection in autocommit mode."""
    current = version(conn)
    if current == PG_SCHEMA_VERSION:
        return False
    if current is not None and current > PG_SCHEMA_VERSION:
        raise RegisterError("register_too_new", path=location, version=current, supported=PG_SCHEMA_VERSION)
    if current is None and not create:
        raise RegisterError("register_not_initialised", path=location)
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        current = version(conn)  # another machine may have won
        created = current is None
        if created:
            foreign = conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = %s", (SCHEMA,)).fetchone()[0]
            if foreign:
                raise RegisterError("register_not_a_register", path=location)
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
            conn.execute(f"SET LOCAL search_path = {SCHEMA}")
            conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            conn.execute("INSERT INTO schema_version VALUES (0)")
            current = 0
        conn.execute(f"SET LOCAL search_path = {SCHEMA}")
        for target in range(current + 1, PG_SCHEMA_VERSION + 1):
            conn.execute(MIGRATIONS[target])
            conn.execute("UPDATE schema_version SET version = %s", (target,))
    return created
