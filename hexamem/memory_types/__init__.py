"""The domain: six memory types, their shared envelope, the ops that change them, episodes."""

from hexamem.memory_types.base import (
    UNKNOWN_START,
    MemoryType,
    Provenance,
    parse_version_key,
    version_key,
)
from hexamem.memory_types.core import CoreBlock
from hexamem.memory_types.episode import Episode, Message
from hexamem.memory_types.episodic import EpisodicEvent
from hexamem.memory_types.item import PAYLOAD_MODELS, MemoryItem, Payload
from hexamem.memory_types.knowledge_vault import REDACTED, VaultEntry
from hexamem.memory_types.ops import (
    OPS_ADAPTER,
    Add,
    AddEntity,
    Delete,
    Forget,
    MergeEntities,
    Noop,
    Op,
    Reassert,
    Update,
)
from hexamem.memory_types.procedural import Procedure
from hexamem.memory_types.resource import Resource
from hexamem.memory_types.semantic import SemanticFact

__all__ = [
    "OPS_ADAPTER",
    "PAYLOAD_MODELS",
    "REDACTED",
    "Add",
    "AddEntity",
    "CoreBlock",
    "Delete",
    "Episode",
    "EpisodicEvent",
    "Forget",
    "MemoryItem",
    "MemoryType",
    "Message",
    "MergeEntities",
    "Noop",
    "Op",
    "Payload",
    "Procedure",
    "Provenance",
    "Reassert",
    "Resource",
    "SemanticFact",
    "UNKNOWN_START",
    "Update",
    "VaultEntry",
    "parse_version_key",
    "version_key",
]
