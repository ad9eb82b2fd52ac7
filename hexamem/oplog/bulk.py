"""Whole-user plans: importing an export, and purging (forget) one memory or a user."""

from __future__ import annotations

from datetime import datetime

from hexamem.errors import InvalidInput, NotFound
from hexamem.memory_types import version_key
from hexamem.memory_types.ids import new_id
from hexamem.oplog.plan import Plan, Purge, PutEntity, PutEpisode, PutVersion, RecordChange, Step
from hexamem.results import OpOutcome
from hexamem.stores.entities import EntityStore
from hexamem.stores.records import RecordStore
from hexamem.transfer.archive import UserArchive


def plan_import(
    records: RecordStore, entities: EntityStore, archive: UserArchive, *, at: datetime
) -> Plan:
    """Every version of an export, indexed again; refused if any id is taken."""
    for item in archive.items:
        if records.latest(item.id) is not None:
            raise InvalidInput(f"import: memory {item.id!r} already exists; forget it first")
    for episode in archive.episodes:
        if records.episode_exists(episode.id):
            raise InvalidInput(f"import: episode {episode.id!r} already exists")
    for entity in archive.entities:
        if entities.get(entity.id) is not None:
            raise InvalidInput(f"import: entity {entity.id!r} already exists")
    steps: list[Step] = [PutEpisode(episode=e) for e in archive.episodes]
    steps += [PutEntity(entity=e) for e in archive.entities]
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


def purge_of(records: RecordStore, entities: EntityStore, user_id: str, item_id: str) -> Purge:
    """The purge of one memory: every version's vector, and the entities only it named."""
    versions = records.versions(item_id)
    named = sorted({e for v in versions for e in v.entity_ids})
    return Purge(
        item_ids=(item_id,),
        vector_keys=tuple(version_key(v.id, v.version) for v in versions),
        entity_ids=tuple(
            e
            for e in named
            if not records.names_entity(user_id, e, besides=item_id)
            and not entities.is_merge_target(e)
        ),
    )


def plan_forget(
    records: RecordStore,
    entities: EntityStore,
    *,
    user_id: str,
    item_id: str | None,
    at: datetime,
) -> Plan:
    """Purge one memory (every version) or, with no id, everything of the user."""
    if item_id is None:
        return Plan(batch_id=new_id("batch"), user_id=user_id, at=at, steps=[Purge(item_ids=None)])
    versions = records.versions(item_id)
    if not versions or versions[0].user_id != user_id:
        raise NotFound(f"no memory {item_id!r} for user {user_id!r}")
    return Plan(
        batch_id=new_id("batch"),
        user_id=user_id,
        at=at,
        steps=[purge_of(records, entities, user_id, item_id)],
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
