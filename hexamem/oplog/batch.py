"""One plan being built: the working view of the memories a batch has touched so far.

Each op kind has one method here; every check raises before anything is
written, and the steps and outcomes collected are the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from hexamem.errors import InvalidInput, NotFound
from hexamem.memory_types import (
    PAYLOAD_MODELS,
    REDACTED,
    UNKNOWN_START,
    Add,
    AddEntity,
    Delete,
    Forget,
    MemoryItem,
    MemoryType,
    MergeEntities,
    Noop,
    Op,
    Provenance,
    Reassert,
    SemanticFact,
    Update,
    VaultEntry,
)
from hexamem.memory_types.core import CoreBlock
from hexamem.memory_types.ids import new_id
from hexamem.oplog.bulk import purge_of
from hexamem.oplog.facts import FactPlanner
from hexamem.oplog.intervals import closed, ended
from hexamem.oplog.plan import PutVersion, RecordChange, Step
from hexamem.results import HistoryEntry, OpOutcome, OutcomeKind
from hexamem.stores.records import RecordStore


class Batch:
    """Working state of one plan being built."""

    def __init__(
        self,
        records: RecordStore,
        *,
        user_id: str,
        at: datetime,
        actor: str | None,
        unseal: Callable[[str], str] = str,
    ):
        self.records, self.user_id, self.at, self.actor = records, user_id, at, actor
        self._unseal = unseal
        self.steps: list[Step] = []
        self.outcomes: list[OpOutcome] = []
        self._latest: dict[str, MemoryItem] = {}
        self._forgotten: set[str] = set()
        self._core_labels: dict[str, str] | None = None
        self.facts: FactPlanner

    def take(self, op: Op) -> Op:
        if isinstance(op, Add):
            return self._add(op)
        if isinstance(op, AddEntity):
            entity = self.facts.add_entity(op)
            self._outcome("ADD_ENTITY", op, entity.id, None)
        elif isinstance(op, MergeEntities):
            self.facts.merge(op)
            self._outcome("MERGE_ENTITIES", op, op.into_id, None)
        elif isinstance(op, Update):
            self._update(op)
        elif isinstance(op, Delete):
            self._delete(op)
        elif isinstance(op, Reassert):
            current = self._live_target(op.target_id, op.memory_type)
            self._reassert(op, current.id)
        elif isinstance(op, Forget):
            self._forget(op)
        elif isinstance(op, Noop):
            self._noop(op)
        return op

    # -- one method per op kind ----------------------------------------------------------

    def _add(self, op: Add) -> Add:
        item_id = op.id or new_id("mem")
        if item_id in self._latest or self.records.latest(item_id) is not None:
            raise InvalidInput(f"a memory with id {item_id!r} already exists")
        if isinstance(op.payload, CoreBlock):
            self._claim_core_label(op.payload.label, item_id)
        if isinstance(op.payload, VaultEntry) and op.payload.secret_value == REDACTED:
            raise InvalidInput("a vault entry's secret cannot be the redaction marker")
        endpoints: tuple[str, ...] = ()
        if isinstance(op.payload, SemanticFact) and op.payload.is_fact:
            pair = self.facts.endpoints(op.payload)
            same = self.facts.same_fact(op.payload, pair, self._latest)
            if same is not None and op.invalid_at is None:
                self._reassert(op, same)
                return op
            if same is not None and op.invalid_at is not None:
                # "I used to live in Leeds" while Leeds is current: no longer
                self._invalidate(op, self._owned(same), ends_at=op.invalid_at, stated=True)
                return op
            endpoints = pair
        stated = op.valid_at is not None or op.payload.world_time() is not None
        if op.invalid_at is not None:  # told as past: closed from the start, closes nothing
            valid_at = op.valid_at or op.payload.world_time() or UNKNOWN_START
            invalid_at: datetime | None = op.invalid_at
        else:
            valid_at = op.valid_at or op.payload.world_time() or self.at
            invalid_at = self._supersede(op, valid_at, stated)
        item = MemoryItem(
            id=item_id,
            user_id=self.user_id,
            agent_id=op.agent_id,
            text=op.payload.index_text(),
            provenance=Provenance(episode_id=op.source_episode, message_ids=op.message_ids),
            created_at=self.at,
            updated_at=self.at,
            valid_at=valid_at,
            valid_at_stated=stated,
            invalid_at=invalid_at,
            version=1,
            payload=op.payload,
            entity_ids=endpoints,
        )
        self._put(item)
        self._change(op, item_id, None, 1, op.source_episode)
        self._outcome("ADD", op, item_id, 1)
        return op if op.id else op.model_copy(update={"id": item_id})

    def _reassert(self, op: Add | Reassert, item_id: str) -> None:
        """The same fact again: keep one memory, remember the new episode."""
        current = self._owned(item_id)
        episodes = current.provenance.episodes()
        if op.source_episode and op.source_episode not in episodes:
            provenance = current.provenance.model_copy(
                update={
                    "reasserted_in": (*current.provenance.reasserted_in, op.source_episode),
                }
            )
            self._put(current.model_copy(update={"provenance": provenance}), index=False)
        self._change(
            op, item_id, current.version, current.version, op.source_episode, kind="REASSERT"
        )
        self._outcome("REASSERT", op, item_id, current.version, "the same fact, stated again")

    def _supersede(self, op: Add, valid_at: datetime, stated: bool) -> datetime | None:
        """Close what the new memory contradicts; returns the new one's end, if it has one.

        The latest word wins, except against a start that was said: a change dated
        before another one's stated start is an earlier chapter, told late, and ends
        where that one begins.
        """
        ends: list[datetime] = []
        for target in op.supersedes:
            old = self._live_target(target, op.memory_type)
            if old.valid_at > valid_at and old.valid_at_stated and stated:
                ends.append(old.valid_at)
                continue
            self._invalidate(op, old, ends_at=valid_at, stated=stated)
        return min(ends) if ends else None

    def _invalidate(self, op: Op, old: MemoryItem, *, ends_at: datetime, stated: bool) -> None:
        self._put(ended(old, ends_at, change_stated=stated, at=self.at), index=False)
        self._change(op, old.id, old.version, None, op.source_episode, kind="INVALIDATE")
        self._outcome("INVALIDATE", op, old.id, old.version, f"superseded: {op.reason}")

    def _update(self, op: Update) -> None:
        old = self._live_target(op.target_id, op.memory_type)
        changes = dict(op.payload)
        if isinstance(old.payload, VaultEntry) and changes.get("secret_value") in (
            REDACTED,  # the marker the writer was shown, echoed back: the secret is unchanged
            self._unseal(old.payload.secret_value),
        ):
            del changes["secret_value"]
        merged = _merge_payload(old, changes)
        if merged == old.payload:
            self._outcome("NOOP", op, old.id, old.version, "update changes nothing")
            return
        if isinstance(merged, CoreBlock):
            self._claim_core_label(merged.label, old.id)
        endpoints: tuple[str, ...] = ()
        if isinstance(merged, SemanticFact) and merged.is_fact:
            endpoints = self.facts.endpoints(merged)
        stated = op.valid_at is not None or merged.world_time() is not None
        starts = op.valid_at or merged.world_time() or self.at
        self._put(ended(old, starts, change_stated=stated, at=self.at), index=False)
        new = old.model_copy(
            update={
                "payload": merged,
                "text": merged.index_text(),
                "version": old.version + 1,
                "entity_ids": endpoints,
                "updated_at": self.at,
                "valid_at": starts,
                "valid_at_stated": stated,
                "invalid_at": None,
                "expired_at": None,
                "provenance": Provenance(episode_id=op.source_episode)
                if op.source_episode
                else old.provenance,
            }
        )
        self._put(new)
        self._change(op, old.id, old.version, new.version, op.source_episode)
        self._outcome("UPDATE", op, old.id, new.version)

    def _delete(self, op: Delete) -> None:
        old = self._live_target(op.target_id, op.memory_type)
        if isinstance(old.payload, CoreBlock) and self._core_labels is not None:
            self._core_labels.pop(old.payload.label, None)
        self._put(closed(old, invalid_from=op.valid_at or self.at, at=self.at), index=False)
        self._change(op, old.id, old.version, None, op.source_episode)
        self._outcome("DELETE", op, old.id, old.version)

    def _forget(self, op: Forget) -> None:
        """Purge every version; nothing later in the batch may touch the memory."""
        if op.target_id in self._latest:
            raise InvalidInput(f"memory {op.target_id!r} was changed earlier in this batch")
        old = self._owned(op.target_id)
        if old.type != op.memory_type:
            raise InvalidInput(f"memory {old.id!r} is {old.type.value}, not {op.memory_type.value}")
        if isinstance(old.payload, CoreBlock) and self._core_labels is not None:
            self._core_labels.pop(old.payload.label, None)
        self.steps.append(purge_of(self.records, self.facts.store, self.user_id, old.id))
        self._forgotten.add(old.id)
        self._outcome("FORGET", op, old.id, old.version)

    def _noop(self, op: Noop) -> None:
        version = None
        if op.target_id is not None:
            version = self._owned(op.target_id).version
        self._outcome("NOOP", op, op.target_id, version)

    # -- helpers ---------------------------------------------------------------------------

    def _outcome(
        self,
        kind: OutcomeKind,
        op: Op,
        item_id: str | None,
        version: int | None,
        reason: str | None = None,
    ) -> None:
        self.outcomes.append(
            OpOutcome(
                kind=kind,
                memory_type=op.memory_type,
                id=item_id,
                version=version,
                reason=op.reason if reason is None else reason,
            )
        )

    def _owned(self, item_id: str) -> MemoryItem:
        """Latest version of a memory of this user; any other case is NotFound."""
        item = self._latest.get(item_id) or self.records.latest(item_id)
        if item is None or item.user_id != self.user_id or item_id in self._forgotten:
            raise NotFound(f"no memory {item_id!r} for user {self.user_id!r}")
        return item

    def _live_target(self, item_id: str, memory_type: MemoryType) -> MemoryItem:
        item = self._owned(item_id)
        if item.type != memory_type:
            raise InvalidInput(f"memory {item_id!r} is {item.type.value}, not {memory_type.value}")
        if item.expired_at is not None:
            raise InvalidInput(f"memory {item_id!r} was deleted; add a new one instead")
        return item

    def _put(self, item: MemoryItem, *, index: bool = True) -> None:
        self._latest[item.id] = item
        self.steps.append(PutVersion(item=item, index=index))

    def _change(
        self,
        op: Op,
        item_id: str,
        old: int | None,
        new: int | None,
        episode: str | None,
        *,
        kind: str | None = None,
    ) -> None:
        self.steps.append(
            RecordChange(
                entry=HistoryEntry(
                    item_id=item_id,
                    op=kind or op.kind,
                    from_version=old,
                    to_version=new,
                    at=self.at,
                    episode_id=episode,
                    actor=self.actor,
                    reason=op.reason,
                )
            )
        )

    def _claim_core_label(self, label: str, item_id: str) -> None:
        """One live core block per label and user."""
        if self._core_labels is None:
            self._core_labels = {
                item.payload.label: item.id
                for item in self.records.current_core(self.user_id)
                if isinstance(item.payload, CoreBlock)
            }
        holder = self._core_labels.get(label)
        if holder is not None and holder != item_id:
            raise InvalidInput(f"core block {label!r} exists as {holder!r}; UPDATE it instead")
        self._core_labels[label] = item_id


def _merge_payload(old: MemoryItem, changes: dict[str, Any]) -> Any:
    model = PAYLOAD_MODELS[old.type]
    try:
        return model.model_validate({**old.payload.model_dump(), **changes})
    except ValidationError as exc:
        raise InvalidInput(f"update of {old.id!r} does not validate: {exc}") from exc
