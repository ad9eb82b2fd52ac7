"""Ops in, a `Plan` out: every check happens here, before anything is written.

The planner reads the record store, keeps a working view of the memories the
batch has touched so far (so ADD then UPDATE in one batch works), and either
returns a complete plan or raises; a failed batch leaves no trace.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from hexamem.errors import InvalidInput, NotFound
from hexamem.memory_types import (
    PAYLOAD_MODELS,
    Add,
    Delete,
    MemoryItem,
    MemoryType,
    Noop,
    Op,
    Provenance,
    Update,
    version_key,
)
from hexamem.memory_types.core import CoreBlock
from hexamem.oplog.plan import (
    OpOutcome,
    OutcomeKind,
    Plan,
    Purge,
    PutEpisode,
    PutVersion,
    RecordChange,
    Step,
)
from hexamem.portability import UserArchive
from hexamem.stores.records import Episode, HistoryEntry, RecordStore


def new_id(prefix: str) -> str:
    """A fresh random id such as ``mem_3f2a...``."""
    return f"{prefix}_{uuid.uuid4().hex[:24]}"


class Planner:
    """Validates ops for one user and resolves them into replayable steps."""

    def __init__(self, records: RecordStore) -> None:
        self._records = records

    def plan(
        self,
        ops: Sequence[Op],
        *,
        user_id: str,
        at: datetime,
        actor: str | None = None,
        episode: Episode | None = None,
    ) -> Plan:
        batch = _Batch(self._records, user_id=user_id, at=at, actor=actor)
        if episode is not None:
            if self._records.episode_exists(episode.id):
                raise InvalidInput(f"episode {episode.id!r} was already added")
            batch.steps.append(PutEpisode(episode=episode))
        resolved: list[Op] = []
        for index, op in enumerate(ops):
            try:
                resolved.append(batch.take(op))
            except InvalidInput as exc:
                raise InvalidInput(f"op {index} ({op.kind} {op.memory_type.value}): {exc}") from exc
        return Plan(
            batch_id=new_id("batch"),
            user_id=user_id,
            at=at,
            ops=resolved,
            steps=batch.steps,
            outcomes=batch.outcomes,
        )

    def plan_import(self, archive: UserArchive, *, at: datetime) -> Plan:
        """Every version of an export, indexed again; refused if any id is taken."""
        for item in archive.items:
            if self._records.latest(item.id) is not None:
                raise InvalidInput(f"import: memory {item.id!r} already exists; forget it first")
        for episode in archive.episodes:
            if self._records.episode_exists(episode.id):
                raise InvalidInput(f"import: episode {episode.id!r} already exists")
        steps: list[Step] = [PutEpisode(episode=e) for e in archive.episodes]
        steps += [PutVersion(item=item) for item in archive.items]
        steps += [RecordChange(entry=entry) for entry in archive.history]
        outcomes = [
            OpOutcome(
                kind="ADD",
                memory_type=item.type,
                id=item.id,
                version=item.version,
                reason="imported",
            )
            for item in archive.items
        ]
        return Plan(
            batch_id=new_id("batch"), user_id=archive.user_id, at=at, steps=steps, outcomes=outcomes
        )

    def plan_forget(self, *, user_id: str, item_id: str | None, at: datetime) -> Plan:
        """Purge one memory (every version) or, with no id, everything of the user."""
        if item_id is None:
            return Plan(
                batch_id=new_id("batch"), user_id=user_id, at=at, steps=[Purge(item_ids=None)]
            )
        versions = self._records.versions(item_id)
        if not versions or versions[0].user_id != user_id:
            raise NotFound(f"no memory {item_id!r} for user {user_id!r}")
        keys = tuple(version_key(v.id, v.version) for v in versions)
        return Plan(
            batch_id=new_id("batch"),
            user_id=user_id,
            at=at,
            steps=[Purge(item_ids=(item_id,), vector_keys=keys)],
            outcomes=[
                OpOutcome(
                    kind="DELETE",
                    memory_type=versions[-1].type,
                    id=item_id,
                    version=versions[-1].version,
                    reason="forgotten (purged)",
                )
            ],
        )


class _Batch:
    """Working state of one plan being built."""

    def __init__(self, records: RecordStore, *, user_id: str, at: datetime, actor: str | None):
        self.records, self.user_id, self.at, self.actor = records, user_id, at, actor
        self.steps: list[Step] = []
        self.outcomes: list[OpOutcome] = []
        self._latest: dict[str, MemoryItem] = {}
        self._core_labels: dict[str, str] | None = None

    def take(self, op: Op) -> Op:
        if isinstance(op, Add):
            return self._add(op)
        if isinstance(op, Update):
            self._update(op)
        elif isinstance(op, Delete):
            self._delete(op)
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
        item = MemoryItem(
            id=item_id,
            user_id=self.user_id,
            agent_id=op.agent_id,
            text=op.payload.index_text(),
            provenance=Provenance(episode_id=op.source_episode, message_ids=op.message_ids),
            created_at=self.at,
            updated_at=self.at,
            valid_at=op.valid_at or op.payload.world_time() or self.at,
            version=1,
            payload=op.payload,
        )
        self._put(item)
        self._change(op, item_id, None, 1, op.source_episode)
        self._outcome("ADD", op, item_id, 1)
        return op if op.id else op.model_copy(update={"id": item_id})

    def _update(self, op: Update) -> None:
        old = self._live_target(op.target_id, op.memory_type)
        merged = _merge_payload(old, op.payload)
        if merged == old.payload:
            self._outcome("NOOP", op, old.id, old.version, "update changes nothing")
            return
        if isinstance(merged, CoreBlock):
            self._claim_core_label(merged.label, old.id)
        starts = op.valid_at or merged.world_time() or self.at
        self._put(self._closed(old, invalid_from=starts), index=False)
        new = old.model_copy(
            update={
                "payload": merged,
                "text": merged.index_text(),
                "version": old.version + 1,
                "updated_at": self.at,
                "valid_at": starts,
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
        self._put(self._closed(old, invalid_from=op.valid_at or self.at), index=False)
        self._change(op, old.id, old.version, None, op.source_episode)
        self._outcome("DELETE", op, old.id, old.version)

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
        if item is None or item.user_id != self.user_id:
            raise NotFound(f"no memory {item_id!r} for user {self.user_id!r}")
        return item

    def _live_target(self, item_id: str, memory_type: MemoryType) -> MemoryItem:
        item = self._owned(item_id)
        if item.type != memory_type:
            raise InvalidInput(f"memory {item_id!r} is {item.type.value}, not {memory_type.value}")
        if item.expired_at is not None:
            raise InvalidInput(f"memory {item_id!r} was deleted; add a new one instead")
        return item

    def _closed(self, item: MemoryItem, *, invalid_from: datetime) -> MemoryItem:
        # A new value dated before the old one started means the old one was never
        # true (a correction): its interval becomes empty rather than negative.
        return item.model_copy(
            update={"invalid_at": max(item.valid_at, invalid_from), "expired_at": self.at}
        )

    def _put(self, item: MemoryItem, *, index: bool = True) -> None:
        self._latest[item.id] = item
        self.steps.append(PutVersion(item=item, index=index))

    def _change(self, op: Op, item_id: str, old: int | None, new: int | None, episode: str | None):
        self.steps.append(
            RecordChange(
                entry=HistoryEntry(
                    item_id=item_id,
                    op=op.kind,
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
