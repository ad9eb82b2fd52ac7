"""Moving a user's memory between data directories: export to JSON Lines, import it back."""

from __future__ import annotations

import sys
from pathlib import Path

from hexamem.cli.choices import known_user
from hexamem.cli.opening import opened
from hexamem.cli.options import console
from hexamem.cli.words import plural
from hexamem.errors import InvalidInput
from hexamem.intake.files import read_utf8, utf8_text
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
