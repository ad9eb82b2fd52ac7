"""Time is data: every date comes in from the caller and is checked here.

Stores keep times as float epoch seconds (UTC) so range filters stay cheap in
SQLite and Chroma; the public models keep aware `datetime` objects.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hexamem.errors import InvalidInput
from hexamem.memory_types.storable import time_problem


def parse_time(value: datetime | str, *, field: str = "timestamp") -> datetime:
    """Return an aware UTC datetime; naive or unparsable input is a caller error."""
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            value = datetime.fromisoformat(text)
        except ValueError as exc:
            raise InvalidInput(f"{field}: {value!r} is not an ISO-8601 date-time") from exc
    if not isinstance(value, datetime):
        raise InvalidInput(
            f"{field}: expected a datetime or ISO string, got {type(value).__name__}"
        )
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise InvalidInput(
            f"{field}: {value.isoformat()} has no time zone; pass an aware datetime "
            "(for example with tzinfo=datetime.UTC) or an ISO string with an offset"
        )
    try:
        moment = value.astimezone(UTC)
    except OverflowError:  # 0001-01-01 at +14:00, for one
        raise InvalidInput(
            f"{field}: {value.isoformat()} has no UTC time in years 1-9999"
        ) from None
    problem = time_problem(moment)
    if problem is not None:
        raise InvalidInput(f"{field}: {problem}")
    return moment


def optional_time(value: datetime | str | None, *, field: str) -> datetime | None:
    """`parse_time` that lets None through."""
    return None if value is None else parse_time(value, field=field)


def now() -> datetime:
    """The clock, read only at the edge when the caller gave no time."""
    return datetime.now(UTC)


def to_epoch(value: datetime | None, *, default: float | None = None) -> float | None:
    """Aware datetime to epoch seconds; None maps to `default`."""
    return default if value is None else value.timestamp()


def at_epoch(value: float) -> datetime:
    """Epoch seconds back to an aware UTC datetime."""
    return datetime.fromtimestamp(value, UTC)
