"""Checks of the arguments every `Memory` method shares, with the errors callers see."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from hexamem.errors import InvalidInput
from hexamem.llm import ChatMessage
from hexamem.memory_types import MemoryType
from hexamem.memory_types.storable import checked_id, text_problem
from hexamem.memory_types.time import now, optional_time, parse_time, to_epoch
from hexamem.stores.recall_filter import RecallFilter

#: Results a search returns when the caller names no `k`, and the most it may ask for.
DEFAULT_K, MAX_K = 10, 100
#: Longest query, question or chat message answered from memory.
MAX_QUERY_CHARS = 4000


def checked_user(user_id: Any) -> str:
    return checked_id(user_id, "user_id")


def checked_optional_id(value: Any, field: str) -> str | None:
    """`checked_id` that lets None through (a session or an agent not named)."""
    return None if value is None else checked_id(value, field)


def checked_flag(value: Any, name: str = "reveal_secrets") -> bool:
    """A yes/no argument that is really a bool (a string "false" would read as true)."""
    if not isinstance(value, bool):
        raise InvalidInput(f"{name} must be True or False, not {value!r}")
    return value


def observed_at(timestamp: datetime | str | None) -> datetime:
    return now() if timestamp is None else parse_time(timestamp)


def checked_types(types: Sequence[MemoryType | str] | None) -> tuple[MemoryType, ...] | None:
    if types is None:
        return None
    if isinstance(types, str):
        types = [types]
    try:
        chosen = tuple(MemoryType(t) for t in types)
    except ValueError as exc:
        known = ", ".join(t.value for t in MemoryType)
        raise InvalidInput(f"unknown memory type in {list(types)!r}; known: {known}") from exc
    if not chosen:
        raise InvalidInput("types is empty; pass None for every type")
    return chosen


def everything_of(user_id: str) -> RecallFilter:
    return RecallFilter(user_id=user_id, include_expired=True)


def checked_query(query: Any, k: Any) -> None:
    """A non-empty plain query of bounded length; `k` from 1 to `MAX_K`, or None (every match)."""
    if not isinstance(query, str) or not query.strip():
        raise InvalidInput("query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidInput(
            f"query of {len(query)} characters; the limit is {MAX_QUERY_CHARS} "
            "(search for a passage's key words, not the passage)"
        )
    if (problem := text_problem(query)) is not None:
        raise InvalidInput(f"query {problem}")
    if k is not None and (not isinstance(k, int) or not 1 <= k <= MAX_K):
        raise InvalidInput(f"k must be an integer from 1 to {MAX_K}, or None for every match")


def search_filter(
    user_id: Any,
    types: Sequence[MemoryType | str] | None,
    include_expired: bool,
    as_of: datetime | str | None,
    since: datetime | str | None,
    until: datetime | str | None,
) -> RecallFilter:
    """The `RecallFilter` of a search call, every argument checked."""
    return RecallFilter(
        user_id=checked_user(user_id),
        types=checked_types(types),
        include_expired=include_expired,
        as_of=to_epoch(optional_time(as_of, field="as_of")),
        since=to_epoch(optional_time(since, field="since")),
        until=to_epoch(optional_time(until, field="until")),
        now=to_epoch(now()),
    )


def checked_conversation(messages: Any) -> list[ChatMessage]:
    """Earlier chat messages, as `ChatMessage`s or ``{"role", "content"}`` mappings."""
    if isinstance(messages, str | bytes) or not isinstance(messages, Sequence):
        raise InvalidInput("conversation must be a list of messages")
    checked: list[ChatMessage] = []
    for n, message in enumerate(messages):
        if isinstance(message, Mapping):
            role, content = message.get("role"), message.get("content")
        else:
            role, content = getattr(message, "role", None), getattr(message, "content", None)
        if role not in ("user", "assistant") or not isinstance(content, str):
            raise InvalidInput(
                f"conversation[{n}] needs a role of 'user' or 'assistant' and a string content"
            )
        checked.append(ChatMessage(role, content))
    return checked
