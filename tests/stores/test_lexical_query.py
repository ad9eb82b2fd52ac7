"""The FTS5 query builder: which words of a query are searched, and how they are quoted."""

from __future__ import annotations

from hexamem.stores.lexical import match_expression, query_words


def test_query_words_keep_distinct_content_words() -> None:
    assert query_words("Where does Alice live? Alice!") == ["alice", "live"]
    assert query_words("is it the?") == []


def test_match_expression_quotes_every_word() -> None:
    assert match_expression(query_words('she said "DROP TABLE"; --')) == (
        '"said" OR "drop" OR "table"'
    )
    assert match_expression([]) is None
