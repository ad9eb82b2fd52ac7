"""`AsyncMemory`: the same methods as `Memory`, awaitable, run on worker threads."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

from hexamem.memory.facade import Memory

P = ParamSpec("P")
R = TypeVar("R")


async def _in_thread(function: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    """`asyncio.to_thread`, with asyncio imported by the first call: an async caller has
    loaded it already, and a plain `import hexamem` does not pay for it."""
    import asyncio

    return await asyncio.to_thread(function, *args, **kwargs)


def _threaded(method: Callable[..., R]) -> Callable[..., Coroutine[Any, Any, R]]:
    """An async method that runs `Memory.<method>` in a thread."""

    @functools.wraps(method)
    async def wrapper(self: AsyncMemory, *args: Any, **kwargs: Any) -> R:
        return await _in_thread(method, self.sync, *args, **kwargs)

    return wrapper


class AsyncMemory:
    """Async front of a `Memory`; `sync` is the wrapped instance."""

    def __init__(self, memory: Memory) -> None:
        self.sync = memory

    @classmethod
    async def open(cls, path: str | None = None, **kwargs: Any) -> AsyncMemory:
        return cls(await _in_thread(Memory.open, path, **kwargs))

    @property
    def ingest_graph(self) -> Any:
        """The same compiled graph as `Memory.ingest_graph`; use its `ainvoke`."""
        return self.sync.ingest_graph

    @property
    def answer_graph(self) -> Any:
        """The same compiled graph as `Memory.answer_graph`; use its `ainvoke`."""
        return self.sync.answer_graph

    @property
    def key_values(self) -> Any:
        """The same table as `Memory.key_values` (give `HexamemStore` the `sync` memory)."""
        return self.sync.key_values

    @property
    def embedder(self) -> Any:
        return self.sync.embedder

    async def __aenter__(self) -> AsyncMemory:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    close = _threaded(Memory.close)
    add = _threaded(Memory.add)
    apply = _threaded(Memory.apply)
    search = _threaded(Memory.search)
    get = _threaded(Memory.get)
    list = _threaded(Memory.list)
    update = _threaded(Memory.update)
    delete = _threaded(Memory.delete)
    forget = _threaded(Memory.forget)
    history = _threaded(Memory.history)
    timeline = _threaded(Memory.timeline)
    context = _threaded(Memory.context)
    usage = _threaded(Memory.usage)
    answer = _threaded(Memory.answer)
    reply = _threaded(Memory.reply)
    users = _threaded(Memory.users)
    stats = _threaded(Memory.stats)
    flush = _threaded(Memory.flush)
    end_session = _threaded(Memory.end_session)
    core = _threaded(Memory.core)
    export = _threaded(Memory.export)
    import_ = _threaded(Memory.import_)
    quarantined = _threaded(Memory.quarantined)
    rotate_vault_key = _threaded(Memory.rotate_vault_key)
    doctor = _threaded(Memory.doctor)
