"""The `hexamem` command: every command group registered on one typer app."""

from __future__ import annotations

import typer

from hexamem.cli import inspect, transfer
from hexamem.cli.chat import chat
from hexamem.cli.simulate import simulate

app = typer.Typer(
    name="hexamem",
    help="Long-term memory for LLM agents: chat with it, script it, look inside it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command(rich_help_panel="Use")(chat)
app.command(rich_help_panel="Use")(simulate)
for command in (inspect.inspect, inspect.search, inspect.timeline, inspect.history, inspect.stats):
    app.command(rich_help_panel="Look inside")(command)
app.command(rich_help_panel="Move")(transfer.export)
app.command(name="import", rich_help_panel="Move")(transfer.import_)


def main() -> None:
    app()
