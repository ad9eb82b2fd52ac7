"""PostgreSQL for the records, the op log and the rest, shared by many app instances.

The same stores as on SQLite run their statements here through a psycopg 3
connection pool: `?` placeholders become psycopg's, each `transaction()` is
one server transaction on one pooled connection, and every store's schema is
created and moved by the same versioned migrations (PostgreSQL's text of each
step), under an advisory lock so instances starting together migrate once.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from hexamem.errors import ConfigurationError, StoreError
from hexamem.stores.dialect import POSTGRES, Cursor, placeholders
from hexamem.stores.migrations import LEDGER, Migration, pending

#: Held while a store's schema moves: every instance may start at once.
MIGRATION_LOCK = zlib.crc32(b"hexamem schema migrations")
#: Connections per process; a write holds one for its transaction only.
POOL_SIZE = 8
CONNECT_TIMEOUT_S = 10.0


def server_name(url: str) -> str:
    """host:port/database of a URL, without the user or password (for messages)."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path or '/'}"


@lru_cache(maxsize=512)
def _translated(sql: str) -> str:
    return "".join(placeholders(sql))


class _Statements:
    """A pooled connection that takes the stores' `?` SQL."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor:
        cursor: Cursor = self._conn.execute(_translated(sql), list(parameters))
        return cursor

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> None:
        rows = [list(p) for p in seq_of_parameters]
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(_translated(sql), rows)


class PostgresDatabase:
    """A psycopg 3 pool on one PostgreSQL database (its schema from the URL's search path)."""

    dialect = POSTGRES

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE) -> None:
        try:
            import psycopg
            from psycopg_pool import ConnectionPool, PoolTimeout
        except ImportError as exc:
            raise ConfigurationError(
                "a postgresql:// database needs psycopg 3: pip install 'hexamem[postgres]'"
            ) from exc
        self._errors = psycopg.Error
        self._refusals = (psycopg.IntegrityError, psycopg.DataError, psycopg.ProgrammingError)
        self.path = server_name(url)
        self._held = threading.local()  # the keys each thread holds
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            kwargs={"autocommit": True},
            open=False,
            timeout=CONNECT_TIMEOUT_S,
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout as exc:
            self._pool.close()
            raise StoreError(f"cannot reach PostgreSQL at {self.path}: {exc}") from exc

    def migrate(self, store: str, steps: Sequence[Migration]) -> int:
        """Apply the steps of `store` this database has not seen, with their ledger rows,
        in one transaction under the migration lock; the version afterwards."""
        with self.transaction() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            conn.execute(LEDGER)
            row = conn.execute(
                "SELECT max(version) FROM schema_migrations WHERE store = ?", (store,)
            ).fetchone()
            for step in pending(store, steps, int(row[0] or 0)):
                if step.postgres is None:
                    raise ConfigurationError(
                        f"the {store} store has no PostgreSQL schema in this hexamem"
                    )
                step.run(conn, store, step.postgres)
        return len(steps)

    @contextmanager
    def transaction(self) -> Iterator[_Statements]:
        """One server transaction, committed at the end, rolled back on any error."""
        with self._failures(), self._pool.connection() as conn, conn.transaction():
            yield _Statements(conn)

    @contextmanager
    def reading(self) -> Iterator[_Statements]:
        """A pooled connection for reads; each statement sees what was committed before it."""
        with self._failures(), self._pool.connection() as conn:
            yield _Statements(conn)

    @contextmanager
    def _failures(self) -> Iterator[None]:
        try:
            yield
        except self._errors as exc:
            raise StoreError(f"PostgreSQL: {exc}", refused=isinstance(exc, self._refusals)) from exc

    @contextmanager
    def hold(self, key: str, *, wait: bool = True) -> Iterator[bool]:
        """A session advisory lock named by `key`, on a pooled connection of its own for as
        long as it is held: the server lets it go if this process dies. Held again inside
        itself by the same thread (the writer replays a user's batches while it holds the
        user)."""
        held: set[str] = self._held.__dict__.setdefault("keys", set())
        if key in held:
            yield True
            return
        with self._failures(), self._pool.connection() as conn:
            if wait:
                conn.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (key,))
            else:
                row = conn.execute(
                    "SELECT pg_try_advisory_lock(hashtextextended(%s, 0))", (key,)
                ).fetchone()
                if not (row and row[0]):
                    yield False
                    return
            held.add(key)
            try:
                yield True
            finally:
                held.discard(key)
                try:
                    conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (key,))
                except self._errors:
                    conn.close()  # never back in the pool holding the lock: the server drops it
                    raise

    def checkpoint(self) -> None:
        """Nothing to do: the server manages its own write-ahead log."""

    def close(self) -> None:
        self._pool.close()
