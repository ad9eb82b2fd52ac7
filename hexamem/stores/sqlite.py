"""The SQLite file that holds the op log, the records, history and the FTS5 index.

One file means the SQLite half of a batch (records, lexical rows, history, the
`done` mark) commits in one transaction; only the vector store is outside it.
Each store that keeps tables here declares them beside its SQL (`ensure`).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hexamem.errors import StoreError


class Database:
    """A WAL-mode SQLite connection shared by threads behind one lock."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sqlite3.connect(
                path, check_same_thread=False, isolation_level=None, timeout=30
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute("PRAGMA secure_delete=ON")  # forgotten rows are zeroed on disk
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc
        self.path = path
        self.lock = threading.RLock()

    def ensure(self, schema: str) -> None:
        """Create the tables and indexes of `schema` unless they exist (statements use IF NOT
        EXISTS), so each store owns its tables."""
        with self.lock:
            try:
                self._conn.executescript(schema)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot create tables in {self.path}: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        with self.lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(f"SQLite: {exc}") from exc
            try:
                yield self._conn
            except sqlite3.Error as exc:
                self._conn.execute("ROLLBACK")
                raise StoreError(f"SQLite: {exc}", refused=_refused(exc)) from exc
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            try:
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._conn.execute("ROLLBACK")
                raise StoreError(f"SQLite commit failed: {exc}") from exc

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection for reads, under the lock; SQLite errors become `StoreError`."""
        with self.lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise StoreError(f"SQLite: {exc}", refused=_refused(exc)) from exc

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database and empty it (old pages leave the WAL)."""
        with self.lock:
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                raise StoreError(f"SQLite checkpoint failed: {exc}") from exc

    def close(self) -> None:
        with self.lock:
            self._conn.close()


def _refused(exc: sqlite3.Error) -> bool:
    """Errors about the data or the statement; a locked or full database is worth a retry."""
    return isinstance(exc, sqlite3.IntegrityError | sqlite3.DataError | sqlite3.ProgrammingError)
