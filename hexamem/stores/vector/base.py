"""The vector store seam: keyed vectors inside a per-user scope, nearest-neighbour reads.

Filtering by type or time is not the vector store's job: the record store owns
that, and retrieval post-filters or narrows the candidate keys (`among`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from hexamem.embedding.base import Vectors


@dataclass(frozen=True)
class VectorHit:
    """A key and its cosine similarity to the query (1 is identical)."""

    key: str
    similarity: float


class VectorStore(ABC):
    """Cosine kNN over vectors grouped by scope (one scope per user)."""

    @abstractmethod
    def upsert(self, scope: str, keys: Sequence[str], vectors: Vectors) -> None:
        """Insert or replace vectors; the same call twice leaves the same state."""

    @abstractmethod
    def query(
        self, scope: str, vector: Vectors, n: int, *, among: Sequence[str] | None = None
    ) -> list[VectorHit]:
        """Up to `n` nearest keys in `scope`, best first, optionally only from `among`."""

    @abstractmethod
    def delete(self, scope: str, keys: Sequence[str] | None = None) -> None:
        """Remove `keys`, or the whole scope when `keys` is None; missing keys are fine."""

    @abstractmethod
    def count(self, scope: str) -> int:
        """Number of vectors in `scope`."""

    @abstractmethod
    def keys(self, scope: str, among: Sequence[str] | None = None) -> set[str]:
        """The keys stored in `scope` (only those of `among`, when given)."""

    def close(self) -> None:  # noqa: B027 - optional hook, not part of the seam
        """Release clients and files; the default holds nothing."""
