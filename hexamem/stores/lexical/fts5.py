"""BM25 keyword search with SQLite FTS5 over the same versions as the record store.

Rows share their rowid with `items`, so a match joins straight to the record
and the same `RecallFilter` decides what may be returned.

Long questions are full of common words whose posting lists cost time and add
little to BM25 (their IDF is low). Words are therefore kept rarest first, within
a budget of postings, using the index's own document frequencies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hexamem.stores.dialect import Connection
from hexamem.stores.keyed import VersionKey
from hexamem.stores.lexical.base import unindexed_rows
from hexamem.stores.migrations import Migration
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.sqlite import Database

_WORD = re.compile(r"\w+", re.UNICODE)
# Words that never help ranking; dropping them early saves the vocabulary lookups.
STOPWORDS = frozenset(
    """
    a an and are as at be but by did do does for from had has have he her him his how i
    if in into is it its me my of on or our she so than that the their them then there
    these they this to us was we were what when where which who whom why will with you
    your
    """.split()
)
#: Postings the kept words may add up to (the rarest two are kept whatever their count).
POSTINGS_BUDGET = 8000
MIN_WORDS = 2
_TOKENIZER = "porter unicode61 remove_diacritics 2"  # must match the `lexical` table


def query_words(query: str) -> list[str]:
    """The query's distinct content words, lower-cased, in order."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(query.lower()):
        if word not in STOPWORDS and len(word) > 1:
            seen.setdefault(word, None)
    return list(seen)


def match_expression(words: Sequence[str]) -> str | None:
    """An FTS5 query that ORs the words, each quoted (so no word is read as syntax)."""
    return " OR ".join(f'"{w}"' for w in words) if words else None


SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS lexical USING fts5(
    text, tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE IF NOT EXISTS lexical_vocab USING fts5vocab(lexical, 'row');
"""
MIGRATIONS = (Migration(1, SCHEMA, "the tables of the first release"),)


class LexicalIndex:
    """FTS5 table keyed by the `items` rowid."""

    def __init__(self, db: Database, *, postings_budget: int = POSTINGS_BUDGET) -> None:
        self._db = db
        db.migrate("lexical", MIGRATIONS)
        self._budget = postings_budget
        with db.reading() as conn:
            # Per-connection scratch table: FTS5 itself turns query words into the
            # stems the index holds, so their document frequencies can be read.
            conn.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_words "
                f"USING fts5(word, tokenize = '{_TOKENIZER}')"
            )
            conn.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_stems "
                "USING fts5vocab(temp, query_words, 'instance')"
            )

    def put(self, conn: Connection, rowid: int, text: str) -> None:
        conn.execute("DELETE FROM lexical WHERE rowid = ?", (rowid,))
        conn.execute("INSERT INTO lexical (rowid, text) VALUES (?, ?)", (rowid, text))

    def delete(self, conn: Connection, rowids: Sequence[int]) -> None:
        conn.executemany("DELETE FROM lexical WHERE rowid = ?", [(r,) for r in rowids])

    def unindexed(self, user_id: str) -> list[tuple[int, str]]:
        """(rowid, text) of the user's versions that have no row here."""
        return unindexed_rows(self._db, user_id)

    def rewrite(self) -> None:
        """Build the index afresh from its rows: words of deleted rows leave the file.

        Not FTS5's 'optimize': before SQLite 3.45 each 'optimize' of an index with
        segments on several levels adds a level and none goes; after about a
        thousand forgets the table no longer opens ("database disk image is
        malformed"). A rebuild starts from one segment every time.
        """
        with self._db.transaction() as conn:
            conn.execute("INSERT INTO lexical(lexical) VALUES ('rebuild')")

    def search(
        self, query: str, where: RecallFilter, n: int, *, overfetch: int = 4
    ) -> list[tuple[VersionKey, float]]:
        """Up to `n` version keys passing `where`, best BM25 first, with a positive score.

        FTS5 ranks and cuts first (`ORDER BY rank LIMIT`, done inside FTS5), and
        only that short list is joined to the records and filtered; when too few
        survive the filter, the exact join over every match runs instead.
        """
        words = query_words(query)
        if not words or n <= 0:
            return []
        clause, params = where.sql()
        with self._db.reading() as conn:
            expression = match_expression(self._selective(conn, words))
            if expression is None:
                return []
            rows = conn.execute(
                f"""SELECT items.id, items.version, -top.rank FROM
                      (SELECT rowid, rank FROM lexical WHERE lexical MATCH ?
                       ORDER BY rank LIMIT ?) AS top
                    JOIN items ON items.rowid = top.rowid
                    WHERE {clause} ORDER BY top.rank""",
                [expression, n * overfetch, *params],
            ).fetchall()
            if len(rows) < n:
                rows = conn.execute(
                    f"""SELECT items.id, items.version, -bm25(lexical) FROM lexical
                        JOIN items ON items.rowid = lexical.rowid
                        WHERE lexical MATCH ? AND {clause}
                        ORDER BY bm25(lexical) LIMIT ?""",
                    [expression, *params, n],
                ).fetchall()
        return [((item_id, int(version)), float(score)) for item_id, version, score in rows[:n]]

    def _selective(self, conn: Connection, words: list[str]) -> list[str]:
        """The words worth matching: present in the index, rarest first, within the budget."""
        conn.execute("DELETE FROM temp.query_words")
        conn.executemany(
            "INSERT INTO temp.query_words (rowid, word) VALUES (?, ?)",
            [(index, word) for index, word in enumerate(words)],
        )
        stem_of = {
            doc: term
            for term, doc in conn.execute("SELECT term, doc FROM temp.query_stems").fetchall()
        }
        frequency: dict[str, int] = {}
        for index, word in enumerate(words):
            stem = stem_of.get(index)
            if stem is None:
                continue
            row = conn.execute("SELECT doc FROM lexical_vocab WHERE term = ?", (stem,)).fetchone()
            if row and row[0] > 0:
                frequency[word] = int(row[0])
        kept: list[str] = []
        postings = 0
        for word in sorted(frequency, key=frequency.__getitem__):
            if len(kept) >= MIN_WORDS and postings + frequency[word] > self._budget:
                break
            kept.append(word)
            postings += frequency[word]
        return kept
