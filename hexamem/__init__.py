"""hexamem: long-term memory for LLM agents.

Start with `Memory.open()`; everything a caller needs is importable from here.
"""

from hexamem.agents import AnswerResult
from hexamem.async_memory import AsyncMemory
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
from hexamem.memory import Memory
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
from hexamem.results import BatchResult, MemoryStats, TimelineEntry
from hexamem.retrieval import SearchResult
from hexamem.settings import Settings
from hexamem.stores.records import HistoryEntry
from hexamem.stores.usage import UsageRecord

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
