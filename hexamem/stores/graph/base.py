"""The graph store seam: entities and bi-temporal fact edges, per user scope.

The record store stays the source of truth (facts are semantic memories, one
edge per version; entities live in SQLite too); the graph adds what SQL does
badly: hops between entities, and vector / full-text search over entity names.
Cypher lives in this folder only: callers get typed methods.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from hexamem.stores.graph import cypher


@dataclass(frozen=True)
class EntityNode:
    """A person, place, thing or idea that facts connect."""

    id: str
    name: str
    normalized: str
    type: str = "entity"
    summary: str = ""
    aliases: tuple[str, ...] = ()
    merged_into: str | None = None
    embedding: Sequence[float] | None = None


@dataclass(frozen=True)
class FactEdge:
    """One version of a fact: `subject -[relation]-> object`, with both time axes (epoch s).

    Fact vectors live in the vector store with every other memory, not here.
    """

    id: str  # the version key, `item_id:version`
    item_id: str
    version: int
    subject_id: str
    object_id: str
    relation: str
    fact: str
    valid_at: float
    created_at: float
    invalid_at: float | None = None
    expired_at: float | None = None
    episode_ids: tuple[str, ...] = ()
    message_ids: tuple[str, ...] = ()


@dataclass
class GraphBatch:
    """Everything one op-log batch writes to the graph; every write is an idempotent upsert."""

    entities: list[EntityNode] = field(default_factory=list)
    facts: list[FactEdge] = field(default_factory=list)
    # (episode id, session id, observed at, message ids)
    episodes: list[tuple[str, str | None, float, tuple[str, ...]]] = field(default_factory=list)
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (episode id, entity id)

    def __bool__(self) -> bool:
        return bool(self.entities or self.facts or self.episodes or self.mentions)


@dataclass(frozen=True)
class Hit:
    """An entity or fact id with a score (similarity for vectors, relevance for text)."""

    id: str
    score: float


@dataclass(frozen=True)
class NamedFact:
    """A stored fact edge with the names at its two ends, as `fact_edges` reads it back."""

    edge: FactEdge
    subject: str
    object: str


@dataclass(frozen=True)
class Mention:
    """An episode that names an entity, with the messages it holds."""

    episode_id: str
    message_ids: tuple[str, ...]
    entity: str


class GraphStore(ABC):
    """A property graph with vector and full-text indexes over entity names, one scope per user.

    Backends implement the writes, the two entity searches and `_rows` (one read
    statement in the Cypher both engines share); every other read is a typed
    method here, over the statements in `cypher.py`.
    """

    @abstractmethod
    def write(self, scope: str, batch: GraphBatch) -> None:
        """Upsert entities, fact edges, episodes and mentions."""

    @abstractmethod
    def nearest_entities(self, scope: str, vector: Sequence[float], k: int) -> list[Hit]:
        """Entities whose name embedding is closest to `vector`, best first (cosine)."""

    @abstractmethod
    def matching_entities(self, scope: str, text: str, k: int) -> list[Hit]:
        """Entities whose name matches words of `text` in the full-text index, best first."""

    @abstractmethod
    def drop(self, scope: str) -> None:
        """Remove everything of one user."""

    @abstractmethod
    def _rows(self, scope: str, statement: str, params: dict[str, Any]) -> list[list[Any]]:
        """Run one statement of `cypher.py` in the user's scope (`$scope` is filled in)."""

    def close(self) -> None:  # noqa: B027 - optional hook, not part of the seam
        """Release connections (and, for embedded engines, stop the server)."""

    def compact(self) -> None:  # noqa: B027 - optional hook, not part of the seam
        """After a purge: rewrite the engine's own files so deleted data is off the disk
        (an embedded engine's; a server we do not own keeps its own policy)."""

    # -- typed reads and deletes, shared by every backend ------------------------------------

    def facts_touching(
        self, scope: str, entity_ids: Sequence[str], limit: int
    ) -> list[tuple[str, str, str]]:
        """(fact id, entity id, other end's id) of edges at any of `entity_ids`, newest first."""
        if not entity_ids:
            return []
        rows = self._rows(scope, cypher.FACTS_TOUCHING, {"ids": list(entity_ids), "limit": limit})
        return [(row[0], row[1], row[2]) for row in rows]

    def same_fact(
        self, scope: str, subjects: Sequence[str], objects: Sequence[str], relation: str
    ) -> str | None:
        """Memory id of a fact not yet replaced that links these entities by `relation`."""
        rows = self._rows(
            scope,
            cypher.SAME_FACT,
            {"subjects": list(subjects), "objects": list(objects), "relation": relation},
        )
        return rows[0][0] if rows else None

    def fact_edges(self, scope: str) -> list[NamedFact]:
        """Every fact edge of a user with its end names, oldest start first (for inspection)."""
        return [
            NamedFact(
                FactEdge(
                    id=row[0],
                    item_id=row[1],
                    version=int(row[2]),
                    subject_id=row[3],
                    object_id=row[4],
                    relation=row[5],
                    fact=row[6],
                    valid_at=float(row[7]),
                    created_at=float(row[8]),
                    invalid_at=row[9],
                    expired_at=row[10],
                    episode_ids=tuple(row[11] or ()),
                    message_ids=tuple(row[12] or ()),
                ),
                subject=row[13],
                object=row[14],
            )
            for row in self._rows(scope, cypher.FACT_EDGES, {})
        ]

    def mentions(self, scope: str) -> list[Mention]:
        """Which episodes name which entities."""
        return [
            Mention(row[0], tuple(row[1] or ()), row[2])
            for row in self._rows(scope, cypher.MENTIONS, {})
        ]

    def size(self, scope: str) -> tuple[int, int]:
        """(entities, fact edges) in one user's graph; closed fact versions count too."""
        entities = self._rows(scope, cypher.COUNT_ENTITIES, {})
        facts = self._rows(scope, cypher.COUNT_FACTS, {})
        return (int(entities[0][0]) if entities else 0, int(facts[0][0]) if facts else 0)

    def delete_facts(self, scope: str, fact_ids: Sequence[str]) -> None:
        if fact_ids:
            self._rows(scope, cypher.DELETE_FACTS, {"ids": list(fact_ids)})

    def delete_entities(self, scope: str, entity_ids: Sequence[str]) -> None:
        """Remove entities with every edge and mention at them."""
        if entity_ids:
            self._rows(scope, cypher.DELETE_ENTITIES, {"ids": list(entity_ids)})
