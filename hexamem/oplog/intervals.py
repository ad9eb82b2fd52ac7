"""Closing a version in world time: where it ends, and what that says about where it began.

Nothing is overwritten. A closed version keeps its row with `invalid_at` (world
time) and `expired_at` (when hexamem learned it ended) set.
"""

from __future__ import annotations

from datetime import datetime

from hexamem.memory_types import UNKNOWN_START, MemoryItem


def closed(item: MemoryItem, *, invalid_from: datetime, at: datetime) -> MemoryItem:
    """`item` ended at `invalid_from`, learned at `at`.

    A new value dated before the old one started means the old one was never true
    (a correction): its interval becomes empty rather than negative.
    """
    return item.model_copy(
        update={"invalid_at": max(item.valid_at, invalid_from), "expired_at": at}
    )


def ended(old: MemoryItem, ends_at: datetime, *, change_stated: bool, at: datetime) -> MemoryItem:
    """`old` closed where the change that replaces it began.

    A change said to come before the time `old` was only heard of means `old` held
    until then, from a start nobody knows ("we moved last month", after "I live in
    Leeds" was said this month): it is not made empty, its start becomes unknown.
    """
    if ends_at < old.valid_at and change_stated and not old.valid_at_stated:
        return old.model_copy(
            update={"valid_at": UNKNOWN_START, "invalid_at": ends_at, "expired_at": at}
        )
    return closed(old, invalid_from=ends_at, at=at)
