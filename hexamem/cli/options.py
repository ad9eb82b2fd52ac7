"""Options every command shares, the console, and the users a listing names.

Exit codes: 0 fine, 1 a run failed (a store, the model, or a simulation probe),
2 the command or its input was wrong; `cli.errors` prints the one error line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hexamem.cli.errors import report
from hexamem.errors import HexamemError

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
JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Print JSON on stdout instead of tables (same at any width)."),
]

console = Console()


@contextmanager
def reported_errors() -> Iterator[None]:
    """Print a hexamem error as its one line and exit with its code, here and now.

    Commands need not use it (the app reports whatever escapes them); it is for code
    that must stop at once, inside a screen or a loop of its own."""
    try:
        yield
    except HexamemError as exc:
        raise typer.Exit(report(exc)) from None
