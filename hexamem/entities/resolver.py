"""Entity resolution: which known entity, if any, a name in a fact refers to.

Rules, in order, all within one user:
1. an exact normalised name or alias: that entity;
2. a bare first name: the one *person* whose name starts with it, if there is
   exactly one (two Alices and a bare "Alice" stay apart: no evidence);
3. a candidate from the name-vector or full-text index whose name embedding is
   near-identical (similarity >= 0.93), if it is not a person ("New York" /
   "New York City"); people are never matched on similarity alone.
A merged entity always resolves to the entity it was merged into.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from hexamem.entities.model import PERSON, Entity, merge_root, normalize_name

if TYPE_CHECKING:  # seams only; their implementations load when a memory opens
    from hexamem.embedding import Embedder
    from hexamem.stores.entities import EntityStore
    from hexamem.stores.graph.base import GraphStore

NAME_SIMILARITY = 0.93


class EntityResolver:
    def __init__(self, store: EntityStore, graph: GraphStore, embedder: Embedder) -> None:
        self._store, self._graph, self._embedder = store, graph, embedder

    def resolve(
        self, user_id: str, name: str, pending: Mapping[str, Entity] | None = None
    ) -> tuple[Entity | None, str]:
        """The entity `name` refers to (or None) and which rule decided."""
        pending = pending or {}
        normalized = normalize_name(name)
        exact = self._live(
            [e for e in pending.values() if normalized in e.names()]
            + self._store.named(user_id, [normalized]),
            pending,
        )
        if exact:
            return min(exact, key=lambda e: e.created_at), "exact name or alias"
        if " " not in normalized:
            people = self._live(
                [e for e in pending.values() if e.normalized.startswith(normalized + " ")]
                + self._store.first_named(user_id, normalized),
                pending,
            )
            people = [e for e in people if e.type == PERSON]
            if len({e.id for e in people}) == 1:
                return people[0], "the only person with that first name"
        for candidate, similarity in self._similar(user_id, name):
            found = self._live([candidate], pending)
            if found and found[0].type != PERSON:
                return found[0], f"name similarity {similarity:.2f}"
        return None, "no match"

    def _similar(self, user_id: str, name: str) -> list[tuple[Entity, float]]:
        """Candidates from the name-vector and full-text indexes, scored by name similarity."""
        vector = self._embedder.embed_one(name)
        scores = {h.id: h.score for h in self._graph.nearest_entities(user_id, vector.tolist(), 5)}
        candidates = [e for e in (self._store.get(i) for i in scores) if e is not None]
        by_text = [
            e
            for e in (
                self._store.get(h.id) for h in self._graph.matching_entities(user_id, name, 5)
            )
            if e is not None and e.id not in scores
        ]
        if by_text:
            names = self._embedder.embed([e.name for e in by_text])
            scores.update({e.id: float(v @ vector) for e, v in zip(by_text, names, strict=True)})
            candidates += by_text
        ranked = sorted(candidates, key=lambda e: -scores[e.id])
        return [(e, scores[e.id]) for e in ranked if scores[e.id] >= NAME_SIMILARITY]

    def _live(self, entities: Iterable[Entity], pending: Mapping[str, Entity]) -> list[Entity]:
        """Follow merges to the entities that are still their own; drop duplicates."""
        live: dict[str, Entity] = {}
        for entity in entities:
            root = merge_root(entity, lambda i: pending.get(i) or self._store.get(i))
            live.setdefault(root.id, pending.get(root.id, root))
        return list(live.values())
