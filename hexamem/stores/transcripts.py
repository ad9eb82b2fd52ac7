"""Reads that follow a transcript: who said a turn, and which turn answered it.

Events drawn from a conversation keep their speaker (`payload.actor`) and their
episode; rows of one episode are written in order, so the turn after a turn is the
next row. Search uses these to favour a named speaker and to credit an answer that
shares no word with the question it answers.
"""

from __future__ import annotations

from collections.abc import Sequence

from hexamem.stores.dialect import Database
from hexamem.stores.keyed import VersionKey, rows_by_keys
from hexamem.stores.recall_filter import RecallFilter


class TranscriptReads:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._sql = db.dialect

    def _actor(self, table: str) -> str:
        return self._sql.json_text(f"{table}.body", "payload", "actor")

    def _episode(self, table: str) -> str:
        return self._sql.json_text(f"{table}.body", "provenance", "episode_id")

    def is_actor(self, user_id: str, name: str) -> bool:
        """Whether some event of the user's has `name` (any case) as its actor."""
        with self._db.reading() as conn:
            row = conn.execute(
                "SELECT 1 FROM items WHERE user_id = ? AND type = 'episodic' "
                f"AND {self._sql.same_folded(self._actor('items'))} LIMIT 1",
                (user_id, name),
            ).fetchone()
        return row is not None

    def actors(self, keys: Sequence[VersionKey]) -> dict[VersionKey, str]:
        """The actor of each key that is an event."""
        rows = rows_by_keys(
            self._db,
            keys,
            f"items.id, items.version, {self._actor('items')}",
            "WHERE items.type = 'episodic'",
        )
        return {(r[0], int(r[1])): str(r[2]) for r in rows if r[2]}

    def replies(
        self, keys: Sequence[VersionKey], where: RecallFilter
    ) -> dict[VersionKey, VersionKey]:
        """For each key that is a question in a transcript, the turn written right after
        it in the same episode by someone else (its answer, most often), if it passes
        `where`. The assistant's replies are left out: what the user asked is the
        user's memory, and the model's answer to it is not what the user said (measured:
        lending to them cost LongMemEval's user turns 0.09 of any@5)."""
        clause, params = where.sql("n")
        asks = self._sql.contains(self._sql.json_text("i.body", "payload", "summary"), "'?'")
        rows = rows_by_keys(
            self._db,
            keys,
            "i.id, i.version, n.id, n.version",
            "JOIN items n ON n.rowid = i.rowid + 1 "
            "WHERE i.type = 'episodic' AND n.type = 'episodic' "
            f"AND {asks} "
            f"AND {self._episode('n')} = {self._episode('i')} "
            f"AND {self._actor('n')} != {self._actor('i')} "
            f"AND {self._actor('n')} != 'assistant' "
            f"AND {clause}",
            params,
            alias="i",
        )
        return {(r[0], int(r[1])): (r[2], int(r[3])) for r in rows}
