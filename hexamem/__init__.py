"""hexamem: long-term memory for LLM agents.

Start with `Memory.open()`; everything a caller needs is importable from here.
"""

from hexamem.errors import (
    CallerError,
    ConfigurationError,
    EmbeddingError,
    HexamemError,
    InvalidInput,
    ModelOutputError,
    ModelUnavailable,
    NotFound,
    RunError,
    StoreError,
)
from hexamem.memory import AsyncMemory, Memory
from hexamem.memory_types import (
    Add,
    CoreBlock,
    Delete,
    EpisodicEvent,
    MemoryItem,
    MemoryType,
    Noop,
    Op,
    Procedure,
    Resource,
    SemanticFact,
    Update,
    VaultEntry,
)
from hexamem.results import (
    AnswerResult,
    BatchResult,
    HistoryEntry,
    MemoryStats,
    SearchResult,
    TimelineEntry,
    UsageRecord,
)
from hexamem.settings import Settings

__all__ = [
    "MemoryStats",
    "AnswerResult",
    "UsageRecord",
    "Add",
    "AsyncMemory",
    "BatchResult",
    "CallerError",
    "ConfigurationError",
    "CoreBlock",
    "Delete",
    "EmbeddingError",
    "EpisodicEvent",
    "HexamemError",
    "HistoryEntry",
    "InvalidInput",
    "Memory",
    "MemoryItem",
    "MemoryType",
    "ModelOutputError",
    "ModelUnavailable",
    "Noop",
    "NotFound",
    "Op",
    "Procedure",
    "Resource",
    "RunError",
    "SearchResult",
    "SemanticFact",
    "Settings",
    "StoreError",
    "TimelineEntry",
    "Update",
    "VaultEntry",
]
