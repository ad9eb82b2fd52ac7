"""Rows read by a list of (id, version) keys, one unique-index probe per key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hexamem.stores.dialect import Database

VersionKey = tuple[str, int]
"""(memory id, version): the key of one version."""


def rows_by_keys(
    db: Database,
    keys: Sequence[VersionKey],
    columns: str,
    rest: str,
    params: Sequence[Any] = (),
    *,
    alias: str = "items",
) -> list[tuple[Any, ...]]:
    """`SELECT columns` over the `items` rows (named `alias`) of `keys`, then `rest`
    (joins, a WHERE clause) with its `params`.

    The key list drives (on SQLite, CROSS JOIN fixes the order) so each key is one
    probe of the unique (id, version) index; otherwise SQLite walks the user's whole
    index.
    """
    if not keys:
        return []
    values = ", ".join(["(?, ?)"] * len(keys))
    sql = (
        f"WITH wanted(id, version) AS (VALUES {values}) "
        f"SELECT {columns} FROM wanted {db.dialect.key_join} items {alias} "
        f"ON {alias}.id = wanted.id AND {alias}.version = wanted.version {rest}"
    )
    with db.reading() as conn:
        return conn.execute(sql, [v for key in keys for v in key] + list(params)).fetchall()
