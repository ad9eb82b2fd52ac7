"""Checks of the arguments every `Memory` method shares, with the errors callers see."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from hexamem.errors import InvalidInput
from hexamem.memory_types import MemoryType
from hexamem.stores.recall_filter import RecallFilter
from hexamem.timeutil import now, parse_time

MAX_USER_ID = 200


def checked_user(user_id: Any) -> str:
    if not isinstance(user_id, str) or not user_id.strip():
        raise InvalidInput("user_id must be a non-empty string")
    if len(user_id) > MAX_USER_ID:
        raise InvalidInput(f"user_id is longer than {MAX_USER_ID} characters")
    return user_id


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
