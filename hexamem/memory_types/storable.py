"""What every store can hold, checked before a batch is logged.

FalkorDB's protocol cuts a string at a NUL byte, UTF-8 (SQLite, Chroma, the
graph and the op log's JSON) cannot encode a lone surrogate, and a time beyond
the years 1 to 9999 has no epoch seconds. A batch holding any of them would be
logged and then fail at every replay, so values are checked here first: at the
edge for what callers pass, and over the whole plan before it is logged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel

from hexamem.errors import InvalidInput

#: Earliest and latest times any store can hold (epoch seconds of both exist).
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, tzinfo=UTC)
#: Longest id (user, session, message, agent) and longest entity name or relation.
MAX_ID = 200
MAX_NAME = 300

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def text_problem(text: str) -> str | None:
    """Why no store can hold `text`, or None when every store can."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return f"has a NUL character at position {found.start()}"
    return f"has a lone surrogate (not valid Unicode) at position {found.start()}"


def time_problem(moment: datetime) -> str | None:
    """Why no store can hold `moment`, or None."""
    if EARLIEST <= moment <= LATEST:
        return None
    return f"{moment.isoformat()} is outside {EARLIEST.year:04}-{LATEST.year} (UTC)"


def _storable(text: str) -> str:
    problem = text_problem(text)
    if problem is not None:
        raise ValueError(problem)
    return text


STORABLE = AfterValidator(_storable)
"""Pydantic metadata: the string must be one every store can hold (put it last)."""
StorableStr = Annotated[str, STORABLE]


def checked_id(value: object, field: str) -> str:
    """A caller's id: a non-empty string of at most `MAX_ID` characters, no control characters."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{field} must be a non-empty string")
    if len(value) > MAX_ID:
        raise InvalidInput(f"{field} is longer than {MAX_ID} characters")
    control = _CONTROL.search(value)
    if control is not None:
        raise InvalidInput(
            f"{field} has a control character ({control.group()!r}) at position {control.start()}"
        )
    problem = text_problem(value)
    if problem is not None:
        raise InvalidInput(f"{field} {problem}")
    return value


def check_storable(value: object, where: str, *, op_index: int | None = None) -> None:
    """Raise `InvalidInput` naming the first string or time inside `value` (models, mappings,
    sequences) that some store cannot hold."""
    problem = _first_problem(value, where)
    if problem is not None:
        raise InvalidInput(problem, op_index=op_index)


def _first_problem(value: object, where: str) -> str | None:
    if isinstance(value, str):
        problem = text_problem(value)
        return None if problem is None else f"{where} {problem}"
    if isinstance(value, datetime):
        problem = time_problem(value)
        return None if problem is None else f"{where}: {problem}"
    if isinstance(value, BaseModel):
        children: Mapping[str, object] = value.__dict__
    elif isinstance(value, Mapping):
        children = {str(k): v for k, v in value.items()}
        for key in value:
            if isinstance(key, str) and (problem := _first_problem(key, f"{where} key")):
                return problem
    elif isinstance(value, list | tuple | set | frozenset):
        children = {str(i): v for i, v in enumerate(value)}
    else:
        return None
    for name, child in children.items():
        problem = _first_problem(child, f"{where}.{name}")
        if problem is not None:
            return problem
    return None
