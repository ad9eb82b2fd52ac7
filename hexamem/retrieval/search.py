"""Hybrid search: vector kNN and BM25, filtered by the record store, fused with RRF.

The vector store knows nothing of types or time. Candidates are read unfiltered
(fast HNSW) a few times deeper than needed and checked against the records; if
too few survive, the matching keys are listed from SQLite and the kNN is rerun
among them, so a selective filter still returns exact results. Ranking works on
(id, version) keys; only the final results are read and decoded.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from hexamem.embedding import Embedder
from hexamem.entities import merge_root, normalize_name
from hexamem.memory_types import MemoryItem, parse_version_key
from hexamem.results import SearchResult
from hexamem.retrieval.actors import named_actors, spoken_of, without_names
from hexamem.retrieval.fusion import reciprocal_rank_fusion
from hexamem.retrieval.when import TimeWindow
from hexamem.stores.entities import EntityStore
from hexamem.stores.graph.base import GraphStore
from hexamem.stores.keyed import VersionKey
from hexamem.stores.lexical import KeywordIndex
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.records import RecordStore
from hexamem.stores.transcripts import TranscriptReads
from hexamem.stores.vector import VectorHit, VectorStore

#: Largest key list handed to the vector store as an `among` restriction.
AMONG_LIMIT = 5000
#: Fewest candidates each retriever contributes to the fusion.
MIN_DEPTH = 20
#: Longest entity name, in words, looked up from the query's word n-grams.
MAX_NAME_WORDS = 4


def _vector_key(key: VersionKey) -> str:
    return f"{key[0]}:{key[1]}"


@dataclass
class HybridSearch:
    """Vector + lexical retrieval over one user's memories."""

    records: RecordStore
    lexical: KeywordIndex
    vectors: VectorStore
    embedder: Embedder
    entities: EntityStore
    graph: GraphStore
    transcripts: TranscriptReads
    overfetch: int = 4
    hops: int = 2
    #: Share of a matching question's score given to the reply after it.
    reply_share: float = 0.3
    #: How much each ranked list counts in the fusion.
    weights: dict[str, float] = dataclasses.field(
        default_factory=lambda: {"vector": 1.0, "lexical": 1.0, "graph": 1.0, "actor": 1.0}
    )

    def search(
        self, query: str, where: RecallFilter, k: int, *, window: TimeWindow | None = None
    ) -> list[SearchResult]:
        """Ranked results; a `window` (see `parse_window`) narrows them in time.

        A window that holds nothing is dropped again: the words may not have been about time.
        """
        if window is not None and where.as_of is None:
            during = (
                window.start.timestamp() if window.start else None,
                window.end.timestamp() if window.end else None,
            )
            if window.anchor:
                during = self._anchor(window.anchor, window.anchor_side, where)
            narrowed = dataclasses.replace(where, during=during)
            if during != (None, None) and self.records.count(narrowed, up_to=1):
                results = self._search(query, narrowed, k)
                if results:
                    return results
        return self._search(query, where, k)

    def _anchor(
        self, clause: str, side: str | None, where: RecallFilter
    ) -> tuple[float | None, float | None]:
        """'before she moved': the time of the memory that best matches 'she moved'."""
        found = self._search(clause, dataclasses.replace(where, include_expired=True), 1)
        if not found:
            return None, None
        moment = found[0].item.valid_at.timestamp()
        return (None, moment) if side == "before" else (moment, None)

    def _search(self, query: str, where: RecallFilter, k: int) -> list[SearchResult]:
        depth = max(2 * k, MIN_DEPTH)

        def is_actor(name: str) -> bool:
            return self.transcripts.is_actor(where.user_id, name)

        names = named_actors(query, is_actor)
        text = without_names(query, names)
        actors = names + [r for r in spoken_of(query, is_actor) if r not in map(str.lower, names)]
        by_vector = self._vector_candidates(text, where, depth)
        by_lexical = self.lexical.search(text, where, depth, overfetch=self.overfetch)
        by_graph = self._graph_candidates(query, where, depth)
        vector_order = [key for key, _ in by_vector]
        lexical_order = [key for key, _ in by_lexical]
        similarity = dict(by_vector)
        rankings = {"vector": vector_order, "lexical": lexical_order, "graph": by_graph}
        fused = reciprocal_rank_fusion(rankings, weights=self.weights)
        if actors:
            by_actor = {"actor": self._by_actor(fused, actors)}
            for key, extra in reciprocal_rank_fusion(by_actor, weights=self.weights).items():
                fused[key] += extra
        if self.reply_share:
            fused = self._with_replies(fused, where, depth)
        best = sorted(fused, key=lambda key: (-fused[key], -similarity.get(key, -1.0)))[:k]
        items = self.records.fetch(best)
        vector_rank = {key: rank for rank, key in enumerate(vector_order, 1)}
        lexical_rank = {key: rank for rank, key in enumerate(lexical_order, 1)}
        graph_rank = {key: rank for rank, key in enumerate(by_graph, 1)}
        return [
            SearchResult(
                item=items[key],
                score=fused[key],
                vector_rank=vector_rank.get(key),
                lexical_rank=lexical_rank.get(key),
                graph_rank=graph_rank.get(key),
                similarity=similarity.get(key),
            )
            for key in best
            if key in items
        ]

    def _with_replies(
        self, fused: dict[VersionKey, float], where: RecallFilter, depth: int
    ) -> dict[VersionKey, float]:
        """A question that matches lends part of its score to the reply after it: in a
        talk the answer often shares no word with what is asked ("How did the kids
        take it?" / "They were scared, but...")."""
        best = sorted(fused, key=fused.__getitem__, reverse=True)[:depth]
        scored = dict(fused)
        for question, reply in self.transcripts.replies(best, where).items():
            scored[reply] = scored.get(reply, 0.0) + self.reply_share * fused[question]
        return scored

    def _by_actor(self, fused: dict[VersionKey, float], actors: list[str]) -> list[VersionKey]:
        """The candidates whose actor the query names, in their fused order."""
        keys = sorted(fused, key=fused.__getitem__, reverse=True)
        wanted = {a.lower() for a in actors}
        actor_of = self.transcripts.actors(keys)
        return [key for key in keys if actor_of.get(key, "").lower() in wanted]

    def entities_in(self, query: str, user_id: str) -> list[str]:
        """Ids of the entities the query names (exactly, by alias, or failing that by text)."""
        words = normalize_name(query).split()
        grams = {
            " ".join(words[i : i + n])
            for n in range(1, MAX_NAME_WORDS + 1)
            for i in range(len(words) - n + 1)
        }
        found = self.entities.named(user_id, sorted(grams))
        if not found:
            hits = self.graph.matching_entities(user_id, query, 3)
            found = [e for e in (self.entities.get(h.id) for h in hits) if e is not None]
        ids: dict[str, None] = {}
        for entity in found:
            root = merge_root(entity, self.entities.get)
            ids.update(dict.fromkeys(self.entities.family(root.id)))
        return list(ids)

    def facts_about(self, user_id: str, entity_ids: list[str], limit: int) -> list[MemoryItem]:
        """Every version of the facts at these entities, oldest first."""
        rows = self.graph.facts_touching(user_id, entity_ids, limit)
        keys = list(dict.fromkeys(parse_version_key(fact) for fact, _, _ in rows))
        return sorted(self.records.fetch(keys).values(), key=lambda i: (i.valid_at, i.version))

    def _graph_candidates(self, query: str, where: RecallFilter, depth: int) -> list[VersionKey]:
        """Facts at the named entities, then one hop further out, that pass `where`."""
        seeds = self.entities_in(query, where.user_id)
        if not seeds:
            return []
        limit = depth * self.overfetch
        ordered: dict[VersionKey, None] = {}
        frontier, seen = seeds, set(seeds)
        for _hop in range(self.hops):
            rows = self.graph.facts_touching(where.user_id, frontier, limit)
            ordered.update(dict.fromkeys(parse_version_key(fact) for fact, _, _ in rows))
            frontier = [e for _, s, o in rows for e in (s, o) if e not in seen]
            seen.update(frontier)
            if not frontier:
                break
        keys = list(ordered)
        passing = self.records.passing(where, keys)
        return [key for key in keys if key in passing][:depth]

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
            passing = self.records.count(where, up_to=AMONG_LIMIT + 1)
            if passing == 0:
                return []
            if passing <= AMONG_LIMIT:
                among = [_vector_key(key) for key in self.records.keys(where, limit=AMONG_LIMIT)]
                hits = self.vectors.query(where.user_id, vector, depth, among=among)
                return self._survivors(hits, where)[:depth]
            n *= 4

    def _survivors(
        self, hits: list[VectorHit], where: RecallFilter
    ) -> list[tuple[VersionKey, float]]:
        """Hits whose versions pass `where`, in similarity order."""
        keys = [parse_version_key(hit.key) for hit in hits]
        passing = self.records.passing(where, keys)
        return [
            (key, hit.similarity) for key, hit in zip(keys, hits, strict=True) if key in passing
        ]
