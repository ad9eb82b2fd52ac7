"""What `Memory` returns besides memories themselves: batch outcomes and timelines."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from hexamem.memory_types import MemoryItem
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


class TimelineEntry(BaseModel):
    """One version of one fact about an entity, and whether it holds now."""

    model_config = ConfigDict(frozen=True)

    item: MemoryItem
    current: bool = Field(description="Not superseded, and not ended in the world.")
