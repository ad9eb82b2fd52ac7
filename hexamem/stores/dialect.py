"""The relational seam: what the stores ask of a database, and where SQLite and PostgreSQL differ.

The stores write one SQL text for both engines wherever the two agree
(`ON CONFLICT ... DO`, `RETURNING`, `?` placeholders, a `rowid` column), and ask
the dialect for the few fragments where they do not: reading a JSON field,
a case-blind comparison, how a key list joins the rows it selects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from hexamem.stores.migrations import Migration


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """What a store runs its statements on: `?` placeholders, rows as tuples."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> Any: ...


@dataclass(frozen=True)
class Dialect:
    name: str
    #: How a list of wanted keys joins the rows: SQLite must be told to let the list drive.
    key_join: str
    #: The LIMIT parameter that means "no limit".
    no_limit: int | None

    def json_text(self, column: str, *path: str) -> str:
        """The text at `path` inside a JSON column (NULL when absent)."""
        if self.name == "sqlite":
            return f"json_extract({column}, '$.{'.'.join(path)}')"
        *parents, last = path
        steps = "".join(f" -> '{p}'" for p in parents)
        return f"({column}::jsonb{steps} ->> '{last}')"

    def json_length(self, column: str, field: str) -> str:
        """How many entries the JSON array `field` of a column holds."""
        if self.name == "sqlite":
            return f"json_array_length({column}, '$.{field}')"
        return f"jsonb_array_length({column}::jsonb -> '{field}')"

    def contains(self, column: str, needle: str = "?") -> str:
        """A test that `column` holds `needle` (the next parameter, unless given) as a
        plain substring: no wildcards, so ids with `_` or `%` match only themselves."""
        if self.name == "sqlite":
            return f"instr({column}, {needle}) > 0"
        return f"strpos({column}::text, {needle}) > 0"

    def same_folded(self, expression: str) -> str:
        """A case-blind test that `expression` equals the next parameter."""
        if self.name == "sqlite":
            return f"{expression} = ? COLLATE NOCASE"
        return f"lower({expression}) = lower(?)"


SQLITE = Dialect("sqlite", key_join="CROSS JOIN", no_limit=-1)
POSTGRES = Dialect("postgres", key_join="JOIN", no_limit=None)


class Database(Protocol):
    """A relational database the stores share: SQLite in a file, or a PostgreSQL server."""

    dialect: Dialect

    def migrate(self, store: str, steps: Sequence[Migration]) -> int: ...

    def transaction(self) -> AbstractContextManager[Connection]: ...

    def reading(self) -> AbstractContextManager[Connection]: ...

    def hold(self, key: str, *, wait: bool = True) -> AbstractContextManager[bool]:
        """Hold the named lock across every instance sharing the database: True once held;
        with ``wait=False``, False at once when another instance holds it."""

    def checkpoint(self) -> None: ...

    def close(self) -> None: ...


def placeholders(sql: str) -> Iterator[str]:
    """`sql` in pieces with each `?` outside a quoted literal turned into `%s` and each
    `%` doubled: the stores' one SQL text in the form psycopg expects."""
    quoted = False
    for char in sql:
        if char == "'":
            quoted = not quoted
            yield char
        elif char == "?" and not quoted:
            yield "%s"
        elif char == "%":
            yield "%%"
        else:
            yield char
