"""The FTS5 index on its own: stemming, scoping, and dropping common words from long queries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hexamem.memory_types import MemoryItem, SemanticFact
from hexamem.stores.lexical import LexicalIndex
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.records import RecordStore
from hexamem.stores.sqlite import Database

AT = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture
def db(tmp_path):
    database = Database(tmp_path / "t.db")
    yield database
    database.close()


def put(db: Database, lexical: LexicalIndex, item_id: str, summary: str, user: str = "u") -> None:
    payload = SemanticFact(name="note", summary=summary)
    item = MemoryItem(
        id=item_id,
        user_id=user,
        text=payload.index_text(),
        created_at=AT,
        updated_at=AT,
        valid_at=AT,
        payload=payload,
    )
    records = RecordStore(db)
    with db.transaction() as conn:
        lexical.put(conn, records.put(conn, item), item.text)


def found(lexical: LexicalIndex, query: str, user: str = "u") -> list[str]:
    return [key[0] for key, _ in lexical.search(query, RecallFilter(user_id=user), 10)]


def test_words_match_across_inflections_and_users_stay_apart(db) -> None:
    lexical = LexicalIndex(db)
    put(db, lexical, "a", "Alice bought engagement rings")
    put(db, lexical, "b", "Bob bought a ring", user="bob")
    assert found(lexical, "ring shopping") == ["a"]
    assert found(lexical, "ring", user="bob") == ["b"]


def test_long_queries_drop_their_most_common_words(db) -> None:
    lexical = LexicalIndex(db, postings_budget=5)
    for i in range(30):
        put(db, lexical, f"common-{i}", f"we talked about the weather, day {i}")
    put(db, lexical, "rare", "we talked about the plesiosaur exhibit")
    put(db, lexical, "rarer", "the dinosaur book had a glossy cover")
    # 'talked' is in 31 documents, over the budget; the two rare words are kept.
    assert set(found(lexical, "talked plesiosaur dinosaur")) == {"rare", "rarer"}
    # With fewer than two informative words, the common word is kept.
    assert len(found(lexical, "talked plesiosaur")) == 10


def test_unknown_words_and_stopwords_match_nothing(db) -> None:
    lexical = LexicalIndex(db)
    put(db, lexical, "a", "Alice likes tea")
    assert found(lexical, "zeppelin") == []
    assert found(lexical, "what is it") == []


def test_the_index_survives_being_rewritten_after_every_forget(db, tmp_path) -> None:
    """FTS5's 'optimize' grew the index a level per call until, near a thousand calls
    with a few writes between them, the table no longer opened."""
    lexical = LexicalIndex(db)
    for n in range(1100):
        with db.transaction() as conn:
            for k in range(4):
                lexical.put(conn, 10 * n + k, f"note {n} part {k} zebra")
            lexical.delete(conn, [10 * n])
        lexical.rewrite()
    db.close()
    reopened = Database(tmp_path / "t.db")
    with reopened.reading() as conn:
        assert (
            conn.execute("SELECT count(*) FROM lexical WHERE lexical MATCH 'zebra'").fetchone()[0]
            == 1100 * 3
        )
    reopened.close()
