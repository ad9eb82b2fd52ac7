"""Planning for the knowledge graph: entities, fact triples, re-assertion, supersession.

A fact is a semantic memory whose payload names a subject, a relation and an
object. Its entities are resolved (or created) here, an identical current fact
is re-asserted instead of duplicated, and `supersedes` closes contradicted
facts, except that a fact which started later is never closed by one that
started earlier: the earlier one is closed at the later one's start instead.
"""

from __future__ import annotations

from datetime import datetime

from hexamem.entities import PERSON, Entity, EntityResolver, merge_root, normalize_name
from hexamem.errors import InvalidInput, NotFound
from hexamem.memory_types import AddEntity, MemoryItem, MergeEntities, SemanticFact
from hexamem.memory_types.ids import new_id
from hexamem.memory_types.storable import MAX_NAME
from hexamem.oplog.plan import PutEntity, Step
from hexamem.stores.entities import EntityStore
from hexamem.stores.graph.base import GraphStore


class FactPlanner:
    """Entity and fact decisions for one batch; shares the batch's steps."""

    def __init__(
        self,
        *,
        user_id: str,
        at: datetime,
        steps: list[Step],
        store: EntityStore,
        resolver: EntityResolver,
        graph: GraphStore,
    ) -> None:
        self.user_id, self.at, self.steps = user_id, at, steps
        self._store, self._resolver, self._graph = store, resolver, graph
        self.pending: dict[str, Entity] = {}

    # -- entities -------------------------------------------------------------------------

    def entity_for(self, name: str) -> Entity:
        """The entity a name refers to; new when nothing matches. Names used are kept as aliases."""
        if len(name) > MAX_NAME:
            raise InvalidInput(f"entity name of {len(name)} characters; the limit is {MAX_NAME}")
        found, _rule = self._resolver.resolve(self.user_id, name, self.pending)
        if found is None:
            return self._put(
                Entity(
                    id=new_id("ent"),
                    user_id=self.user_id,
                    name=name.strip(),
                    created_at=self.at,
                )
            )
        if normalize_name(name) not in found.names():
            return self._put(found.model_copy(update={"aliases": (*found.aliases, name.strip())}))
        return found

    def add_entity(self, op: AddEntity) -> Entity:
        found = self._live(self._store.named(self.user_id, [normalize_name(op.name)]))
        if found is None:
            return self._put(
                Entity(
                    id=new_id("ent"),
                    user_id=self.user_id,
                    name=op.name.strip(),
                    type=op.entity_type,
                    summary=op.summary,
                    aliases=op.aliases,
                    created_at=self.at,
                )
            )
        aliases = tuple(dict.fromkeys((*found.aliases, *op.aliases)))
        return self._put(
            found.model_copy(
                update={
                    "type": op.entity_type if op.entity_type != "entity" else found.type,
                    "summary": op.summary or found.summary,
                    "aliases": aliases,
                }
            )
        )

    def merge(self, op: MergeEntities) -> Entity:
        into, merged = self._owned(op.into_id), self._owned(op.merge_id)
        if into.id == merged.id:
            raise InvalidInput("an entity cannot be merged into itself")
        if merged.merged_into or into.merged_into:
            raise InvalidInput("merge the entities their merges point at instead")
        if PERSON in {into.type, merged.type} and into.type != merged.type:
            raise InvalidInput(
                f"{merged.name!r} ({merged.type}) and {into.name!r} ({into.type}) "
                "are of different types"
            )
        self._put(merged.model_copy(update={"merged_into": into.id}))
        aliases = tuple(dict.fromkeys((*into.aliases, merged.name, *merged.aliases)))
        return self._put(into.model_copy(update={"aliases": aliases}))

    # -- facts ----------------------------------------------------------------------------

    @property
    def store(self) -> EntityStore:
        return self._store

    def endpoints(self, payload: SemanticFact) -> tuple[str, str]:
        assert payload.subject and payload.object and payload.relation  # a whole triple
        if len(payload.relation) > MAX_NAME:
            raise InvalidInput(
                f"relation of {len(payload.relation)} characters; the limit is {MAX_NAME}"
            )
        return self.entity_for(payload.subject).id, self.entity_for(payload.object).id

    def same_fact(
        self, payload: SemanticFact, endpoints: tuple[str, str], batch_items: dict[str, MemoryItem]
    ) -> str | None:
        """Id of a current fact with the same subject, relation and object, if any."""
        for item in batch_items.values():
            if (
                item.expired_at is None
                and item.entity_ids == endpoints
                and isinstance(item.payload, SemanticFact)
                and item.payload.relation == payload.relation
            ):
                return item.id
        subjects, objects = (self._store.family(e) for e in endpoints)
        assert payload.relation
        return self._graph.same_fact(self.user_id, subjects, objects, payload.relation)

    # -- helpers --------------------------------------------------------------------------

    def _put(self, entity: Entity) -> Entity:
        self.pending[entity.id] = entity
        self.steps.append(PutEntity(entity=entity))
        return entity

    def _owned(self, entity_id: str) -> Entity:
        entity = self.pending.get(entity_id) or self._store.get(entity_id)
        if entity is None or entity.user_id != self.user_id:
            raise NotFound(f"no entity {entity_id!r} for user {self.user_id!r}")
        return entity

    def _live(self, entities: list[Entity]) -> Entity | None:
        """The entity the oldest of these now is: itself, or what it was merged into."""
        oldest = min(entities, key=lambda e: e.created_at, default=None)
        if oldest is None:
            return None
        return merge_root(
            self.pending.get(oldest.id, oldest), lambda i: self.pending.get(i) or self._store.get(i)
        )
