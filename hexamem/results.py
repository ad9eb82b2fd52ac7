"""What `Memory` returns besides memories themselves: batch outcomes, timelines, stats."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from hexamem.memory_types import MemoryItem, MemoryType
from hexamem.oplog import OpOutcome


class BatchResult(BaseModel):
    """What a write did: one outcome per op, in order."""

    model_config = ConfigDict(frozen=True)

    batch_id: str | None = Field(description="Op-log batch; None when nothing was written.")
    episode_id: str | None = Field(default=None, description="Episode stored by `add`.")
    outcomes: list[OpOutcome] = Field(default_factory=list)
    pending_messages: int = Field(
        default=0, description="Messages of the session still waiting for a full batch."
    )

    @property
    def ids(self) -> list[str]:
        """Ids of the memories the batch touched, in op order."""
        return [o.id for o in self.outcomes if o.id is not None]


class TypeCount(BaseModel):
    current: int = Field(description="Memories of this type that hold now.")
    versions: int = Field(description="Every version kept, closed ones included.")


class MemoryStats(BaseModel):
    """What one user's memory holds, and what building it has cost."""

    user_id: str
    types: dict[MemoryType, TypeCount]
    episodes: int
    entities: int = Field(description="Entities in the knowledge graph.")
    facts: int = Field(description="Fact edges in the knowledge graph, every version.")
    llm_calls: int
    input_tokens: int
    output_tokens: int


class TimelineEntry(BaseModel):
    """One version of one fact about an entity, and whether it holds now."""

    model_config = ConfigDict(frozen=True)

    item: MemoryItem
    current: bool = Field(description="Not superseded, and not ended in the world.")
