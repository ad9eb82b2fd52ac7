"""Hybrid search: vector kNN and BM25, filtered by the record store, fused with RRF.

The vector store knows nothing of types or time. Candidates are read unfiltered
(fast HNSW) a few times deeper than needed and checked against the records; if
too few survive, the matching keys are listed from SQLite and the kNN is rerun
among them, so a selective filter still returns exact results. Ranking works on
(id, version) keys; only the final results are read and decoded.
"""

from __future__ import annotations

from dataclasses import dataclass

from hexamem.retrieval.fusion import reciprocal_rank_fusion
from hexamem.retrieval.results import SearchResult
from hexamem.stores.embedder import Embedder
from hexamem.stores.lexical import LexicalIndex
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.records import RecordStore, VersionKey
from hexamem.stores.vector import VectorHit, VectorStore

#: Largest key list handed to the vector store as an `among` restriction.
AMONG_LIMIT = 5000
#: Fewest candidates each retriever contributes to the fusion.
MIN_DEPTH = 20


def _parse_key(key: str) -> VersionKey:
    item_id, _, version = key.rpartition(":")
    return item_id, int(version)


def _vector_key(key: VersionKey) -> str:
    return f"{key[0]}:{key[1]}"


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
        vector_order = [key for key, _ in by_vector]
        lexical_order = [key for key, _ in by_lexical]
        similarity = dict(by_vector)
        fused = reciprocal_rank_fusion({"vector": vector_order, "lexical": lexical_order})
        best = sorted(fused, key=lambda key: (-fused[key], -similarity.get(key, -1.0)))[:k]
        items = self.records.fetch(best)
        vector_rank = {key: rank for rank, key in enumerate(vector_order, 1)}
        lexical_rank = {key: rank for rank, key in enumerate(lexical_order, 1)}
        return [
            SearchResult(
                item=items[key],
                score=fused[key],
                vector_rank=vector_rank.get(key),
                lexical_rank=lexical_rank.get(key),
                similarity=similarity.get(key),
            )
            for key in best
            if key in items
        ]

    def _vector_candidates(
        self, query: str, where: RecallFilter, depth: int
    ) -> list[tuple[VersionKey, float]]:
        total = self.vectors.count(where.user_id)
        if total == 0:
            return []
        vector = self.embedder.embed_one(query)
        n = depth * self.overfetch
        while True:
            # HNSW may return fewer than n even when more exist, so only the count
            # tells that everything was read.
            hits = self.vectors.query(where.user_id, vector, n)
            ranked = self._survivors(hits, where)
            if len(ranked) >= depth or n >= total:
                return ranked[:depth]
            if self.records.count(where) <= AMONG_LIMIT:
                among = [_vector_key(key) for key in self.records.keys(where, limit=AMONG_LIMIT)]
                hits = self.vectors.query(where.user_id, vector, depth, among=among)
                return self._survivors(hits, where)[:depth]
            n *= 4

    def _survivors(
        self, hits: list[VectorHit], where: RecallFilter
    ) -> list[tuple[VersionKey, float]]:
        """Hits whose versions pass `where`, in similarity order."""
        keys = [_parse_key(hit.key) for hit in hits]
        passing = self.records.passing(where, keys)
        return [
            (key, hit.similarity) for key, hit in zip(keys, hits, strict=True) if key in passing
        ]
