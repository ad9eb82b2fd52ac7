"""Which versions a read may return: the user scope, types, and the time window.

Rendered to SQL in one place, so the lexical index, the vector post-filter and
plain listings all agree on what "current", "as of" and "since" mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hexamem.memory_types import MemoryType


@dataclass(frozen=True)
class RecallFilter:
    """Scope and time window of a read; times are epoch seconds.

    - default: current versions only (not superseded, not deleted, and, when `now` is
      given, not ended in the world before it);
    - ``as_of``: versions true in the world at that time, superseded ones included;
    - ``include_expired``: every version;
    - ``since`` / ``until``: when the memory became true (for events: when they happened);
    - ``during`` (start, end): events inside the window and other memories true at some
      point in it, superseded versions included (the window is about the past).
    """

    user_id: str
    types: tuple[MemoryType, ...] | None = None
    include_expired: bool = False
    as_of: float | None = None
    since: float | None = None
    until: float | None = None
    now: float | None = None
    during: tuple[float | None, float | None] | None = None

    def sql(self, table: str = "items") -> tuple[str, list[Any]]:
        """A WHERE fragment over the `items` table and its parameters."""
        clauses: list[str] = [f"{table}.user_id = ?"]
        params: list[Any] = [self.user_id]
        if self.types is not None:
            clauses.append(f"{table}.type IN ({', '.join('?' * len(self.types))})")
            params.extend(t.value for t in self.types)
        if self.during is not None:
            start, end = self.during
            low, high = start if start is not None else -1e18, end if end is not None else 1e18
            # Each branch names its types and bounds valid_at, so SQLite can answer
            # it from the (user_id, type, valid_at) index: an empty window costs nothing.
            others = [t.value for t in MemoryType if t is not MemoryType.EPISODIC]
            clauses.append(
                f"(({table}.type = 'episodic' AND {table}.valid_at >= ? AND {table}.valid_at < ?)"
                f" OR ({table}.type IN ({', '.join('?' * len(others))}) AND {table}.valid_at < ?"
                f" AND ({table}.invalid_at IS NULL OR {table}.invalid_at > ?)))"
                f" AND ({table}.invalid_at IS NULL OR {table}.invalid_at > {table}.valid_at)"
            )
            params.extend([low, high, *others, high, low])
        elif self.as_of is not None:
            clauses.append(
                f"{table}.valid_at <= ? AND ({table}.invalid_at IS NULL OR {table}.invalid_at > ?)"
            )
            params.extend([self.as_of, self.as_of])
        elif not self.include_expired:
            clauses.append(f"{table}.expired_at IS NULL")
            if self.now is not None:
                clauses.append(f"({table}.invalid_at IS NULL OR {table}.invalid_at > ?)")
                params.append(self.now)
        if self.since is not None:
            clauses.append(f"{table}.valid_at >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append(f"{table}.valid_at <= ?")
            params.append(self.until)
        return " AND ".join(clauses), params
