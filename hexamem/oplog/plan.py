"""A batch resolved into concrete, replayable writes.

The planner turns ops into steps with every id, version and time fixed, and the
plan is what the log stores: replaying it writes exactly the same rows and
vector keys again, so a replay after a crash is an idempotent upsert.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from hexamem.entities import Entity
from hexamem.memory_types import Episode, MemoryItem, Op
from hexamem.results import HistoryEntry, OpOutcome


class _Step(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PutVersion(_Step):
    """Write one version; `index` is False when only its dates changed (closing it)."""

    step: Literal["put"] = "put"
    item: MemoryItem
    index: bool = True


class PutEntity(_Step):
    """Create or change an entity (name, aliases, merge)."""

    step: Literal["entity"] = "entity"
    entity: Entity


class PutEpisode(_Step):
    step: Literal["episode"] = "episode"
    episode: Episode


class RecordChange(_Step):
    step: Literal["history"] = "history"
    entry: HistoryEntry


class Purge(_Step):
    """Remove memories for good: `item_ids`, or everything of the user when None."""

    step: Literal["purge"] = "purge"
    item_ids: tuple[str, ...] | None
    vector_keys: tuple[str, ...] = ()
    #: Entities that only these memories named: they go too (a name is a derived copy).
    entity_ids: tuple[str, ...] = ()


Step = Annotated[
    PutVersion | PutEntity | PutEpisode | RecordChange | Purge, Field(discriminator="step")
]


class Plan(BaseModel):
    """The unit the op log writes ahead and the applier replays."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    batch_id: str
    user_id: str
    at: AwareDatetime = Field(description="Observation time of the batch.")
    ops: list[Op] = Field(default_factory=list, description="The ops, with assigned ids.")
    steps: list[Step] = Field(default_factory=list)
    outcomes: list[OpOutcome] = Field(default_factory=list)

    def indexed_items(self) -> list[MemoryItem]:
        """Versions whose text enters the vector and lexical indexes."""
        return [s.item for s in self.steps if isinstance(s, PutVersion) and s.index]

    def entities(self) -> list[Entity]:
        """Entities the plan creates or changes (their names are embedded)."""
        return [s.entity for s in self.steps if isinstance(s, PutEntity)]
