"""Rank fusion and the FTS5 query builder."""

from __future__ import annotations

from hexamem.retrieval.fusion import reciprocal_rank_fusion
from hexamem.stores.lexical import match_expression, query_words


def test_rrf_rewards_agreement_between_lists() -> None:
    scores = reciprocal_rank_fusion({"vector": ["a", "b", "c"], "lexical": ["b", "d"]})
    assert max(scores, key=scores.__getitem__) == "b"
    assert scores["a"] > scores["c"] and scores["a"] > scores["d"] - 1e-12


def test_query_words_keep_distinct_content_words() -> None:
    assert query_words("Where does Alice live? Alice!") == ["alice", "live"]
    assert query_words("is it the?") == []


def test_match_expression_quotes_every_word() -> None:
    assert match_expression(query_words('she said "DROP TABLE"; --')) == (
        '"said" OR "drop" OR "table"'
    )
    assert match_expression([]) is None
