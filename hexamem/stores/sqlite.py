"""The SQLite file that holds the op log, the records, history and the FTS5 index.

One file means the SQLite half of a batch (records, lexical rows, history, the
`done` mark) commits in one transaction; only the vector store is outside it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hexamem.errors import StoreError

SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    created_at  REAL NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'done')),
    plan        TEXT,           -- full plan while pending; NULL once applied
    outcomes    TEXT NOT NULL   -- what each op did, without memory content
);
CREATE INDEX IF NOT EXISTS batches_pending ON batches(status) WHERE status = 'pending';

CREATE TABLE IF NOT EXISTS items (
    rowid       INTEGER PRIMARY KEY,
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL,
    user_id     TEXT NOT NULL,
    type        TEXT NOT NULL,
    valid_at    REAL NOT NULL,
    invalid_at  REAL,
    expired_at  REAL,
    body        TEXT NOT NULL,
    UNIQUE (id, version)
);
CREATE INDEX IF NOT EXISTS items_user ON items(user_id, type, expired_at);
CREATE INDEX IF NOT EXISTS items_valid ON items(user_id, valid_at);

CREATE TABLE IF NOT EXISTS history (
    seq          INTEGER PRIMARY KEY,
    batch_id     TEXT NOT NULL,
    item_id      TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    op           TEXT NOT NULL,
    from_version INTEGER,
    to_version   INTEGER,
    at           REAL NOT NULL,
    episode_id   TEXT,
    actor        TEXT,
    reason       TEXT NOT NULL DEFAULT '',
    UNIQUE (batch_id, item_id, op)
);
CREATE INDEX IF NOT EXISTS history_item ON history(item_id, seq);

CREATE TABLE IF NOT EXISTS episodes (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    body        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS episodes_user ON episodes(user_id);

CREATE TABLE IF NOT EXISTS usage (
    seq           INTEGER PRIMARY KEY,
    at            REAL NOT NULL,
    user_id       TEXT NOT NULL,
    episode_id    TEXT NOT NULL,  -- '' for answers and replies
    role          TEXT NOT NULL,
    memory_type   TEXT,
    model         TEXT NOT NULL,
    input_tokens  INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    latency_s     REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS usage_user ON usage(user_id);

CREATE TABLE IF NOT EXISTS entities (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    merged_into TEXT,
    body        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_merged ON entities(merged_into) WHERE merged_into IS NOT NULL;
CREATE TABLE IF NOT EXISTS entity_names (
    user_id     TEXT NOT NULL,
    name        TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    PRIMARY KEY (user_id, name, entity_id)
);

CREATE VIRTUAL TABLE IF NOT EXISTS lexical USING fts5(
    text, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS lexical_vocab USING fts5vocab(lexical, 'row');
"""


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
            self._conn.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc
        self.path = path
        self.lock = threading.RLock()

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
                raise StoreError(f"SQLite: {exc}") from exc

    def close(self) -> None:
        with self.lock:
            self._conn.close()
