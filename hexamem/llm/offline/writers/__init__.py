"""The offline writers, one per memory type: proposals in the shape a model's writer returns."""

from __future__ import annotations

from collections.abc import Callable

from hexamem.agents.requests import WriteRequest
from hexamem.agents.schemas import ProposedOp, WriterReply
from hexamem.llm.offline.writers.core import core
from hexamem.llm.offline.writers.events import episodic
from hexamem.llm.offline.writers.job import Job
from hexamem.llm.offline.writers.procedural import procedural
from hexamem.llm.offline.writers.resource import resource
from hexamem.llm.offline.writers.semantic import semantic
from hexamem.llm.offline.writers.vault import knowledge_vault
from hexamem.memory_types import MemoryType

WRITERS: dict[MemoryType, Callable[[Job], list[ProposedOp]]] = {
    MemoryType.CORE: core,
    MemoryType.EPISODIC: episodic,
    MemoryType.SEMANTIC: semantic,
    MemoryType.PROCEDURAL: procedural,
    MemoryType.RESOURCE: resource,
    MemoryType.KNOWLEDGE_VAULT: knowledge_vault,
}


def write(request: WriteRequest) -> WriterReply:
    return WriterReply(ops=WRITERS[request.memory_type](Job(request)))


__all__ = ["WRITERS", "Job", "write"]
