"""hexamem: long-term memory for LLM agents.

Start with `Memory.open()`; everything a caller needs is importable from here.
The errors are light and imported at once; every other name is imported from its
module on first use, so `import hexamem` (and the `hexamem` command, which lives
inside the package) does not pay for pydantic models, stores or agents it may
never touch.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from hexamem.errors import (
    CallerError,
    ConfigurationError,
    EmbeddingError,
    HexamemError,
    InvalidInput,
    ModelOutputError,
    ModelUnavailable,
    NotFound,
    PendingWrite,
    RunError,
    StoreError,
)

if TYPE_CHECKING:
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
        QuarantinedBatch,
        SearchResult,
        TimelineEntry,
        UsageRecord,
    )
    from hexamem.settings import Settings

_EXPORTS = {
    "Add": "hexamem.memory_types",
    "AnswerResult": "hexamem.results",
    "AsyncMemory": "hexamem.memory",
    "BatchResult": "hexamem.results",
    "CoreBlock": "hexamem.memory_types",
    "Delete": "hexamem.memory_types",
    "EpisodicEvent": "hexamem.memory_types",
    "HistoryEntry": "hexamem.results",
    "Memory": "hexamem.memory",
    "MemoryItem": "hexamem.memory_types",
    "MemoryStats": "hexamem.results",
    "QuarantinedBatch": "hexamem.results",
    "MemoryType": "hexamem.memory_types",
    "Noop": "hexamem.memory_types",
    "Op": "hexamem.memory_types",
    "Procedure": "hexamem.memory_types",
    "Resource": "hexamem.memory_types",
    "SearchResult": "hexamem.results",
    "SemanticFact": "hexamem.memory_types",
    "Settings": "hexamem.settings",
    "TimelineEntry": "hexamem.results",
    "Update": "hexamem.memory_types",
    "UsageRecord": "hexamem.results",
    "VaultEntry": "hexamem.memory_types",
}
__all__ = [
    "Add",
    "AnswerResult",
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
    "MemoryStats",
    "MemoryType",
    "ModelOutputError",
    "ModelUnavailable",
    "Noop",
    "NotFound",
    "Op",
    "PendingWrite",
    "Procedure",
    "QuarantinedBatch",
    "Resource",
    "RunError",
    "SearchResult",
    "SemanticFact",
    "Settings",
    "StoreError",
    "TimelineEntry",
    "Update",
    "UsageRecord",
    "VaultEntry",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'hexamem' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
