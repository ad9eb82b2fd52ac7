"""Reads that follow a transcript: who said a turn, and which turn answered it.

Events drawn from a conversation keep their speaker (`payload.actor`) and their
episode; rows of one episode are written in order, so the turn after a turn is the
next row. Search uses these to favour a named speaker and to credit an answer that
shares no word with the question it answers.
"""

from __future__ import annotations

from collections.abc import Sequence

from hexamem.stores.keyed import VersionKey, rows_by_keys
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.sqlite import Database

_ACTOR = "json_extract({}.body, '$.payload.actor')"
_EPISODE = "json_extract({}.body, '$.provenance.episode_id')"


class TranscriptReads:
    def __init__(self, db: Database) -> None:
        self._db = db

    def is_actor(self, user_id: str, name: str) -> bool:
        """Whether some event of the user's has `name` (any case) as its actor."""
        with self._db.reading() as conn:
            row = conn.execute(
                "SELECT 1 FROM items WHERE user_id = ? AND type = 'episodic' "
                f"AND {_ACTOR.format('items')} = ? COLLATE NOCASE LIMIT 1",
                (user_id, name),
            ).fetchone()
        return row is not None

    def actors(self, keys: Sequence[VersionKey]) -> dict[VersionKey, str]:
        """The actor of each key that is an event."""
        rows = rows_by_keys(
            self._db,
            keys,
            f"items.id, items.version, {_ACTOR.format('items')}",
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
        rows = rows_by_keys(
            self._db,
            keys,
            "i.id, i.version, n.id, n.version",
            "JOIN items n ON n.rowid = i.rowid + 1 "
            "WHERE i.type = 'episodic' AND n.type = 'episodic' "
            "AND instr(json_extract(i.body, '$.payload.summary'), '?') > 0 "
            f"AND {_EPISODE.format('n')} = {_EPISODE.format('i')} "
            f"AND {_ACTOR.format('n')} != {_ACTOR.format('i')} "
            f"AND {_ACTOR.format('n')} != 'assistant' "
            f"AND {clause}",
            params,
            alias="i",
        )
        return {(r[0], int(r[1])): (r[2], int(r[3])) for r in rows}
