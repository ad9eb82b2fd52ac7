"""Options every command shares, the consoles, and turning errors into exit codes.

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
