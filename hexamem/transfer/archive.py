"""Export a user's memory as JSON Lines and import it back, with full fidelity.

An export holds every version (current and closed), the change history, the
raw episodes and the entities facts connect, so an import into an empty store
rebuilds the same memory, graph included, and the same `as_of` answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import ValidationError

from hexamem.entities.model import Entity
from hexamem.errors import InvalidInput
from hexamem.memory_types import REDACTED, Episode, MemoryItem, VaultEntry
from hexamem.results import HistoryEntry

FORMAT = "hexamem-export"
FORMAT_VERSION = 1


class ArchiveError(InvalidInput):
    """An export that cannot be imported: `problem` says why, `line` which record (or None)."""

    def __init__(self, problem: str, *, line: int | None = None) -> None:
        super().__init__(f"import line {line}: {problem}" if line else f"import: {problem}")
        self.problem, self.line = problem, line


class RedactedSecret(ArchiveError):
    """A vault entry exported without its secret value, which an import cannot restore."""

    def __init__(self, item_id: str, *, line: int) -> None:
        super().__init__(
            f"vault entry {item_id!r} was exported without its secret; "
            "export again with reveal_secrets=True",
            line=line,
        )
        self.item_id = item_id


@dataclass
class UserArchive:
    """Everything one user has: what export writes and import reads."""

    user_id: str
    items: list[MemoryItem] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


def dump_archive(archive: UserArchive, *, reveal_secrets: bool) -> str:
    """JSON Lines: a header, then memories, history entries and episodes."""
    header = {
        "kind": "header",
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "user_id": archive.user_id,
        "secrets": "revealed" if reveal_secrets else "redacted",
    }
    lines = [json.dumps(header)]
    for entity in archive.entities:
        lines.append(_line("entity", entity.model_dump(mode="json")))
    for item in archive.items:
        shown = item if reveal_secrets else item.redacted()
        lines.append(_line("memory", shown.model_dump(mode="json")))
    for entry in archive.history:
        lines.append(_line("history", entry.model_dump(mode="json", exclude={"old", "new"})))
    secrets = [] if reveal_secrets else _secret_values(archive.items)
    for episode in archive.episodes:
        lines.append(_line("episode", _without(episode, secrets).model_dump(mode="json")))
    return "\n".join(lines) + "\n"


def _secret_values(items: Iterable[MemoryItem]) -> list[str]:
    """Every secret the user's vault holds, longest first (so no value hides inside another)."""
    values = {
        i.payload.secret_value
        for i in items
        if isinstance(i.payload, VaultEntry) and i.payload.secret_value != REDACTED
    }
    return sorted(values, key=len, reverse=True)


def _without(episode: Episode, secrets: list[str]) -> Episode:
    """The episode with vaulted secrets masked in what was said: a redacted export says none."""
    if not secrets or not any(s in m.content for m in episode.messages for s in secrets):
        return episode
    messages = []
    for message in episode.messages:
        content = message.content
        for value in secrets:
            content = content.replace(value, REDACTED)
        messages.append(message.model_copy(update={"content": content}))
    return episode.model_copy(update={"messages": tuple(messages)})


def load_archive(text: str) -> UserArchive:
    """Parse and check an export; any bad line fails the whole import."""
    rows = list(_rows(text))
    if not rows or rows[0][1].get("kind") != "header":
        raise ArchiveError("the first line must be a hexamem export header")
    header = rows[0][1]
    if header.get("format") != FORMAT or header.get("version") != FORMAT_VERSION:
        raise ArchiveError(
            f"unsupported format {header.get('format')!r} version {header.get('version')!r}",
            line=rows[0][0],
        )
    user_id = header.get("user_id")
    if not isinstance(user_id, str) or not user_id:
        raise ArchiveError("the header has no user_id", line=rows[0][0])
    archive = UserArchive(user_id=user_id)
    for number, row in rows[1:]:
        kind, data = row.get("kind"), row.get("data")
        try:
            if kind == "memory":
                item = MemoryItem.model_validate(data)
                if isinstance(item.payload, VaultEntry) and item.payload.secret_value == REDACTED:
                    raise RedactedSecret(item.id, line=number)
                archive.items.append(item)
            elif kind == "history":
                archive.history.append(HistoryEntry.model_validate(data))
            elif kind == "episode":
                archive.episodes.append(Episode.model_validate(data))
            elif kind == "entity":
                archive.entities.append(Entity.model_validate(data))
            else:
                raise ArchiveError(f"unknown kind {kind!r}", line=number)
        except ValidationError as exc:
            raise ArchiveError(first_problem(exc), line=number) from exc
    _check(archive)
    return archive


def first_problem(exc: ValidationError) -> str:
    """The first failed field of a validation error and why, counting the others: one line."""
    errors = exc.errors(include_url=False)
    if not errors:
        return str(exc)
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "record"
    more = len(errors) - 1
    rest = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
    return f"field {where!r}: {first['msg']}{rest}"


def _check(archive: UserArchive) -> None:
    known = {entity.id for entity in archive.entities}
    for entity in archive.entities:
        if entity.user_id != archive.user_id:
            raise ArchiveError(f"entity {entity.id!r} belongs to {entity.user_id!r}")
    for item in archive.items:
        missing = set(item.entity_ids) - known
        if missing:
            raise ArchiveError(f"memory {item.id!r} links unknown entities {sorted(missing)}")
        if item.user_id != archive.user_id:
            raise ArchiveError(
                f"memory {item.id!r} belongs to {item.user_id!r}, not to {archive.user_id!r}"
            )
    keys = [(item.id, item.version) for item in archive.items]
    if len(set(keys)) != len(keys):
        raise ArchiveError("a memory version appears twice")


def _line(kind: str, data: object) -> str:
    return json.dumps({"kind": kind, "data": data}, ensure_ascii=False)


def _rows(text: str) -> Iterable[tuple[int, dict]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ArchiveError(f"not JSON ({exc.msg})", line=number) from exc
        if not isinstance(row, dict):
            raise ArchiveError("expected a JSON object", line=number)
        yield number, row
