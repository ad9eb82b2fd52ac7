"""Moving a user's memory between data directories: export to JSON Lines, import it back."""

from __future__ import annotations

import sys
from pathlib import Path

from hexamem.cli.opening import opened
from hexamem.cli.options import console, reported_errors
from hexamem.errors import InvalidInput, NotFound


def export(user: str, *, reveal_secrets: bool, home: Path | None) -> None:
    """Every version, history entry, episode and entity of a user, as JSON Lines on stdout."""
    with opened(home) as memory, reported_errors():
        if user not in memory.users():
            raise NotFound(f"{memory.settings.home} holds nothing for user {user!r}")
        text = memory.export(user, reveal_secrets=reveal_secrets)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def import_(file: Path, *, home: Path | None) -> None:
    """Load an export into this memory, all or nothing (refused if any id already exists)."""
    with reported_errors():
        try:
            text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidInput(f"{file}: cannot be read: {exc.strerror or exc}") from exc
    with opened(home) as memory:
        result = memory.import_(text)
    console.print(f"imported {len(result.outcomes)} memories (batch {result.batch_id})")
