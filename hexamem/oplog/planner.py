"""Ops in, a `Plan` out: every check happens here, before anything is written.

The planner reads the record store, keeps a working view of the memories the
batch has touched so far (so ADD then UPDATE in one batch works), and either
returns a complete plan or raises; a failed batch leaves no trace.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from hexamem.entities import EntityResolver
from hexamem.errors import InvalidInput, NotFound
from hexamem.memory_types import Episode, Op
from hexamem.memory_types.ids import new_id
from hexamem.memory_types.storable import check_storable
from hexamem.oplog.batch import Batch
from hexamem.oplog.bulk import plan_forget, plan_import
from hexamem.oplog.facts import FactPlanner
from hexamem.oplog.plan import Plan, Purge, PutEntity, PutEpisode, PutVersion, Step
from hexamem.stores.entities import EntityStore
from hexamem.stores.graph.base import GraphStore
from hexamem.stores.records import RecordStore
from hexamem.transfer.archive import UserArchive


class Planner:
    """Validates ops for one user and resolves them into replayable steps."""

    def __init__(
        self,
        records: RecordStore,
        entities: EntityStore,
        resolver: EntityResolver,
        graph: GraphStore,
        unseal: Callable[[str], str] = str,
    ) -> None:
        self._records, self._entities, self._resolver, self._graph = (
            records,
            entities,
            resolver,
            graph,
        )
        self._unseal = unseal  # a stored vault value in plaintext, to compare with

    def plan(
        self,
        ops: Sequence[Op],
        *,
        user_id: str,
        at: datetime,
        actor: str | None = None,
        episode: Episode | None = None,
    ) -> Plan:
        batch = Batch(self._records, user_id=user_id, at=at, actor=actor, unseal=self._unseal)
        batch.facts = FactPlanner(
            user_id=user_id,
            at=at,
            steps=batch.steps,
            store=self._entities,
            resolver=self._resolver,
            graph=self._graph,
        )
        if episode is not None:  # one already stored never gets here (`Writer` returns first)
            batch.steps.append(PutEpisode(episode=episode))
        resolved: list[Op] = []
        for index, op in enumerate(ops):
            try:
                check_storable(op, "a value")
                resolved.append(batch.take(op))
            except InvalidInput as exc:
                what = f"op {index} ({op.kind} {op.memory_type.value})"
                raise InvalidInput(f"{what}: {exc}", op_index=index) from exc
            except NotFound as exc:
                raise NotFound(str(exc), op_index=index) from exc
        plan = Plan(
            batch_id=new_id("batch"),
            user_id=user_id,
            at=at,
            ops=resolved,
            steps=_keep_used_entities(batch.steps),
            outcomes=batch.outcomes,
        )
        check_storable(plan.steps, "the batch")  # what ops derived (entities, history) too
        return plan

    def episode_exists(self, episode_id: str) -> bool:
        return self._records.episode_exists(episode_id)

    def plan_import(self, archive: UserArchive, *, at: datetime) -> Plan:
        """Every version of an export, indexed again; refused if any id is taken."""
        return plan_import(self._records, self._entities, archive, at=at)

    def plan_forget(self, *, user_id: str, item_id: str | None, at: datetime) -> Plan:
        """Purge one memory (every version) or, with no id, everything of the user."""
        return plan_forget(self._records, self._entities, user_id=user_id, item_id=item_id, at=at)


def _keep_used_entities(steps: list[Step]) -> list[Step]:
    """A forget in a batch drops the entities only the forgotten memory named, unless
    another step of the same batch names them (a new fact, an entity change)."""
    used = {e for s in steps if isinstance(s, PutVersion) for e in s.item.entity_ids}
    used |= {s.entity.id for s in steps if isinstance(s, PutEntity)}
    used |= {
        s.entity.merged_into for s in steps if isinstance(s, PutEntity) and s.entity.merged_into
    }
    return [
        s.model_copy(update={"entity_ids": tuple(e for e in s.entity_ids if e not in used)})
        if isinstance(s, Purge) and s.entity_ids
        else s
        for s in steps
    ]
