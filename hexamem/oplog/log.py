"""The write-ahead log: a batch is stored as pending before any store sees it.

Once applied, a batch keeps only its outcomes (ids and versions, no content),
so `forget` never leaves a purged memory's text behind in the log.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from hexamem.memory_types.time import at_epoch, to_epoch
from hexamem.oplog.plan import Plan
from hexamem.results import QuarantinedBatch
from hexamem.stores.dialect import Connection, Database
from hexamem.stores.migrations import Migration

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
CREATE TABLE IF NOT EXISTS quarantine (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL,
    created_at      REAL NOT NULL,
    quarantined_at  REAL NOT NULL,
    reason          TEXT NOT NULL,
    plan            TEXT NOT NULL   -- the plan as it was logged, for repair or inspection
);
"""
POSTGRES_SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
    rowid       BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id          TEXT COLLATE "C" PRIMARY KEY,
    user_id     TEXT COLLATE "C" NOT NULL,
    created_at  DOUBLE PRECISION NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'done')),
    plan        TEXT,
    outcomes    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS batches_pending ON batches(rowid) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS batches_user ON batches(user_id, status);
CREATE TABLE IF NOT EXISTS quarantine (
    id              TEXT COLLATE "C" PRIMARY KEY,
    user_id         TEXT COLLATE "C" NOT NULL,
    created_at      DOUBLE PRECISION NOT NULL,
    quarantined_at  DOUBLE PRECISION NOT NULL,
    reason          TEXT NOT NULL,
    plan            TEXT NOT NULL
);
"""
MIGRATIONS = (Migration(1, SCHEMA, "the tables of the first release", postgres=POSTGRES_SCHEMA),)


#: Finished batches kept in the log (their outcomes); older ones are compacted away.
KEEP_DONE = 10_000


@dataclass(frozen=True)
class Pending:
    """A batch written ahead and not applied: its plan, or why the plan cannot be read."""

    batch_id: str
    user_id: str
    plan: Plan | None
    unreadable: str | None = None


class OpLog:
    """`batches` table: pending (with the full plan) → done (outcomes only)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        db.migrate("oplog", MIGRATIONS)

    def write_pending(self, plan: Plan) -> None:
        outcomes = json.dumps([o.model_dump(mode="json") for o in plan.outcomes])
        with self._db.transaction() as conn:
            conn.execute(
                """INSERT INTO batches (id, user_id, created_at, status, plan, outcomes)
                   VALUES (?, ?, ?, 'pending', ?, ?)""",
                (plan.batch_id, plan.user_id, to_epoch(plan.at), plan.model_dump_json(), outcomes),
            )

    def holding(self, user_id: str, *, wait: bool = True) -> AbstractContextManager[bool]:
        """The user's write lock, across every instance sharing the log: a user's batches
        are planned, logged and applied one at a time, in order."""
        return self._db.hold(f"hexamem user {user_id}", wait=wait)

    def is_pending(self, batch_id: str) -> bool:
        with self._db.reading() as conn:
            row = conn.execute(
                "SELECT 1 FROM batches WHERE id = ? AND status = 'pending'", (batch_id,)
            ).fetchone()
        return row is not None

    def mark_done(self, conn: Connection, batch_id: str) -> None:
        """Inside the transaction that writes the batch's relational rows."""
        conn.execute("UPDATE batches SET status = 'done', plan = NULL WHERE id = ?", (batch_id,))

    def pending(self) -> list[Pending]:
        """Batches written ahead but not applied, oldest first."""
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT id, user_id, plan FROM batches WHERE status = 'pending' ORDER BY rowid"
            ).fetchall()
        return [_pending(*row) for row in rows]

    def quarantine(self, batch_id: str, reason: str, at: datetime) -> None:
        """Set a pending batch aside for good: no store can take it, so it is never retried."""
        with self._db.transaction() as conn:
            conn.execute(
                """INSERT INTO quarantine (id, user_id, created_at, quarantined_at, reason, plan)
                   SELECT id, user_id, created_at, ?, ?, plan FROM batches WHERE id = ?
                   ON CONFLICT (id) DO UPDATE SET quarantined_at = excluded.quarantined_at,
                     reason = excluded.reason, plan = excluded.plan""",
                (to_epoch(at), reason, batch_id),
            )
            conn.execute("DELETE FROM batches WHERE id = ?", (batch_id,))

    def quarantined(self, user_id: str | None = None) -> list[QuarantinedBatch]:
        """Batches set aside, oldest first; all users' unless `user_id` is given."""
        where, params = ("WHERE user_id = ?", [user_id]) if user_id is not None else ("", [])
        with self._db.reading() as conn:
            rows = conn.execute(
                f"""SELECT id, user_id, created_at, quarantined_at, reason FROM quarantine
                    {where} ORDER BY created_at, id""",
                params,
            ).fetchall()
        return [
            QuarantinedBatch(
                batch_id=r[0],
                user_id=r[1],
                logged_at=at_epoch(r[2]),
                quarantined_at=at_epoch(r[3]),
                reason=r[4],
            )
            for r in rows
        ]

    def compact(self, keep: int = KEEP_DONE) -> int:
        """Drop all but the newest `keep` finished batches; returns how many went. Their
        outcomes only repeat what the history table keeps for every change."""
        with self._db.transaction() as conn:
            gone = conn.execute(
                """DELETE FROM batches WHERE status = 'done' AND rowid NOT IN
                   (SELECT rowid FROM batches WHERE status = 'done'
                    ORDER BY rowid DESC LIMIT ?)""",
                (keep,),
            ).rowcount
        return int(gone)

    def forget_items(self, conn: Connection, user_id: str, item_ids: set[str]) -> None:
        """Strip the reasons of forgotten memories from the outcomes of finished batches
        (a reason may quote what was said); their ids stay, as history of what happened.
        A quarantined batch that touched one of them goes, with its plan."""
        for item_id in item_ids:
            conn.execute(
                f"DELETE FROM quarantine WHERE user_id = ? AND {self._db.dialect.contains('plan')}",
                (user_id, json.dumps(item_id)),
            )
        rows = conn.execute(
            "SELECT id, outcomes FROM batches WHERE user_id = ? AND status = 'done'", (user_id,)
        ).fetchall()
        for batch_id, text in rows:
            outcomes = json.loads(text)
            if not any(o.get("id") in item_ids and o.get("reason") for o in outcomes):
                continue
            for outcome in outcomes:
                if outcome.get("id") in item_ids:
                    outcome["reason"] = ""
            conn.execute(
                "UPDATE batches SET outcomes = ? WHERE id = ?", (json.dumps(outcomes), batch_id)
            )

    def forget_user(self, conn: Connection, user_id: str) -> None:
        """Drop every finished or quarantined batch of a user (part of `forget(user_id=...)`)."""
        conn.execute("DELETE FROM batches WHERE user_id = ? AND status = 'done'", (user_id,))
        conn.execute("DELETE FROM quarantine WHERE user_id = ?", (user_id,))


def _pending(batch_id: str, user_id: str, text: str) -> Pending:
    try:
        return Pending(batch_id, user_id, Plan.model_validate_json(text))
    except ValidationError as exc:  # logged by a version that checked less
        where = "; ".join(  # without the values: they may be anything the user said
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:3]
        )
        return Pending(batch_id, user_id, None, f"the logged plan does not validate: {where}")
