"""The SQLite file that holds the op log, the records, history and the FTS5 index.

One file means the SQLite half of a batch (records, lexical rows, history, the
`done` mark) commits in one transaction; only the vector store is outside it.
Each store that keeps tables here declares them beside its SQL, as versioned
migrations (`migrate`).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from hexamem.errors import StoreError
from hexamem.stores.dialect import SQLITE
from hexamem.stores.migrations import LEDGER, Migration, pending


class Database:
    """A WAL-mode SQLite connection shared by threads behind one lock."""

    dialect = SQLITE

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

    def migrate(self, store: str, steps: Sequence[Migration]) -> int:
        """Apply the migrations of `store` this file has not seen, each in one
        transaction with its ledger row; the version the store is at afterwards."""
        with self.lock:
            try:
                self._conn.execute(LEDGER)
                row = self._conn.execute(
                    "SELECT max(version) FROM schema_migrations WHERE store = ?", (store,)
                ).fetchone()
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read the schema version of {self.path}: {exc}") from exc
            for step in pending(store, steps, int(row[0] or 0)):
                with self.transaction() as conn:
                    step.run(conn, store, step.sql)
            return len(steps)

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

    @contextmanager
    def hold(self, key: str, *, wait: bool = True) -> Iterator[bool]:
        """Always held: one process has the file (the directory lock), and its writer
        serialises its own writes."""
        yield True

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
