"""Reciprocal rank fusion: rank lists from different retrievers become one score."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)

#: The usual RRF constant; it damps the advantage of the very first ranks.
RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[Key]],
    *,
    k: int = RRF_K,
    weights: Mapping[str, float] | None = None,
) -> dict[Key, float]:
    """Sum of weight/(k + rank) over every list a key appears in (rank starts at 1);
    a list missing from `weights` weighs 1."""
    scores: dict[Key, float] = {}
    for name, ranking in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 1.0)
        for rank, key in enumerate(ranking, start=1):
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
    return scores
