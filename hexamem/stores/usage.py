"""The usage ledger: tokens and latency of every model call, kept across runs.

Rows hold counts and model names, never content, so `hexamem stats` can say
what a memory has cost since it was created.
"""

from __future__ import annotations

from collections.abc import Iterable

from hexamem.memory_types.time import now, to_epoch
from hexamem.results import UsageRecord
from hexamem.stores.dialect import Database
from hexamem.stores.migrations import Migration

_FIELDS = tuple(UsageRecord.model_fields)
_COLUMNS = ", ".join(_FIELDS)


SCHEMA = """
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
"""
POSTGRES_SCHEMA = """
CREATE TABLE IF NOT EXISTS usage (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            DOUBLE PRECISION NOT NULL,
    user_id       TEXT COLLATE "C" NOT NULL,
    episode_id    TEXT NOT NULL,
    role          TEXT NOT NULL,
    memory_type   TEXT,
    model         TEXT NOT NULL,
    input_tokens  INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    latency_s     DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS usage_user ON usage(user_id);
"""
MIGRATIONS = (Migration(1, SCHEMA, "the tables of the first release", postgres=POSTGRES_SCHEMA),)


class UsageLedger:
    def __init__(self, db: Database) -> None:
        self._db = db
        db.migrate("usage", MIGRATIONS)

    def record(self, records: Iterable[UsageRecord]) -> None:
        rows = [(to_epoch(now()), *(getattr(r, f) for f in _FIELDS)) for r in records]
        if not rows:
            return
        marks = ", ".join("?" * (len(rows[0])))
        with self._db.transaction() as conn:
            conn.executemany(f"INSERT INTO usage (at, {_COLUMNS}) VALUES ({marks})", rows)

    def forget(self, user_id: str) -> None:
        """Drop a forgotten user's rows: no trace of the user stays behind."""
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM usage WHERE user_id = ?", (user_id,))

    def select(self, user_id: str | None = None) -> list[UsageRecord]:
        """Every call, oldest first; one user's with `user_id`."""
        clause, params = ("WHERE user_id = ?", (user_id,)) if user_id is not None else ("", ())
        with self._db.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM usage {clause} ORDER BY seq", params)
            return [UsageRecord(**dict(zip(_FIELDS, row, strict=True))) for row in rows.fetchall()]
