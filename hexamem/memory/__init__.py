"""The facade: `Memory` (and `AsyncMemory`), what a caller holds.

`facade` checks arguments and delegates; `reads` is its read half;
`assembly` builds every component once, at open; `agents` binds the agent
graphs to those components and records what each model call cost.
"""

from hexamem.memory.asynchronous import AsyncMemory
from hexamem.memory.facade import Memory

__all__ = ["AsyncMemory", "Memory"]
