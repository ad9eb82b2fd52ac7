"""Hybrid search: vector kNN and BM25, filtered by the record store, fused with RRF.

The vector store knows nothing of types or time. Candidates are read unfiltered
(fast HNSW) a few times deeper than needed and checked against the records; if
too few survive, the matching keys are listed from SQLite and the kNN is rerun
among them, so a selective filter still returns exact results.
"""

from __future__ import annotations

from dataclasses import dataclass

from hexamem.memory_types import MemoryItem
from hexamem.retrieval.fusion import reciprocal_rank_fusion
from hexamem.retrieval.results import SearchResult
from hexamem.stores.embedder import Embedder
from hexamem.stores.lexical import LexicalIndex
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.records import RecordStore
from hexamem.stores.vector import VectorHit, VectorStore

#: Largest key list handed to the vector store as an `among` restriction.
AMONG_LIMIT = 5000
#: Fewest candidates each retriever contributes to the fusion.
MIN_DEPTH = 20


def _key(item: MemoryItem) -> tuple[str, int]:
    return item.id, item.version


def _parse_key(key: str) -> tuple[str, int]:
    item_id, _, version = key.rpartition(":")
    return item_id, int(version)


@dataclass
class HybridSearch:
    """Vector + lexical retrieval over one user's memories."""

    records: RecordStore
    lexical: LexicalIndex
    vectors: VectorStore
    embedder: Embedder
    overfetch: int = 4

    def search(self, query: str, where: RecallFilter, k: int) -> list[SearchResult]:
        depth = max(2 * k, MIN_DEPTH)
        by_vector = self._vector_candidates(query, where, depth)
        by_lexical = self.lexical.search(query, where, depth, overfetch=self.overfetch)
        items: dict[tuple[str, int], MemoryItem] = {}
        similarity: dict[tuple[str, int], float] = {}
        for item, sim in by_vector:
            items[_key(item)] = item
            similarity[_key(item)] = sim
        for item, _score in by_lexical:
            items.setdefault(_key(item), item)
        vector_order = [_key(item) for item, _ in by_vector]
        lexical_order = [_key(item) for item, _ in by_lexical]
        fused = reciprocal_rank_fusion({"vector": vector_order, "lexical": lexical_order})
        vector_rank = {key: rank for rank, key in enumerate(vector_order, 1)}
        lexical_rank = {key: rank for rank, key in enumerate(lexical_order, 1)}
        best = sorted(fused, key=lambda key: (-fused[key], -similarity.get(key, -1.0)))
        return [
            SearchResult(
                item=items[key],
                score=fused[key],
                vector_rank=vector_rank.get(key),
                lexical_rank=lexical_rank.get(key),
                similarity=similarity.get(key),
            )
            for key in best[:k]
        ]

    def _vector_candidates(
        self, query: str, where: RecallFilter, depth: int
    ) -> list[tuple[MemoryItem, float]]:
        total = self.vectors.count(where.user_id)
        if total == 0:
            return []
        vector = self.embedder.embed_one(query)
        n = depth * self.overfetch
        while True:
            hits = self.vectors.query(where.user_id, vector, n)
            ranked = self._survivors(hits, where)
            if len(ranked) >= depth or n >= total:
                return ranked[:depth]
            matching = self.records.count(where)
            if matching <= AMONG_LIMIT:
                among = [f"{i}:{v}" for i, v in self.records.keys(where, limit=AMONG_LIMIT)]
                hits = self.vectors.query(where.user_id, vector, depth, among=among)
                return self._survivors(hits, where)[:depth]
            n *= 4

    def _survivors(
        self, hits: list[VectorHit], where: RecallFilter
    ) -> list[tuple[MemoryItem, float]]:
        """Hits that pass `where` according to the records, in similarity order."""
        keys = [_parse_key(hit.key) for hit in hits]
        found = {_key(item): item for item in self.records.select(where, keys=keys)}
        return [
            (found[key], hit.similarity)
            for key, hit in zip(keys, hits, strict=True)
            if key in found
        ]
