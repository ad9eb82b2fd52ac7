"""Namespaced JSON documents with optional vectors and expiry: the table behind
`HexamemStore`, kept apart from the typed memories.

A namespace is stored as its labels joined by ".", a character no label may hold
(LangGraph refuses it), so "is under this prefix" is a plain string comparison
at a label boundary. Each row also names the user it belongs to, so forgetting a
user removes their store items with everything else.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from hexamem.memory_types.time import at_epoch, to_epoch
from hexamem.stores.migrations import Migration
from hexamem.stores.sqlite import Database

SEPARATOR = "."
SCHEMA = """
CREATE TABLE IF NOT EXISTS kv_items (
    id INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL,
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    ttl_minutes REAL,
    expires_at REAL,
    UNIQUE (namespace, key)
);
CREATE INDEX IF NOT EXISTS kv_items_user ON kv_items (user_id);
CREATE INDEX IF NOT EXISTS kv_items_expiry ON kv_items (expires_at)
    WHERE expires_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS kv_vectors (
    item INTEGER NOT NULL REFERENCES kv_items (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS kv_vectors_item ON kv_vectors (item);
"""
MIGRATIONS = (Migration(1, SCHEMA, "the tables of the first release"),)
_COLUMNS = "id, namespace, key, value, created_at, updated_at"
_LIVE = "(expires_at IS NULL OR expires_at > ?)"


@dataclass(frozen=True)
class StoredValue:
    rowid: int
    namespace: tuple[str, ...]
    key: str
    value: dict
    created_at: datetime
    updated_at: datetime


def joined(namespace: Sequence[str]) -> str:
    return SEPARATOR.join(namespace)


class KeyValueStore:
    """Rows of (namespace, key) → JSON value, with their vectors."""

    def __init__(self, db: Database) -> None:
        self._db = db
        db.migrate("keyvalue", MIGRATIONS)

    def put(
        self,
        *,
        user_id: str,
        namespace: Sequence[str],
        key: str,
        value: str,
        vectors: Sequence[tuple[str, np.ndarray]],
        ttl_minutes: float | None,
        at: datetime,
    ) -> None:
        """Insert or replace in one statement (no check-then-add race); `created_at`
        stays that of the first put."""
        now = at.timestamp()
        expires = None if ttl_minutes is None else now + ttl_minutes * 60
        with self._db.transaction() as conn:
            (rowid,) = conn.execute(
                """INSERT INTO kv_items (user_id, namespace, key, value, created_at,
                                         updated_at, ttl_minutes, expires_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (namespace, key) DO UPDATE SET
                       user_id = excluded.user_id, value = excluded.value,
                       updated_at = excluded.updated_at, ttl_minutes = excluded.ttl_minutes,
                       expires_at = excluded.expires_at,
                       created_at = CASE WHEN kv_items.expires_at <= excluded.updated_at
                                         THEN excluded.created_at ELSE kv_items.created_at END
                   RETURNING id""",
                (user_id, joined(namespace), key, value, now, now, ttl_minutes, expires),
            ).fetchone()
            conn.execute("DELETE FROM kv_vectors WHERE item = ?", (rowid,))
            conn.executemany(
                "INSERT INTO kv_vectors (item, path, vector) VALUES (?, ?, ?)",
                [(rowid, path, np.asarray(v, dtype=np.float32).tobytes()) for path, v in vectors],
            )

    def delete(self, namespace: Sequence[str], key: str) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "DELETE FROM kv_items WHERE namespace = ? AND key = ?", (joined(namespace), key)
            )

    def get(self, namespace: Sequence[str], key: str, at: datetime) -> StoredValue | None:
        with self._db.reading() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM kv_items WHERE namespace = ? AND key = ? AND {_LIVE}",
                (joined(namespace), key, to_epoch(at)),
            ).fetchone()
        return _stored(row) if row else None

    def under(
        self, prefix: Sequence[str], at: datetime, *, limit: int = -1, offset: int = 0
    ) -> list[StoredValue]:
        """Live rows whose namespace starts with `prefix` (label by label), newest first."""
        clause, params = _under(prefix)
        with self._db.reading() as conn:
            rows = conn.execute(
                f"""SELECT {_COLUMNS} FROM kv_items WHERE {clause} AND {_LIVE}
                    ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?""",
                [*params, to_epoch(at), limit, offset],
            ).fetchall()
        return [_stored(row) for row in rows]

    def ids_under(self, prefix: Sequence[str], at: datetime) -> list[int]:
        """The rowids `under` would return, without reading the values."""
        clause, params = _under(prefix)
        with self._db.reading() as conn:
            rows = conn.execute(
                f"""SELECT id FROM kv_items WHERE {clause} AND {_LIVE}
                    ORDER BY updated_at DESC, id DESC""",
                [*params, to_epoch(at)],
            ).fetchall()
        return [int(row[0]) for row in rows]

    def rows(self, rowids: Sequence[int]) -> list[StoredValue]:
        """The rows with these ids, in the order given."""
        found: dict[int, StoredValue] = {}
        with self._db.reading() as conn:
            for start in range(0, len(rowids), 500):
                chunk = [int(r) for r in rowids[start : start + 500]]
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(
                    f"SELECT {_COLUMNS} FROM kv_items WHERE id IN ({marks})", chunk
                ):
                    found[int(row[0])] = _stored(row)
        return [found[int(rowid)] for rowid in rowids if int(rowid) in found]

    def vectors_under(
        self, prefix: Sequence[str], at: datetime, dimension: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """(rowids, matrix): one row per vector of a live item under `prefix`, those of
        `dimension` only (an index configured differently earlier is skipped)."""
        clause, params = _under(prefix)
        with self._db.reading() as conn:
            rows = conn.execute(
                f"""SELECT v.item, v.vector FROM kv_vectors v
                    JOIN kv_items ON kv_items.id = v.item
                    WHERE {clause} AND {_LIVE} AND length(v.vector) = ?""",
                [*params, to_epoch(at), 4 * dimension],
            ).fetchall()
        ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        matrix = np.frombuffer(b"".join(row[1] for row in rows), dtype=np.float32)
        return ids, matrix.reshape(len(rows), dimension)

    def refresh(self, rowids: Sequence[int], at: datetime) -> None:
        """Restart the expiry clock of rows that have a TTL (a read with refresh)."""
        if not rowids:
            return
        with self._db.transaction() as conn:
            conn.executemany(
                """UPDATE kv_items SET expires_at = ? + ttl_minutes * 60
                   WHERE id = ? AND ttl_minutes IS NOT NULL""",
                [(to_epoch(at), rowid) for rowid in rowids],
            )

    def namespaces(self, at: datetime) -> list[tuple[str, ...]]:
        with self._db.reading() as conn:
            rows = conn.execute(
                f"SELECT DISTINCT namespace FROM kv_items WHERE {_LIVE}", (to_epoch(at),)
            ).fetchall()
        return [tuple(row[0].split(SEPARATOR)) for row in rows]

    def sweep(self, at: datetime) -> int:
        """Delete expired rows (and their vectors); how many went."""
        with self._db.transaction() as conn:
            return int(
                conn.execute("DELETE FROM kv_items WHERE expires_at <= ?", (to_epoch(at),)).rowcount
            )

    def purge_user(self, conn: sqlite3.Connection, user_id: str) -> None:
        """Part of forgetting a user, inside the purge's transaction."""
        conn.execute("DELETE FROM kv_items WHERE user_id = ?", (user_id,))

    def count(self, user_id: str) -> int:
        with self._db.reading() as conn:
            return int(
                conn.execute(
                    "SELECT count(*) FROM kv_items WHERE user_id = ?", (user_id,)
                ).fetchone()[0]
            )


def _under(prefix: Sequence[str]) -> tuple[str, list[object]]:
    """The namespace itself, or one that continues it after a separator: as a range,
    `[path + ".", path + "/")` ("/" follows "." in code points), so the index on
    (namespace, key) answers it."""
    if not prefix:
        return "1", []
    path = joined(prefix)
    after = chr(ord(SEPARATOR) + 1)
    return "(namespace = ? OR (namespace >= ? AND namespace < ?))", [
        path,
        path + SEPARATOR,
        path + after,
    ]


def _stored(row: tuple) -> StoredValue:
    return StoredValue(
        rowid=int(row[0]),
        namespace=tuple(row[1].split(SEPARATOR)),
        key=row[2],
        value=json.loads(row[3]),
        created_at=at_epoch(row[4]),
        updated_at=at_epoch(row[5]),
    )
