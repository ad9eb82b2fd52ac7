"""Scores with no model: evidence recall in the top k or a token budget, NDCG, and
answer overlap (token F1, BLEU-1) as the benchmarks' papers define them."""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Callable, Sequence

_ARTICLES = re.compile(r"\b(a|an|the|and)\b")


def deduplicated(ranked: Sequence[str]) -> list[str]:
    """Ranked ids, each kept at its first place."""
    seen: set[str] = set()
    kept = []
    for x in ranked:
        if x not in seen:
            seen.add(x)
            kept.append(x)
    return kept


def recall_any(ranked: Sequence[str], relevant: Sequence[str], k: int) -> float:
    """1 when any relevant id is in the first k."""
    return float(bool(set(ranked[:k]) & set(relevant)))


def recall_all(ranked: Sequence[str], relevant: Sequence[str], k: int) -> float:
    """1 when every relevant id is in the first k."""
    return float(set(relevant) <= set(ranked[:k]))


def ndcg(ranked: Sequence[str], relevant: Sequence[str], k: int) -> float:
    """Binary-relevance NDCG@k: gain 1 for each relevant id, by its rank."""
    wanted = set(relevant)
    gain = sum(1 / math.log2(rank + 2) for rank, x in enumerate(ranked[:k]) if x in wanted)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(k, len(wanted))))
    return gain / ideal if ideal else 0.0


def packed(
    memories: Sequence[tuple[str, Sequence[str]]], budget: int, count: Callable[[str], int]
) -> tuple[list[str], int]:
    """Source ids of the best memories that fit in `budget` tokens, and the tokens used.

    `memories` are (text, source ids) best first; a memory that does not fit is
    skipped and smaller ones after it may still go in, as a context packer would.
    """
    sources: list[str] = []
    used = 0
    for text, ids in memories:
        size = count(text)
        if used + size > budget:
            continue
        used += size
        sources.extend(ids)
    return deduplicated(sources), used


def normalised_tokens(text: str) -> list[str]:
    """Lower case, no punctuation, no articles: the SQuAD normalisation LoCoMo uses."""
    text = text.lower().translate(str.maketrans("", "", string.punctuation))
    return _ARTICLES.sub(" ", text).split()


def token_f1(prediction: str, answer: str) -> float:
    predicted, expected = normalised_tokens(prediction), normalised_tokens(answer)
    common = sum((Counter(predicted) & Counter(expected)).values())
    if not predicted or not expected or not common:
        return float(predicted == expected)
    precision, recall = common / len(predicted), common / len(expected)
    return 2 * precision * recall / (precision + recall)


def bleu1(prediction: str, answer: str) -> float:
    """Unigram precision with the brevity penalty (BLEU with one n-gram order)."""
    predicted, expected = normalised_tokens(prediction), normalised_tokens(answer)
    if not predicted or not expected:
        return 0.0
    clipped = sum((Counter(predicted) & Counter(expected)).values())
    penalty = (
        1.0 if len(predicted) > len(expected) else math.exp(1 - len(expected) / len(predicted))
    )
    return penalty * clipped / len(predicted)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
