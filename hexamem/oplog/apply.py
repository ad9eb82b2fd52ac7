"""Plans in, stores written: the vector store first, then one SQLite transaction.

Every write is an upsert on a key fixed by the plan, so applying a plan twice
(after a crash between the log write and the stores) lands in the same state.
The SQLite transaction also marks the batch done; until then it stays pending.
"""

from __future__ import annotations

from hexamem.memory_types import version_key
from hexamem.oplog.log import OpLog
from hexamem.oplog.plan import Plan, Purge, PutEpisode, PutVersion, RecordChange
from hexamem.stores.embedder import Embedder, Vectors
from hexamem.stores.lexical import LexicalIndex
from hexamem.stores.records import RecordStore
from hexamem.stores.sqlite import Database
from hexamem.stores.vector import VectorStore


class Applier:
    """Writes plans to every store."""

    def __init__(
        self,
        db: Database,
        log: OpLog,
        records: RecordStore,
        lexical: LexicalIndex,
        vectors: VectorStore,
        embedder: Embedder,
    ) -> None:
        self._db, self._log, self._records = db, log, records
        self._lexical, self._vectors, self._embedder = lexical, vectors, embedder

    def embed(self, plan: Plan) -> Vectors:
        """Vectors for the plan's indexed versions, in `Plan.indexed_items` order."""
        return self._embedder.embed([item.text for item in plan.indexed_items()])

    def apply(self, plan: Plan, vectors: Vectors | None = None) -> None:
        """Write `plan` everywhere; raises `StoreError` and leaves it pending on failure."""
        items = plan.indexed_items()
        if items:
            embedded = self.embed(plan) if vectors is None else vectors
            keys = [version_key(item.id, item.version) for item in items]
            self._vectors.upsert(plan.user_id, keys, embedded)
        for step in plan.steps:
            if isinstance(step, Purge):
                self._vectors.delete(
                    plan.user_id, list(step.vector_keys) if step.item_ids else None
                )
        with self._db.transaction() as conn:
            for step in plan.steps:
                if isinstance(step, PutVersion):
                    rowid = self._records.put(conn, step.item)
                    if step.index:
                        self._lexical.put(conn, rowid, step.item.text)
                elif isinstance(step, PutEpisode):
                    self._records.put_episode(conn, step.episode)
                elif isinstance(step, RecordChange):
                    entry = step.entry
                    if not entry.batch_id:  # imported history keeps its own batch ids
                        entry = entry.model_copy(update={"batch_id": plan.batch_id})
                    self._records.add_history(conn, entry, plan.user_id)
                elif isinstance(step, Purge):
                    purged = self._records.purge(conn, plan.user_id, step.item_ids)
                    self._lexical.delete(conn, purged)
                    if step.item_ids is None:
                        self._log.forget_user(conn, plan.user_id)
            self._log.mark_done(conn, plan.batch_id)
