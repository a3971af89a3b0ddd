"""Where the register's rows live: an SQLite file (the default) or a PostgreSQL database.

:class:`~generator.register.store.Register` holds every rule of the register (series, the
reserve → write → issue protocol, recovery, verification) and speaks one small SQL dialect with
``?`` placeholders; a backend gives it connections and the few operations that differ:

- ``transaction()``: one short write transaction in which the number is allocated **and** the
  entry recorded, so a number is taken only if its row is committed;
- ``allocate(conn, year, series, number)``: the next number of a series (or a check-and-lock of
  one given by hand), serialised against every other writer of that series;
- ``insert(conn, values)``: record a new entry and return its row;
- ``scope``: the rows this register sees (one agency's, in a database several agencies share);
- ``error(exc)``: a database error as a :class:`~generator.errors.RegisterError` with a location
  (a file, or the server's URL with its password masked).

``open_backend`` chooses the backend from the location: a ``postgresql://`` URL or a file path.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from ..errors import RegisterError
from .location import _ABANDONED, AGENCY_VARIABLE, is_url, mask_url
from .schema import COLUMNS, migrate

def open_backend(location: str | Path, *, agency: str | None, create: bool, timeout: float):
    """The backend for a location: PostgreSQL for a ``postgresql://`` URL, else an SQLite file."""
    if is_url(location):
        try:
            from .postgres import PostgresBackend  # psycopg only when a server is used
        except ImportError as exc:
            raise RegisterError("register_driver_missing", path=mask_url(str(location))) from exc

        agency = agency or os.environ.get(AGENCY_VARIABLE, "").strip() or None
        return PostgresBackend(str(location).strip(), agency=agency, create=create, timeout=timeout)
    return SqliteBackend(Path(location), create=create, timeout=timeout)


class SqliteBackend:
    """One SQLite file. Every write is one ``BEGIN IMMEDIATE`` transaction: SQLite lets one writer
    in at a time and the others wait (``busy_timeout``), so processes that allocate at the same
    moment are serialised and read the same, current maximum. WAL mode lets readers go on
    meanwhile; ``synchronous=FULL`` makes each committed number survive a power cut."""

    kind = "sqlite"
    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    scope: tuple[str, tuple] | None = None  # one file, one agency

    def __init__(self, path: Path, *, create: bool, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._conn_pid = 0
        self.created = False
        folder = path.absolute().parent
        if not folder.is_dir():
            raise RegisterError("register_folder_missing", path=str(path), folder=str(folder))
        if not os.path.lexists(path):
            if not create:
                raise RegisterError("register_not_initialised", path=str(path))
            self.created = True
        self.connection()

    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def lock(self) -> threading.RLock:
        return self._lock

    def connection(self) -> sqlite3.Connection:
        if self._conn is not None and self._conn_pid == os.getpid():
            return self._conn
        if self._conn is not None:  # forked: the parent's connection must not be touched
            _ABANDONED.append(self._conn)
        try:
            conn = sqlite3.connect(str(self.path), timeout=self.timeout, isolation_level=None,
                                   check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            migrate(conn, str(self.path))
        except sqlite3.Error as exc:
            raise self.error(exc) from exc
        except OSError as exc:
            raise RegisterError("register_unreadable", path=str(self.path),
                                reason=exc.strerror or str(exc)) from exc
        self._conn, self._conn_pid = conn, os.getpid()
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: the write lock is taken first, so allocation is serialised."""
        with self._lock:
            conn = self.connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                finally:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
            except sqlite3.Error as exc:
                raise self.error(exc) from exc

    def rows(self, sql: str, params: tuple = ()) -> list[Any]:
        with self._lock:
            try:
                return self.connection().execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self.error(exc) from exc

    def allocate(self, conn: sqlite3.Connection, year: int, series: str, number: int | None) -> int:
        """Inside :meth:`transaction` the whole file is locked for writing: MAX + 1 is safe."""
        if number is not None:
            return number
        return conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM entries WHERE year = ? AND series = ?",
                            (year, series)).fetchone()[0]

    def insert(self, conn: sqlite3.Connection, values: dict[str, Any]) -> Any:
        names = [c for c in COLUMNS if c != "id"]
        cursor = conn.execute(
            f"INSERT INTO entries ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [values[c] for c in names])
        return conn.execute("SELECT * FROM entries WHERE id = ?", (cursor.lastrowid,)).fetchone()

    def error(self, exc: BaseException) -> RegisterError:
        message = str(exc)
        if isinstance(exc, sqlite3.OperationalError) and ("locked" in message or "busy" in message):
            return RegisterError("register_busy", path=str(self.path), seconds=self.timeout)
        if isinstance(exc, sqlite3.IntegrityError):
            return RegisterError("register_constraint", path=str(self.path), reason=message)
        return RegisterError("register_unreadable", path=str(self.path), reason=message)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self._conn_pid == os.getpid():
                self._conn.close()
            self._conn = None
