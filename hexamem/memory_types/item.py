"""`MemoryItem`: the envelope plus a payload tagged by its memory type."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from hexamem.memory_types.base import MemoryItemBase, MemoryType, PayloadModel
from hexamem.memory_types.core import CoreBlock
from hexamem.memory_types.episodic import EpisodicEvent
from hexamem.memory_types.knowledge_vault import VaultEntry
from hexamem.memory_types.procedural import Procedure
from hexamem.memory_types.resource import Resource
from hexamem.memory_types.semantic import SemanticFact

Payload = Annotated[
    CoreBlock | EpisodicEvent | SemanticFact | Procedure | Resource | VaultEntry,
    Field(discriminator="type"),
]
"""Any memory payload; its `type` field says which."""

PAYLOAD_MODELS: dict[MemoryType, type[PayloadModel]] = {
    MemoryType.CORE: CoreBlock,
    MemoryType.EPISODIC: EpisodicEvent,
    MemoryType.SEMANTIC: SemanticFact,
    MemoryType.PROCEDURAL: Procedure,
    MemoryType.RESOURCE: Resource,
    MemoryType.KNOWLEDGE_VAULT: VaultEntry,
}


class MemoryItem(MemoryItemBase):
    """One version of one memory."""

    payload: Payload = Field(description="The typed content.")

    @property
    def type(self) -> MemoryType:
        """The memory type, read from the payload's tag."""
        return self.payload.type

    def redacted(self) -> MemoryItem:
        """The same version with any secret replaced by a marker."""
        safe = self.payload.redacted()
        return self if safe is self.payload else self.model_copy(update={"payload": safe})
