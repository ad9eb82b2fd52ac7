"""Reciprocal rank fusion: rank lists from different retrievers become one score."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)

#: The usual RRF constant; it damps the advantage of the very first ranks.
RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[Key]], *, k: int = RRF_K
) -> dict[Key, float]:
    """Sum of 1/(k + rank) over every list a key appears in (rank starts at 1)."""
    scores: dict[Key, float] = {}
    for ranking in rankings.values():
        for rank, key in enumerate(ranking, start=1):
            scores[key] = scores.get(key, 0.0) + 1.0 / (k + rank)
    return scores
