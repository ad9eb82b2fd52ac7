"""BM25 keyword search with SQLite FTS5 over the same versions as the record store.

Rows share their rowid with `items`, so a match joins straight to the record
and the same `RecallFilter` decides what may be returned.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from hexamem.memory_types import MemoryItem
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.sqlite import Database

_WORD = re.compile(r"\w+", re.UNICODE)
# Words too common to help ranking; they only make FTS5 walk longer posting lists.
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)


def match_expression(query: str) -> str | None:
    """An FTS5 query that ORs the query's distinct content words, each quoted."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(query.lower()):
        if word not in _STOPWORDS and len(word) > 1:
            seen.setdefault(word, None)
    if not seen:
        return None
    return " OR ".join(f'"{w}"' for w in seen)


class LexicalIndex:
    """FTS5 table keyed by the `items` rowid."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def put(self, conn: sqlite3.Connection, rowid: int, text: str) -> None:
        conn.execute("DELETE FROM lexical WHERE rowid = ?", (rowid,))
        conn.execute("INSERT INTO lexical (rowid, text) VALUES (?, ?)", (rowid, text))

    def delete(self, conn: sqlite3.Connection, rowids: Sequence[int]) -> None:
        conn.executemany("DELETE FROM lexical WHERE rowid = ?", [(r,) for r in rowids])

    def search(self, query: str, where: RecallFilter, n: int) -> list[tuple[MemoryItem, float]]:
        """Up to `n` versions passing `where`, best BM25 first, with a positive score."""
        expression = match_expression(query)
        if expression is None or n <= 0:
            return []
        clause, params = where.sql()
        with self._db.reading() as conn:
            rows = conn.execute(
                f"""SELECT items.body, -bm25(lexical) AS score
                    FROM lexical JOIN items ON items.rowid = lexical.rowid
                    WHERE lexical MATCH ? AND {clause}
                    ORDER BY bm25(lexical) LIMIT ?""",
                [expression, *params, n],
            ).fetchall()
        return [(MemoryItem.model_validate_json(body), float(score)) for body, score in rows]
