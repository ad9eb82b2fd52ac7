"""Baselines over the raw turns: textbook BM25, and dense retrieval with hexamem's embedder.

Both index what hexamem is given (``speaker: text``), so the comparison is about
the memory, not about the input.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from hexamem.embedding import Embedder
from hexamem.evaluation.cases import Haystack, Question, Turn
from hexamem.evaluation.retrieval import Hit
from hexamem.stores.lexical.fts5 import STOPWORDS, query_words

_WORD = re.compile(r"\w+", re.UNICODE)


def turn_text(turn: Turn) -> str:
    """A turn as both baselines and hexamem's raw mode see it."""
    return f"{turn.speaker}: {turn.text}"


class BM25:
    """Okapi BM25 (k1 1.5, b 0.75) over one haystack's turns, stop words dropped."""

    name = "bm25"

    def __init__(self, haystack: Haystack, k1: float = 1.5, b: float = 0.75) -> None:
        self._turns = list(haystack.turns())
        self._docs = [Counter(content_words(turn_text(t))) for t in self._turns]
        lengths = [sum(d.values()) for d in self._docs]
        self._lengths = lengths
        self._average = sum(lengths) / max(len(lengths), 1)
        frequency: Counter[str] = Counter()
        for doc in self._docs:
            frequency.update(doc.keys())
        n = len(self._docs)
        self._idf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in frequency.items()}
        self._k1, self._b = k1, b

    def rank(self, question: Question, k: int) -> list[Hit]:
        words = query_words(question.text)
        scores = []
        for doc, length in zip(self._docs, self._lengths, strict=True):
            norm = self._k1 * (1 - self._b + self._b * length / (self._average or 1))
            score = sum(
                self._idf.get(w, 0.0) * doc[w] * (self._k1 + 1) / (doc[w] + norm)
                for w in words
                if w in doc
            )
            scores.append(score)
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:k]
        return [_hit(self._turns[i], scores[i]) for i in order if scores[i] > 0]


class Dense:
    """Cosine over the turns' embeddings (kept in `cache` when given, so reruns only search)."""

    name = "dense"

    def __init__(self, haystack: Haystack, embedder: Embedder, cache: Path | None = None) -> None:
        self._turns = list(haystack.turns())
        self._embedder = embedder
        texts = [turn_text(t) for t in self._turns]
        if cache is not None and cache.exists():
            vectors = np.load(cache)
        else:
            vectors = embedder.embed(texts) if texts else np.zeros((0, embedder.dimension))
            if cache is not None:
                cache.parent.mkdir(parents=True, exist_ok=True)
                np.save(cache, vectors)
        self._vectors = np.asarray(vectors, dtype=np.float32)

    def rank(self, question: Question, k: int) -> list[Hit]:
        if not self._turns:
            return []
        scores = self._vectors @ self._embedder.embed_one(question.text)
        order = np.argsort(-scores)[:k]
        return [_hit(self._turns[i], float(scores[i])) for i in order]


def content_words(text: str) -> Sequence[str]:
    """Every content word of a text, repeats kept (term frequency counts them)."""
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS]


def _hit(turn: Turn, score: float) -> Hit:
    return Hit(text=turn_text(turn), sources=(turn.id,), score=score, at=turn.at)
