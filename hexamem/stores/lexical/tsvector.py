"""Keyword search on PostgreSQL: a `tsvector` per version, a GIN index, `ts_rank_cd`.

The same contract as the FTS5 index: rows share their rowid with `items`, so a
match joins straight to the record and the same `RecallFilter` decides what may
be returned. Words are stemmed by PostgreSQL's `english` configuration (Snowball,
where FTS5 uses Porter) and ORed, as on SQLite; `ts_rank_cd` scores by how many
query words a text holds and how close together, not by BM25, and fusion only
reads the rank order.
"""

from __future__ import annotations

from collections.abc import Sequence

from hexamem.stores.dialect import Connection, Database
from hexamem.stores.keyed import VersionKey
from hexamem.stores.lexical.base import unindexed_rows
from hexamem.stores.lexical.fts5 import MIGRATIONS as FTS5_MIGRATIONS
from hexamem.stores.lexical.fts5 import query_words
from hexamem.stores.migrations import Migration
from hexamem.stores.recall_filter import RecallFilter

#: Query words kept, in order: a question longer than this is about its first words.
MAX_WORDS = 32

SCHEMA = """
CREATE TABLE IF NOT EXISTS lexical (
    rowid  BIGINT PRIMARY KEY,
    text   TEXT NOT NULL,
    terms  tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED
);
CREATE INDEX IF NOT EXISTS lexical_terms ON lexical USING GIN (terms);
"""
MIGRATIONS = tuple(
    Migration(step.version, step.sql, step.why, postgres=SCHEMA if step.version == 1 else None)
    for step in FTS5_MIGRATIONS
)


def or_query(words: Sequence[str]) -> str | None:
    """A `to_tsquery` text that ORs the words (each is letters and digits only)."""
    return " | ".join(words[:MAX_WORDS]) if words else None


class PostgresLexicalIndex:
    """`lexical` rows keyed by the `items` rowid, ranked by `ts_rank_cd`."""

    def __init__(self, db: Database) -> None:
        self._db = db
        db.migrate("lexical", MIGRATIONS)

    def put(self, conn: Connection, rowid: int, text: str) -> None:
        conn.execute(
            """INSERT INTO lexical (rowid, text) VALUES (?, ?)
               ON CONFLICT (rowid) DO UPDATE SET text = excluded.text""",
            (rowid, text),
        )

    def delete(self, conn: Connection, rowids: Sequence[int]) -> None:
        if rowids:
            conn.execute("DELETE FROM lexical WHERE rowid = ANY(?)", (list(rowids),))

    def unindexed(self, user_id: str) -> list[tuple[int, str]]:
        """(rowid, text) of the user's versions that have no row here."""
        return unindexed_rows(self._db, user_id)

    def rewrite(self) -> None:
        """Rewrite the table and its index, so the words of deleted rows leave their pages
        (VACUUM FULL: the server's own write-ahead log is recycled on its schedule)."""
        with self._db.reading() as conn:
            conn.execute("VACUUM FULL lexical")

    def search(
        self, query: str, where: RecallFilter, n: int, *, overfetch: int = 4
    ) -> list[tuple[VersionKey, float]]:
        """Up to `n` version keys passing `where`, best first, with a positive score.
        (`overfetch` is FTS5's cut-then-filter factor: here one plan filters and ranks.)"""
        expression = or_query(query_words(query))
        if expression is None or n <= 0:
            return []
        clause, params = where.sql()
        with self._db.reading() as conn:
            rows = conn.execute(
                f"""SELECT items.id, items.version, ts_rank_cd(l.terms, q.query) AS score
                    FROM to_tsquery('english', ?) AS q(query)
                    JOIN lexical l ON l.terms @@ q.query
                    JOIN items ON items.rowid = l.rowid
                    WHERE {clause} ORDER BY score DESC, items.rowid LIMIT ?""",
                [expression, *params, n],
            ).fetchall()
        return [
            ((item_id, int(version)), float(score)) for item_id, version, score in rows if score > 0
        ]
