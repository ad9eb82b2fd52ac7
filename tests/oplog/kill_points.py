"""Kills at chosen places in the write path, for the kill harness.

A random SIGKILL lands wherever the process happens to be, mostly between writes.
A kill point makes the child kill itself right before or right after one store
write (the op-log's pending row, each SQLite table, the FTS index, the vectors, the
graph, the purge of a forget, the files rewritten after it), on its n-th call,
optionally only while an `import_` runs. The wrapping lives here, in the test, on
the opened memory's own objects; nothing in hexamem knows about it.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from dataclasses import dataclass
from typing import Any

#: `component.method` of the applier (`Memory._c.applier`) that writes somewhere durable.
TARGETS = (
    "log.write_pending",
    "log.mark_done",
    "records.put",
    "records.put_episode",
    "records.add_history",
    "records.purge",
    "lexical.put",
    "entities.put",
    "vectors.stage",
    "vectors.flush",
    "vectors.delete",
    "graph.write",
    "graph.drop",
    "graph.delete_facts",
    "graph.compact",
)
#: The ones an import goes through.
IMPORT_TARGETS = tuple(t for t in TARGETS if t.split(".")[1] not in {"purge", "delete", "drop"})


@dataclass(frozen=True)
class KillPoint:
    target: str
    before: bool
    nth: int
    in_import: bool = False

    def __str__(self) -> str:
        when = "before" if self.before else "after"
        return f"{self.target}:{when}:{self.nth}:{'import' if self.in_import else 'any'}"

    @classmethod
    def parse(cls, text: str) -> KillPoint:
        target, when, nth, scope = text.split(":")
        return cls(target, when == "before", int(nth), scope == "import")


def arm(memory: Any, point: KillPoint) -> None:
    """Wrap `point.target` on `memory`'s components so its n-th call kills the process."""
    component_name, method_name = point.target.split(".")
    component = getattr(memory._c.applier, component_name)  # the objects that write
    original = getattr(component, method_name)
    calls = 0
    importing = False

    @functools.wraps(original)
    def dying(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        counted = importing or not point.in_import
        calls += counted
        if counted and calls == point.nth and point.before:
            _die(point)
        result = original(*args, **kwargs)
        if counted and calls == point.nth:
            _die(point)
        return result

    setattr(component, method_name, dying)
    if point.in_import:
        load = memory.import_

        def marked(*args: Any, **kwargs: Any) -> Any:
            nonlocal importing
            importing = True
            try:
                return load(*args, **kwargs)
            finally:
                importing = False

        memory.import_ = marked


def _die(point: KillPoint) -> None:
    print(f"dying {point}", flush=True)
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)
