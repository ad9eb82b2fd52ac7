"""Rank fusion: one ranking from the vector, lexical and graph lists."""

from __future__ import annotations

from hexamem.retrieval.fusion import reciprocal_rank_fusion


def test_rrf_rewards_agreement_between_lists() -> None:
    scores = reciprocal_rank_fusion({"vector": ["a", "b", "c"], "lexical": ["b", "d"]})
    assert max(scores, key=scores.__getitem__) == "b"
    assert scores["a"] > scores["c"] and scores["a"] > scores["d"] - 1e-12
