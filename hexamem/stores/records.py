"""The record store: every version of every memory, the change history, the raw episodes.

This is the source of truth. The vector and lexical indexes hold keys that
point back here, and every read is checked against these rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hexamem.memory_types import Episode, MemoryItem, MemoryType, Message
from hexamem.memory_types.time import at_epoch, to_epoch
from hexamem.results import HistoryEntry
from hexamem.stores.dialect import Connection, Database
from hexamem.stores.keyed import VersionKey, rows_by_keys
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.records_schema import MIGRATIONS

#: What a message says once a memory drawn from it is forgotten.
FORGOTTEN = "[forgotten]"


def _decode(body: str) -> MemoryItem:
    return MemoryItem.model_validate_json(body)


class RecordStore:
    """Reads and transactional writes over the `items`, `history` and `episodes` tables."""

    def __init__(self, db: Database) -> None:
        self._db = db
        db.migrate("records", MIGRATIONS)

    # -- writes: always inside the caller's transaction ---------------------------------

    def put(self, conn: Connection, item: MemoryItem) -> int:
        """Insert or replace one version; returns its rowid (stable across replays)."""
        row = conn.execute(
            """INSERT INTO items
                 (id, version, user_id, type, valid_at, invalid_at, expired_at, body)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (id, version) DO UPDATE SET
                 invalid_at = excluded.invalid_at, expired_at = excluded.expired_at,
                 valid_at = excluded.valid_at, body = excluded.body
               RETURNING rowid""",
            (
                item.id,
                item.version,
                item.user_id,
                item.type.value,
                to_epoch(item.valid_at),
                to_epoch(item.invalid_at),
                to_epoch(item.expired_at),
                item.model_dump_json(),
            ),
        ).fetchone()
        return int(row[0])

    def add_history(self, conn: Connection, entry: HistoryEntry, user_id: str) -> None:
        conn.execute(
            """INSERT INTO history (batch_id, item_id, user_id, op, from_version,
                 to_version, at, episode_id, actor, reason) VALUES (?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT (batch_id, item_id, op) DO NOTHING""",
            (
                entry.batch_id,
                entry.item_id,
                user_id,
                entry.op,
                entry.from_version,
                entry.to_version,
                to_epoch(entry.at),
                entry.episode_id,
                entry.actor,
                entry.reason,
            ),
        )

    def put_episode(self, conn: Connection, episode: Episode) -> None:
        conn.execute(
            """INSERT INTO episodes (id, user_id, body) VALUES (?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, body = excluded.body""",
            (episode.id, episode.user_id, episode.model_dump_json()),
        )

    def purge(self, conn: Connection, user_id: str, item_ids: Sequence[str] | None) -> list[int]:
        """Delete versions, history and the words they came from for good; returns the
        purged rowids."""
        if item_ids is None:
            rows = conn.execute("SELECT rowid FROM items WHERE user_id = ?", (user_id,)).fetchall()
            conn.execute("DELETE FROM items WHERE user_id = ?", (user_id,))
            conn.execute("DELETE FROM history WHERE user_id = ?", (user_id,))
            conn.execute("DELETE FROM episodes WHERE user_id = ?", (user_id,))
            return [r[0] for r in rows]
        rowids: list[int] = []
        for item_id in item_ids:
            found = conn.execute(
                "SELECT rowid, body FROM items WHERE id = ? AND user_id = ?", (item_id, user_id)
            ).fetchall()
            rowids.extend(r[0] for r in found)
            self._forget_sources(conn, user_id, [_decode(r[1]) for r in found])
            conn.execute("DELETE FROM items WHERE id = ? AND user_id = ?", (item_id, user_id))
            conn.execute(
                "DELETE FROM history WHERE item_id = ? AND user_id = ?", (item_id, user_id)
            )
        return rowids

    def _forget_sources(
        self, conn: Connection, user_id: str, versions: Sequence[MemoryItem]
    ) -> None:
        """What was said that a forgotten memory came from: those messages keep their ids
        (other memories may point at them) but lose their words."""
        said: dict[str, set[str]] = {}
        for version in versions:
            for episode_id in version.provenance.episodes():
                said.setdefault(episode_id, set()).update(version.provenance.message_ids)
        for episode_id, message_ids in said.items():
            row = conn.execute(
                "SELECT body FROM episodes WHERE id = ? AND user_id = ?", (episode_id, user_id)
            ).fetchone()
            if row is None:
                continue
            episode = Episode.model_validate_json(row[0])
            messages = tuple(
                m.model_copy(update={"content": FORGOTTEN})
                if not message_ids or m.id in message_ids
                else m
                for m in episode.messages
            )
            self.put_episode(conn, episode.model_copy(update={"messages": messages}))

    def names_entity(self, user_id: str, entity_id: str, *, besides: str) -> bool:
        """Whether a memory other than `besides` names the entity (in any version)."""
        with self._db.reading() as conn:
            row = conn.execute(
                "SELECT 1 FROM items WHERE user_id = ? AND id != ? AND "
                + self._db.dialect.contains("body")
                + " LIMIT 1",
                (user_id, besides, f'"{entity_id}"'),
            ).fetchone()
        return row is not None

    def reseal(self, conn: Connection, change: Callable[[str], str]) -> int:
        """Rewrite every stored vault value (all users, all versions) through `change`;
        returns how many changed. Only the sealing changes: nothing else is touched."""
        rows = conn.execute(
            "SELECT rowid, body FROM items WHERE type = ?", (MemoryType.KNOWLEDGE_VAULT.value,)
        ).fetchall()
        changed = 0
        for rowid, body in rows:
            item = _decode(body)
            secret = getattr(item.payload, "secret_value", None)
            if not isinstance(secret, str) or (renewed := change(secret)) == secret:
                continue
            payload = item.payload.model_copy(update={"secret_value": renewed})
            conn.execute(
                "UPDATE items SET body = ? WHERE rowid = ?",
                (item.model_copy(update={"payload": payload}).model_dump_json(), rowid),
            )
            changed += 1
        return changed

    # -- reads ----------------------------------------------------------------------------

    def versions(self, item_id: str) -> list[MemoryItem]:
        """Every stored version of one memory, oldest first."""
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT body FROM items WHERE id = ? ORDER BY version", (item_id,)
            ).fetchall()
        return [_decode(r[0]) for r in rows]

    def latest(self, item_id: str) -> MemoryItem | None:
        """The highest version, whether current or closed."""
        with self._db.reading() as conn:
            row = conn.execute(
                "SELECT body FROM items WHERE id = ? ORDER BY version DESC LIMIT 1", (item_id,)
            ).fetchone()
        return _decode(row[0]) if row else None

    def select(self, where: RecallFilter) -> list[MemoryItem]:
        """Versions that pass `where`, newest first."""
        clause, params = where.sql()
        with self._db.reading() as conn:
            rows = conn.execute(
                f"SELECT body FROM items WHERE {clause} ORDER BY valid_at DESC, id, version",
                params,
            ).fetchall()
        return [_decode(r[0]) for r in rows]

    def passing(self, where: RecallFilter, keys: Sequence[VersionKey]) -> set[VersionKey]:
        """The (id, version) keys among `keys` whose versions pass `where`."""
        clause, params = where.sql()
        rows = rows_by_keys(self._db, keys, "items.id, items.version", f"WHERE {clause}", params)
        return {(r[0], int(r[1])) for r in rows}

    def fetch(self, keys: Sequence[VersionKey]) -> dict[VersionKey, MemoryItem]:
        """The versions stored under `keys` (missing keys are left out)."""
        items = (_decode(r[0]) for r in rows_by_keys(self._db, keys, "items.body", ""))
        return {(item.id, item.version): item for item in items}

    def version_keys(self, user_id: str) -> dict[VersionKey, bool]:
        """Every version key of the user's, closed ones included, each with whether it is
        a fact between two entities (an edge in the graph). Nothing is decoded: the
        doctor compares keys, and 100k decoded memories would cost ~1 GB."""
        with self._db.reading() as conn:
            rows = conn.execute(
                f"SELECT id, version, {self._db.dialect.json_length('body', 'entity_ids')} = 2 "
                "FROM items WHERE user_id = ?",
                (user_id,),
            ).fetchall()
        return {(r[0], int(r[1])): bool(r[2]) for r in rows}

    def count(self, where: RecallFilter, *, up_to: int | None = None) -> int:
        """Versions passing `where`; with `up_to`, counting stops there (a cheap "how many,
        if only a few")."""
        clause, params = where.sql()
        sql = f"SELECT 1 FROM items WHERE {clause}"
        if up_to is not None:
            sql, params = f"{sql} LIMIT ?", [*params, up_to]
        with self._db.reading() as conn:
            return int(conn.execute(f"SELECT count(*) FROM ({sql}) AS hits", params).fetchone()[0])

    def keys(self, where: RecallFilter, *, limit: int) -> list[tuple[str, int]]:
        """Up to `limit` (id, version) keys passing `where`."""
        clause, params = where.sql()
        with self._db.reading() as conn:
            rows = conn.execute(
                f"SELECT id, version FROM items WHERE {clause} LIMIT ?", [*params, limit]
            ).fetchall()
        return [(r[0], int(r[1])) for r in rows]

    def current_core(self, user_id: str) -> list[MemoryItem]:
        return self.select(RecallFilter(user_id, types=(MemoryType.CORE,)))

    def history(self, item_id: str) -> list[HistoryEntry]:
        """Changes to one memory, oldest first, with old and new versions attached."""
        by_version = {item.version: item for item in self.versions(item_id)}
        return [
            entry.model_copy(
                update={
                    "old": by_version.get(entry.from_version or 0),
                    "new": by_version.get(entry.to_version or 0),
                }
            )
            for entry in self._history_rows("item_id = ?", item_id)
        ]

    def user_history(self, user_id: str) -> list[HistoryEntry]:
        """Every change of a user's memories, oldest first, without the versions attached."""
        return self._history_rows("user_id = ?", user_id)

    def _history_rows(self, clause: str, value: str) -> list[HistoryEntry]:
        with self._db.reading() as conn:
            rows = conn.execute(
                f"""SELECT item_id, op, from_version, to_version, at, episode_id, actor, reason,
                          batch_id FROM history WHERE {clause} ORDER BY seq""",
                (value,),
            ).fetchall()
        return [
            HistoryEntry(
                item_id=item,
                op=op,
                from_version=old,
                to_version=new,
                at=at_epoch(at),
                episode_id=episode,
                actor=actor,
                reason=reason,
                batch_id=batch,
            )
            for item, op, old, new, at, episode, actor, reason, batch in rows
        ]

    def users(self) -> list[str]:
        """Every user with a memory (of any version) or an episode, sorted."""
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT user_id FROM items UNION SELECT user_id FROM episodes ORDER BY 1"
            ).fetchall()
        return [r[0] for r in rows]

    def episode_count(self, user_id: str) -> int:
        with self._db.reading() as conn:
            row = conn.execute("SELECT count(*) FROM episodes WHERE user_id = ?", (user_id,))
            return int(row.fetchone()[0])

    def episodes(self, user_id: str) -> list[Episode]:
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT body FROM episodes WHERE user_id = ? ORDER BY rowid", (user_id,)
            ).fetchall()
        return [Episode.model_validate_json(r[0]) for r in rows]

    def session_messages(
        self, user_id: str, session_id: str, *, before: str, limit: int
    ) -> list[Message]:
        """The last `limit` messages of a session said before episode `before`, oldest first."""
        session = self._db.dialect.json_text("body", "session_id")
        with self._db.reading() as conn:
            rows = conn.execute(
                f"""SELECT body FROM episodes
                   WHERE user_id = ? AND {session} = ? AND id != ?
                     AND rowid < coalesce((SELECT rowid FROM episodes WHERE id = ?), 1e18)
                   ORDER BY rowid DESC LIMIT ?""",
                (user_id, session_id, before, before, limit),
            ).fetchall()
        messages = [
            m for row in reversed(rows) for m in Episode.model_validate_json(row[0]).messages
        ]
        return messages[-limit:]

    def episode_exists(self, episode_id: str) -> bool:
        with self._db.reading() as conn:
            return (
                conn.execute("SELECT 1 FROM episodes WHERE id = ?", (episode_id,)).fetchone()
                is not None
            )
