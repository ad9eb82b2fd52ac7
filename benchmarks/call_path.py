"""Which of the package's modules one `add(infer=True)` and one `answer` pass through.

    python benchmarks/call_path.py

Every Python call made inside the package is traced (in every thread) while one
episode is added and one question answered on the embedded defaults with the
offline engine, in a memory of its own after a warm-up in another. Printed
per call: the package modules entered (all, and outside the offline engine's
rules), and how often control entered the facade (`memory/facade.py`) and the
agents' wiring (`memory/agents.py`) from another module of the package: more
than once is a graph calling back into the object that called it. (Before the
write path moved into `oplog/`, those two were `memory.py` and `inference.py`.)
"""

from __future__ import annotations

import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from inspect import CO_GENERATOR
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hexamem import Memory  # noqa: E402

PACKAGE = str(ROOT / "hexamem")
FACADE = "memory/facade.py"
#: Where the graphs are compiled from their deps and their costs recorded.
WIRING = "memory/agents.py"
#: The rules of the offline engine and its dates: the model, not the house.
ENGINE = ("llm/offline/", "dates/")
SAID = datetime(2024, 3, 1, 10, tzinfo=UTC)


class Trace:
    """Counts package modules entered and returns into the facade from elsewhere."""

    def __init__(self) -> None:
        self.modules: set[str] = set()
        self.entries: Counter[str] = Counter()
        self._lock = threading.Lock()

    def __call__(self, frame: FrameType, event: str, arg: Any) -> None:
        if event != "call" or frame.f_code.co_flags & CO_GENERATOR:
            return  # a generator resumed is its consumer pulling, not an entry
        path = frame.f_code.co_filename
        if not path.startswith(PACKAGE):
            return
        module = path[len(PACKAGE) + 1 :]
        caller = frame.f_back
        came_from = caller.f_code.co_filename if caller is not None else ""
        with self._lock:
            self.modules.add(module)
            if came_from.startswith(PACKAGE) and came_from[len(PACKAGE) + 1 :] != module:
                self.entries[module] += 1


def traced(call: Callable[[], object]) -> Trace:
    trace = Trace()
    threading.setprofile(trace)
    sys.setprofile(trace)
    try:
        call()
    finally:
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]
    return trace


def main() -> None:
    with tempfile.TemporaryDirectory() as warm, Memory.open(warm, llm="offline") as memory:
        memory.add("I live in Leeds.", user_id="sam", timestamp=SAID)  # imports, models
        memory.answer("Where do I live?", user_id="sam")
    # a fresh memory, so that every thread it starts (the ingest queue's too) is traced
    with tempfile.TemporaryDirectory() as home, Memory.open(home, llm="offline") as memory:
        add = traced(lambda: memory.add("I live in Leeds.", user_id="sam", timestamp=SAID))
        answer = traced(lambda: memory.answer("Where does Sam live?", user_id="sam"))
    for name, trace in (("add(infer=True)", add), ("answer", answer)):
        house = {m for m in trace.modules if not m.startswith(ENGINE)}
        print(
            f"{name:16} {len(trace.modules):3} package modules entered, {len(house)} outside "
            f"the offline engine; entered from other modules: {FACADE} "
            f"{trace.entries[FACADE]} times, {WIRING} {trace.entries[WIRING]} times"
        )


if __name__ == "__main__":
    main()
