"""The register in a PostgreSQL database (psycopg 3): one database for many machines and agencies.

Selected by ``so_van_ban.url: postgresql://…`` in the agency profile or ``VANBAN_REGISTER_URL``
(see :mod:`generator.register.policy`). Every agency's rows carry its id (``so_van_ban.co_quan``,
by default the profile's ``ma_co_quan``), so its series are its own.

**How a number is allocated.** In one transaction: the counter row of (agency, year, series) is
created if missing and locked with ``SELECT … FOR UPDATE``; the next number is its value + 1; the
entry is inserted (a trigger raises the counter to the number); COMMIT. Why a locked counter row:

- a ``SEQUENCE`` is not transactional — a rolled-back or crashed allocation would leave a gap,
  and ND30 numbers have none;
- ``MAX(number) + 1`` under READ COMMITTED lets two machines read the same maximum (the unique
  constraint would then refuse one of them: an error, not a number); under SERIALIZABLE it is
  correct but aborts one of two concurrent writers, to be retried by every caller;
- an advisory lock would serialise just as well but is invisible in the data and keyed by a hash.

The row lock serialises the writers of one series only (other series and agencies go on in
parallel), is released by COMMIT or ROLLBACK, and by the server when a client dies or its
connection drops — the transaction is rolled back, so no number is taken and none is lost.
A client that stops answering while it holds the lock is cut off by the server after
``idle_in_transaction_session_timeout`` (set per connection).

A lost connection (server down or restarted) is a :class:`RegisterError` naming the server with
its password masked; the next operation connects again.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Any, Iterator

import psycopg
from psycopg import errors as pg_errors

from ..errors import RegisterError
from .pgschema import SCHEMA, migrate as migrate_schema
from .location import _ABANDONED, mask_url
from .schema import COLUMNS


class _Row(dict):
    """A row by column name (``row["number"]``) or position (``row[0]``), like ``sqlite3.Row``."""

    __slots__ = ("_values",)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int):
            return self._values[key]
        return dict.__getitem__(self, key)


def _row_factory(cursor: Any):
    names = [c.name for c in cursor.description or ()]

    def make(values: Any) -> _Row:
        row = _Row(zip(names, values))
        row._values = values
        return row

    return make


class _Connection:
    """The store's SQL (``?`` placeholders) on a psycopg connection (``%s``)."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self.raw.execute(sql.replace("?", "%s"), tuple(params) if params else None)


class PostgresBackend:
    kind = "postgresql"
    errors: tuple[type[BaseException], ...] = (psycopg.Error,)

    def __init__(self, url: str, *, agency: str | None, create: bool, timeout: float) -> None:
        self.url = url
        self.location = mask_url(url)
        agency = (agency or "").strip()
        if not agency:
            raise RegisterError("register_agency_missing", path=self.location)
        self.agency = agency
        self.scope = ("agency = ?", (agency,))
        self.timeout = timeout
        self._lock = threading.RLock()
        self._conn: _Connection | None = None
        self._conn_pid = 0
        self._create = create
        self.created = False
        self.connection()

    @property
    def lock(self) -> threading.RLock:
        return self._lock

    def connection(self) -> _Connection:
        conn = self._conn
        if conn is not None and self._conn_pid == os.getpid() and not conn.raw.closed and not conn.raw.broken:
            return conn
        if conn is not None and self._conn_pid != os.getpid():
            _ABANDONED.append(conn)  # forked: closing it would end the parent's session
        self._conn = None
        seconds = max(1, int(self.timeout))
        try:
            raw = psycopg.connect(self.url, autocommit=True, row_factory=_row_factory,
                                  connect_timeout=min(seconds, 15), application_name="vanban")
        except psycopg.Error as exc:
            raise self.error(exc) from exc
        try:
            self.created = migrate_schema(raw, self.location, create=self._create) or self.created
            raw.execute(f"SET search_path = {SCHEMA}; SET lock_timeout = '{seconds}s'; "
                        f"SET idle_in_transaction_session_timeout = '{max(seconds, 60)}s'")
        except BaseException as exc:
            raw.close()
            if isinstance(exc, psycopg.Error):
                raise self.error(exc) from exc
            raise
        self._conn, self._conn_pid = _Connection(raw), os.getpid()
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[_Connection]:
        with self._lock:
            try:
                conn = self.connection()
                with conn.raw.transaction():
                    yield conn
            except psycopg.Error as exc:
                raise self.error(exc) from exc

    def rows(self, sql: str, params: tuple = ()) -> list[Any]:
        with self._lock:
            try:
                return self.connection().execute(sql, params).fetchall()
            except psycopg.Error as exc:
                raise self.error(exc) from exc

    def allocate(self, conn: _Connection, year: int, series: str, number: int | None) -> int:
        """Lock the series' counter row for this transaction; the next number is its value + 1.
        A number given by hand takes the same lock, so it cannot race an automatic one."""
        conn.execute("INSERT INTO counters (agency, year, series, last_number) VALUES (?, ?, ?, 0) "
                     "ON CONFLICT (agency, year, series) DO NOTHING", (self.agency, year, series))
        last = conn.execute("SELECT last_number FROM counters WHERE agency = ? AND year = ? AND series = ? "
                            "FOR UPDATE", (self.agency, year, series)).fetchone()[0]
        return number if number is not None else last + 1

    def insert(self, conn: _Connection, values: dict[str, Any]) -> Any:
        names = [c for c in COLUMNS if c != "id"]
        return conn.execute(
            f"INSERT INTO entries ({', '.join(names)}, agency) VALUES ({', '.join('?' * (len(names) + 1))}) "
            "RETURNING *", [*(values[c] for c in names), self.agency]).fetchone()

    def error(self, exc: BaseException) -> RegisterError:
        reason = _first_line(exc)
        if isinstance(exc, pg_errors.LockNotAvailable):
            return RegisterError("register_busy", path=self.location, seconds=self.timeout)
        if isinstance(exc, (pg_errors.IntegrityError, pg_errors.RaiseException)):
            return RegisterError("register_constraint", path=self.location, reason=reason)
        if isinstance(exc, psycopg.OperationalError):
            return RegisterError("register_server_unavailable", path=self.location, reason=reason)
        return RegisterError("register_unreadable", path=self.location, reason=reason)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self._conn_pid == os.getpid():
                self._conn.raw.close()
            self._conn = None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
