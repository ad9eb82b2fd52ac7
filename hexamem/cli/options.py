"""Options every command shares, opening the memory, and turning errors into exit codes.

Exit codes: 0 fine, 1 a run failed (a store, the model, or a simulation probe),
2 the command or its input was wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hexamem.errors import CallerError, HexamemError
from hexamem.memory import Memory
from hexamem.settings import Settings

HomeOption = Annotated[
    Path | None,
    typer.Option(
        "--home",
        help="Data directory (default: $HEXAMEM_HOME or ~/.hexamem).",
        show_default=False,
    ),
]
LlmOption = Annotated[
    str | None,
    typer.Option(
        "--llm",
        help="anthropic, openai or offline (default: anthropic when ANTHROPIC_API_KEY is set).",
        show_default=False,
    ),
]
UserOption = Annotated[str, typer.Option("--user", "-u", help="Whose memories.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]

console = Console()
errors = Console(stderr=True)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Print a hexamem error as one line and exit with its code, instead of a traceback."""
    try:
        yield
    except HexamemError as exc:
        errors.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2 if isinstance(exc, CallerError) else 1) from None


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
