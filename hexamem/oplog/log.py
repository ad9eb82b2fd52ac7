"""The write-ahead log: a batch is stored as pending before any store sees it.

Once applied, a batch keeps only its outcomes (ids and versions, no content),
so `forget` never leaves a purged memory's text behind in the log.
"""

from __future__ import annotations

import json
import sqlite3

from hexamem.memory_types.time import to_epoch
from hexamem.oplog.plan import Plan
from hexamem.stores.sqlite import Database

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
"""


class OpLog:
    """`batches` table: pending (with the full plan) → done (outcomes only)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        db.ensure(SCHEMA)

    def write_pending(self, plan: Plan) -> None:
        outcomes = json.dumps([o.model_dump(mode="json") for o in plan.outcomes])
        with self._db.transaction() as conn:
            conn.execute(
                """INSERT INTO batches (id, user_id, created_at, status, plan, outcomes)
                   VALUES (?, ?, ?, 'pending', ?, ?)""",
                (plan.batch_id, plan.user_id, to_epoch(plan.at), plan.model_dump_json(), outcomes),
            )

    def mark_done(self, conn: sqlite3.Connection, batch_id: str) -> None:
        """Inside the transaction that writes the batch's SQLite rows."""
        conn.execute("UPDATE batches SET status = 'done', plan = NULL WHERE id = ?", (batch_id,))

    def pending(self) -> list[Plan]:
        """Batches written ahead but not applied, oldest first."""
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT plan FROM batches WHERE status = 'pending' ORDER BY rowid"
            ).fetchall()
        return [Plan.model_validate_json(r[0]) for r in rows]

    def forget_user(self, conn: sqlite3.Connection, user_id: str) -> None:
        """Drop every finished batch of a user (part of `forget(user_id=...)`)."""
        conn.execute("DELETE FROM batches WHERE user_id = ? AND status = 'done'", (user_id,))
