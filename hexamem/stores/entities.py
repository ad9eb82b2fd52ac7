"""Entities in the relational database: the source of truth the resolver reads, with a
name index."""

from __future__ import annotations

from collections.abc import Sequence

from hexamem.entities.model import Entity
from hexamem.stores.dialect import Connection, Database
from hexamem.stores.migrations import Migration

SCHEMA = """
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
"""
POSTGRES_SCHEMA = """
CREATE TABLE IF NOT EXISTS entities (
    rowid       BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id          TEXT COLLATE "C" PRIMARY KEY,
    user_id     TEXT COLLATE "C" NOT NULL,
    merged_into TEXT COLLATE "C",
    body        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_user ON entities(user_id, rowid);
CREATE INDEX IF NOT EXISTS entities_merged ON entities(merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE IF NOT EXISTS entity_names (
    user_id     TEXT COLLATE "C" NOT NULL,
    name        TEXT COLLATE "C" NOT NULL,
    entity_id   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (user_id, name, entity_id)
);
CREATE INDEX IF NOT EXISTS entity_names_entity ON entity_names(entity_id);
"""
MIGRATIONS = (Migration(1, SCHEMA, "the tables of the first release", postgres=POSTGRES_SCHEMA),)


class EntityStore:
    """`entities` rows plus `entity_names` (every normalised name and alias)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        db.migrate("entities", MIGRATIONS)

    def put(self, conn: Connection, entity: Entity) -> None:
        conn.execute(
            """INSERT INTO entities (id, user_id, merged_into, body) VALUES (?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id,
                 merged_into = excluded.merged_into, body = excluded.body""",
            (entity.id, entity.user_id, entity.merged_into, entity.model_dump_json()),
        )
        conn.execute("DELETE FROM entity_names WHERE entity_id = ?", (entity.id,))
        conn.executemany(
            """INSERT INTO entity_names (user_id, name, entity_id) VALUES (?, ?, ?)
               ON CONFLICT DO NOTHING""",
            [(entity.user_id, name, entity.id) for name in entity.names()],
        )

    def delete(self, conn: Connection, user_id: str, entity_ids: Sequence[str]) -> None:
        for entity_id in entity_ids:
            conn.execute("DELETE FROM entities WHERE id = ? AND user_id = ?", (entity_id, user_id))
            conn.execute("DELETE FROM entity_names WHERE entity_id = ?", (entity_id,))

    def is_merge_target(self, entity_id: str) -> bool:
        """Whether some entity was merged into this one."""
        with self._db.reading() as conn:
            found = conn.execute(
                "SELECT 1 FROM entities WHERE merged_into = ? LIMIT 1", (entity_id,)
            ).fetchone()
        return found is not None

    def purge_user(self, conn: Connection, user_id: str) -> None:
        conn.execute("DELETE FROM entities WHERE user_id = ?", (user_id,))
        conn.execute("DELETE FROM entity_names WHERE user_id = ?", (user_id,))

    def get(self, entity_id: str) -> Entity | None:
        with self._db.reading() as conn:
            row = conn.execute("SELECT body FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return Entity.model_validate_json(row[0]) if row else None

    def named(self, user_id: str, normalized: Sequence[str]) -> list[Entity]:
        """Entities of the user known under any of these normalised names or aliases."""
        if not normalized:
            return []
        marks = ", ".join("?" * len(normalized))
        with self._db.reading() as conn:
            rows = conn.execute(
                f"""SELECT DISTINCT entities.body FROM entity_names
                    JOIN entities ON entities.id = entity_names.entity_id
                    WHERE entity_names.user_id = ? AND entity_names.name IN ({marks})""",
                [user_id, *normalized],
            ).fetchall()
        return [Entity.model_validate_json(r[0]) for r in rows]

    def first_named(self, user_id: str, first: str) -> list[Entity]:
        """Entities whose name starts with the word `first` (normalised)."""
        with self._db.reading() as conn:
            rows = conn.execute(
                """SELECT DISTINCT entities.body FROM entity_names
                   JOIN entities ON entities.id = entity_names.entity_id
                   WHERE entity_names.user_id = ? AND entity_names.name LIKE ? ESCAPE '\\'""",
                [user_id, first.replace("%", "\\%").replace("_", "\\_") + " %"],
            ).fetchall()
        return [Entity.model_validate_json(r[0]) for r in rows]

    def of_user(self, user_id: str) -> list[Entity]:
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT body FROM entities WHERE user_id = ? ORDER BY rowid", (user_id,)
            ).fetchall()
        return [Entity.model_validate_json(r[0]) for r in rows]

    def family(self, entity_id: str) -> list[str]:
        """The entity and every entity merged into it, directly or through others."""
        found, frontier = [entity_id], [entity_id]
        with self._db.reading() as conn:
            while frontier:
                marks = ", ".join("?" * len(frontier))
                rows = conn.execute(
                    f"SELECT id FROM entities WHERE merged_into IN ({marks})",
                    frontier,
                ).fetchall()
                frontier = [r[0] for r in rows if r[0] not in found]
                found.extend(frontier)
        return found
