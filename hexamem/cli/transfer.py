"""Moving memory: a user's export to JSON Lines and back, or a whole memory into PostgreSQL."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import typer

from hexamem.cli.choices import known_user
from hexamem.cli.opening import opened
from hexamem.cli.options import console
from hexamem.cli.words import plural
from hexamem.errors import InvalidInput
from hexamem.intake.files import read_utf8, utf8_text
from hexamem.memory import Memory
from hexamem.settings import Settings
from hexamem.transfer.archive import ArchiveError, RedactedSecret


def export(user: str, *, reveal_secrets: bool, home: Path | None) -> None:
    """Every version, history entry, episode and entity of a user, as JSON Lines on stdout."""
    with opened(home) as memory:
        text = memory.export(known_user(memory, user), reveal_secrets=reveal_secrets)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def import_(file: Path, *, home: Path | None) -> None:
    """Load an export into this memory, all or nothing (refused if any id already exists)."""
    stdin = str(file) == "-"
    name = "stdin" if stdin else str(file)
    text = utf8_text(sys.stdin.buffer.read(), name) if stdin else read_utf8(file)
    with opened(home) as memory:
        try:
            result = memory.import_(text)
        except RedactedSecret as exc:
            raise InvalidInput(
                f"{name} line {exc.line}: vault entry {exc.item_id!r} was exported without "
                "its secret; export again with --reveal-secrets"
            ) from exc
        except ArchiveError as exc:
            where = f"{name} line {exc.line}" if exc.line else name
            raise InvalidInput(f"{where}: {exc.problem}") from exc
    console.print(
        f"imported {plural(len(result.outcomes), 'memory', 'memories')} (batch {result.batch_id})"
    )


def migrate(
    to: str,
    *,
    home: Path | None,
    chroma_url: str | None,
    graph: str | None,
    target_home: Path | None,
) -> None:
    """Move this memory into PostgreSQL (and servers), then check every user item for item."""
    from hexamem.transfer.migrate import UserMove, move_memory
    from hexamem.vault import load_keys

    def shown(move: UserMove) -> None:
        verdict = "[green]same[/green]" if move.same else f"[red]{move.problem}[/red]"
        action = "moved" if move.moved else "already there"
        console.print(
            f"{move.user_id}: {action}, {plural(move.lines, 'line')} of export, "
            f"{plural(move.values, 'store value')}: {verdict}",
            highlight=False,
        )

    if target_home is None and (chroma_url is None or graph is None):
        raise InvalidInput(
            "--to with an embedded vector store or graph needs --target-home for their "
            "files (or give --chroma-url and --graph for servers)"
        )
    servers: dict[str, Any] = {"database_url": to}
    servers.update({k: v for k, v in {"chroma_url": chroma_url, "graph": graph}.items() if v})
    with opened(home) as source, tempfile.TemporaryDirectory(prefix="hexamem-target-") as scratch:
        keys = load_keys(source.settings.vault_key, source.settings.home)
        settings = Settings.load(
            str(target_home or scratch), vault_key=b",".join(keys).decode(), **servers
        )
        with Memory.open(settings=settings) as target:
            report = move_memory(source, target, on_user=shown)
    if not report.ok:
        raise typer.Exit(1)
    console.print(f"{plural(len(report.users), 'user')} in the target, each checked item for item")
