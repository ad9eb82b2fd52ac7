"""LangGraph store filters: `{"field": value}` or `{"a.b": {"$gt": 3}}`, applied to
every candidate before ranking, so `limit` never cuts matching items away."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from typing import Any

from hexamem.errors import InvalidInput

_MISSING = object()
#: A field path: words (letters, digits, `_`, `-`) joined by dots.
FIELD_PATH = re.compile(r"[\w-]+(\.[\w-]+)*")
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "$eq": operator.eq,
    "$ne": operator.ne,
    "$gt": operator.gt,
    "$gte": operator.ge,
    "$lt": operator.lt,
    "$lte": operator.le,
}


def check_filter(conditions: Mapping[str, Any] | None) -> None:
    """Refuse odd field paths and unknown operators up front, saying what is allowed."""
    for path, wanted in (conditions or {}).items():
        if not isinstance(path, str) or not FIELD_PATH.fullmatch(path):
            raise InvalidInput(
                f"Invalid filter key {path!r}: a field path is words (letters, digits, _ "
                "and -) joined by dots"
            )
        if isinstance(wanted, Mapping):
            for name in wanted:
                if name.startswith("$") and name not in OPERATORS:
                    raise InvalidInput(
                        f"unknown filter operator {name!r}; use one of {', '.join(OPERATORS)}"
                    )


def matches(value: Mapping[str, Any], conditions: Mapping[str, Any] | None) -> bool:
    """Whether a stored value meets every condition (a dotted key reads nested fields)."""
    return all(_holds(_at(value, path), wanted) for path, wanted in (conditions or {}).items())


def _at(value: Any, path: str) -> Any:
    if isinstance(value, Mapping) and path in value:
        return value[path]
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _holds(found: Any, wanted: Any) -> bool:
    if isinstance(wanted, Mapping) and any(str(k).startswith("$") for k in wanted):
        return all(_compare(found, name, bound) for name, bound in wanted.items())
    if isinstance(wanted, Mapping):
        return isinstance(found, Mapping) and all(
            _holds(found.get(k, _MISSING), v) for k, v in wanted.items()
        )
    return found is not _MISSING and found == wanted


def _compare(found: Any, name: str, bound: Any) -> bool:
    if found is _MISSING:
        return name == "$ne"
    try:
        return bool(OPERATORS[name](found, bound))
    except TypeError:  # "abc" > 3: not comparable, so not a match
        return False
