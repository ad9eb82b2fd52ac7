"""What a command's flags mean to the memory, checked before it is asked, in the flags' words.

The library speaks Python to its callers (``as_of=`` an aware datetime); the command
line converts its inputs here first, so its errors name `--as-of`, `--type` or
`--user` and say what to type instead.
"""

from __future__ import annotations

import difflib
from datetime import UTC, datetime

from hexamem.errors import InvalidInput, NotFound
from hexamem.memory import Memory
from hexamem.memory_types import MemoryType
from hexamem.memory_types.time import parse_time

#: How many known users an unknown one is compared with, and shown at most.
NEAR_USERS = 3


def memory_type(name: str | None) -> MemoryType | None:
    """The `--type` choice (None: every type)."""
    if name is None:
        return None
    try:
        return MemoryType(name.strip().lower())
    except ValueError:
        known = ", ".join(t.value for t in MemoryType)
        raise InvalidInput(f"--type: no memory type {name!r}; use one of {known}") from None


def moment(value: str | None, flag: str) -> datetime | None:
    """A date or date-time typed on the command line; without a zone it is UTC.

    ``2026-11-15`` is that day's start; ``2026-11-15T09:30``, ``...Z`` and
    ``...+02:00`` are read as written.
    """
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())  # a day alone, or Z, too (3.11)
    except ValueError:
        raise InvalidInput(
            f"{flag}: {value!r} is not a date or date-time "
            "(write e.g. 2026-11-15 or 2026-11-15T09:30, UTC unless an offset is given)"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parse_time(parsed, field=flag)


def known_user(memory: Memory, user: str) -> str:
    """`user`, if this memory holds anything for them; else a `NotFound` naming near matches.

    A known user whose memories are all closed is no error: the listing just shows none.
    """
    users = memory.users()
    if user in users:
        return user
    raise NotFound(
        f"{memory.settings.home} holds no memories for user {user!r}; "
        f"user ids are case-sensitive{_near(user, users)}"
    )


def _near(user: str, users: list[str]) -> str:
    if not users:
        return " (this memory holds no users yet)"
    by_folded: dict[str, list[str]] = {}
    for known in users:
        by_folded.setdefault(known.casefold(), []).append(known)
    close = difflib.get_close_matches(user.casefold(), by_folded, n=NEAR_USERS, cutoff=0.6)
    if close:
        names = [name for folded in close for name in by_folded[folded]][:NEAR_USERS]
        return " (did you mean " + " or ".join(repr(n) for n in names) + "?)"
    shown = ", ".join(repr(u) for u in sorted(users)[:NEAR_USERS])
    more = f" and {len(users) - NEAR_USERS} more" if len(users) > NEAR_USERS else ""
    return f" (known users: {shown}{more})"
