"""Opening the memory a command works on, with Settings built once from its options."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hexamem.cli.options import reported_errors
from hexamem.memory import Memory
from hexamem.settings import Settings


@contextmanager
def opened(home: Path | None, llm: str | None = None) -> Iterator[Memory]:
    """The memory in `home`, with the chosen model provider; closed (and flushed) on exit."""
    with reported_errors():
        settings = Settings.load(str(home) if home else None, llm=llm)
        with Memory.open(settings=settings) as memory:
            yield memory


def describe_engine(memory: Memory) -> str:
    """One line on which engine answers, so nobody mistakes rules for a model."""
    if memory.llm_provider == "offline":
        return (
            "offline engine: rules over your memories, no model and no network "
            "(set ANTHROPIC_API_KEY or --llm to use a model)"
        )
    return f"model provider: {memory.llm_provider}"
