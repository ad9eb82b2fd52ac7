"""A fast, deterministic embedder for unit tests: hashed bag of word stems.

Texts that share words get similar vectors, which is enough to test ranking
and filtering without loading the real model.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from hexamem.embedding import Embedder, Vectors

_WORD = re.compile(r"\w+")


class HashingEmbedder(Embedder):
    dimension = 384
    model_id = "test-hashing"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                stem = word[:5]
                digest = hashlib.blake2b(stem.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
            else:  # no words at all: any fixed unit vector will do
                out[row, 0] = 1.0
        return out
