"""Plans in, stores written: vectors, then the graph, then one SQLite transaction.

Every write is an upsert on a key fixed by the plan, so applying a plan twice
(after a crash between the log write and the stores) lands in the same state.
The SQLite transaction also marks the batch done; until then it stays pending.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hexamem.embedding import Embedder, Vectors
from hexamem.memory_types import MemoryItem, SemanticFact, version_key
from hexamem.memory_types.time import to_epoch
from hexamem.oplog.log import OpLog
from hexamem.oplog.plan import Plan, Purge, PutEntity, PutEpisode, PutVersion, RecordChange
from hexamem.stores.dialect import Database
from hexamem.stores.entities import EntityStore
from hexamem.stores.graph.base import EntityNode, FactEdge, GraphBatch, GraphStore
from hexamem.stores.keyvalue import KeyValueStore
from hexamem.stores.lexical import KeywordIndex
from hexamem.stores.records import RecordStore
from hexamem.stores.vector.write_behind import WriteBehindVectors


@dataclass
class Applier:
    """Writes plans to every store."""

    db: Database
    log: OpLog
    records: RecordStore
    entities: EntityStore
    lexical: KeywordIndex
    vectors: WriteBehindVectors
    graph: GraphStore
    embedder: Embedder
    key_values: KeyValueStore
    #: Other instances read these stores: vectors are written before the batch is
    #: marked done (a kill leaves it pending, for another instance to replay), not after.
    shared: bool = False

    def embed(self, plan: Plan) -> Vectors:
        """Vectors of the plan's entity names, which the graph needs as it is written (the
        memories' own texts are embedded later, in groups, by the vector store)."""
        return self.embedder.embed([entity.name for entity in plan.entities()])

    def apply(self, plan: Plan, vectors: Vectors | None = None) -> None:
        """Write `plan` everywhere; raises `StoreError` and leaves it pending on failure.
        `vectors` are the entity-name vectors of `embed`, when computed already."""
        self.graph.write(
            plan.user_id, _graph_batch(plan, self.embed(plan) if vectors is None else vectors)
        )
        for step in plan.steps:
            if isinstance(step, Purge):
                self._purge_external(plan.user_id, step)
        if self.shared:
            self._stage(plan)
            self.vectors.flush()
        with self.db.transaction() as conn:
            for step in plan.steps:
                if isinstance(step, PutVersion):
                    rowid = self.records.put(conn, step.item)
                    if step.index:
                        self.lexical.put(conn, rowid, step.item.text)
                elif isinstance(step, PutEntity):
                    self.entities.put(conn, step.entity)
                elif isinstance(step, PutEpisode):
                    self.records.put_episode(conn, step.episode)
                elif isinstance(step, RecordChange):
                    entry = step.entry
                    if not entry.batch_id:  # imported history keeps its own batch ids
                        entry = entry.model_copy(update={"batch_id": plan.batch_id})
                    self.records.add_history(conn, entry, plan.user_id)
                elif isinstance(step, Purge):
                    purged = self.records.purge(conn, plan.user_id, step.item_ids)
                    self.lexical.delete(conn, purged)
                    if step.item_ids is not None:
                        self.log.forget_items(conn, plan.user_id, set(step.item_ids))
                        self.entities.delete(conn, plan.user_id, step.entity_ids)
                    if step.item_ids is None:
                        self.entities.purge_user(conn, plan.user_id)
                        self.key_values.purge_user(conn, plan.user_id)
                        self.log.forget_user(conn, plan.user_id)
            self.log.mark_done(conn, plan.batch_id)
        if not self.shared:
            self._stage(plan)
        if any(isinstance(step, Purge) for step in plan.steps):
            self._off_the_disk()

    def rederive(self, plan: Plan) -> None:
        """Write the stores derived from the records (vectors, graph) for `plan`: how a check
        repairs a store that lost something."""
        self.graph.write(plan.user_id, _graph_batch(plan, self.embed(plan)))
        self._stage(plan)

    def _stage(self, plan: Plan) -> None:
        items = plan.indexed_items()
        keys = [version_key(item.id, item.version) for item in items]
        self.vectors.stage(plan.user_id, keys, [item.text for item in items])

    def _off_the_disk(self) -> None:
        """After a purge, no copy in the stores' files: the FTS index rebuilt, the WAL
        emptied (secure_delete zeroes freed pages), the graph's files rewritten."""
        self.lexical.rewrite()
        self.db.checkpoint()
        self.graph.compact()

    def _purge_external(self, user_id: str, step: Purge) -> None:
        if step.item_ids is None:
            self.vectors.delete(user_id, None)
            self.graph.drop(user_id)
        else:
            self.vectors.delete(user_id, list(step.vector_keys))
            self.graph.delete_facts(user_id, list(step.vector_keys))
            self.graph.delete_entities(user_id, list(step.entity_ids))


def _graph_batch(plan: Plan, names: Vectors) -> GraphBatch:
    """The graph's share of a plan: entities (with name vectors), one edge per fact version,
    episodes, mentions. Fact vectors stay in the vector store."""
    batch = GraphBatch()
    for offset, entity in enumerate(plan.entities()):
        batch.entities.append(
            EntityNode(
                id=entity.id,
                name=entity.name,
                normalized=entity.normalized,
                type=entity.type,
                summary=entity.summary,
                aliases=entity.aliases,
                merged_into=entity.merged_into,
                embedding=_floats(names[offset]),
            )
        )
    episodes: dict[str, tuple[str | None, float, tuple[str, ...]]] = {}
    for step in plan.steps:
        if isinstance(step, PutEpisode):
            episodes[step.episode.id] = (
                step.episode.session_id,
                to_epoch(step.episode.observed_at) or 0.0,
                tuple(message.id for message in step.episode.messages),
            )
        elif isinstance(step, PutVersion) and len(step.item.entity_ids) == 2:
            batch.facts.append(_edge(step.item, version_key(step.item.id, step.item.version)))
            for episode in step.item.provenance.episodes():
                batch.mentions.extend((episode, e) for e in step.item.entity_ids)
    batch.episodes = [(eid, *details) for eid, details in episodes.items()]
    return batch


def _edge(item: MemoryItem, key: str) -> FactEdge:
    assert isinstance(item.payload, SemanticFact) and item.payload.relation
    return FactEdge(
        id=key,
        item_id=item.id,
        version=item.version,
        subject_id=item.entity_ids[0],
        object_id=item.entity_ids[1],
        relation=item.payload.relation,
        fact=item.payload.summary,
        valid_at=to_epoch(item.valid_at) or 0.0,
        created_at=to_epoch(item.created_at) or 0.0,
        invalid_at=to_epoch(item.invalid_at),
        expired_at=to_epoch(item.expired_at),
        episode_ids=item.provenance.episodes(),
        message_ids=item.provenance.message_ids,
    )


def _floats(vector: np.ndarray) -> list[float]:
    return [float(v) for v in vector]
