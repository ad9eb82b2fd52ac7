"""Rank fusion and the FTS5 query builder."""

from __future__ import annotations

from hexamem.retrieval import reciprocal_rank_fusion
from hexamem.stores.lexical import match_expression


def test_rrf_rewards_agreement_between_lists() -> None:
    scores = reciprocal_rank_fusion({"vector": ["a", "b", "c"], "lexical": ["b", "d"]})
    assert max(scores, key=scores.__getitem__) == "b"
    assert scores["a"] > scores["c"] and scores["a"] > scores["d"] - 1e-12


def test_match_expression_quotes_content_words_and_drops_stopwords() -> None:
    assert match_expression("Where does Alice live?") == '"alice" OR "live"'
    assert match_expression('she said "DROP TABLE"; --') == '"said" OR "drop" OR "table"'
    assert match_expression("is it the?") is None
