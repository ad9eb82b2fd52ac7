"""Versioned schema changes: each store lists its migrations; a database applies the
ones it has not seen, each in one transaction with the row that records it.

A store's tables are its own (`store` names them in `schema_migrations`), so the
records, the op log, the lexical index and the rest move at their own pace. A
database that records a version newer than this code knows was written by a newer
hexamem: it is refused rather than read with the wrong idea of its tables.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hexamem.errors import ConfigurationError

LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    store      TEXT NOT NULL,
    version    INTEGER NOT NULL,
    why        TEXT NOT NULL,
    applied_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (store, version)
)
"""


@dataclass(frozen=True)
class Migration:
    """One step of a store's schema: `version` counts up from 1, run once. `sql` is the
    SQLite text; `postgres` the same step for PostgreSQL (None: no server schema yet)."""

    version: int
    sql: str
    why: str
    postgres: str | None = None

    def run(self, conn: Any, store: str, sql: str) -> None:
        """Run this step's `sql` on `conn` and record it in the ledger, in the caller's
        transaction."""
        for statement in statements(sql):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_migrations (store, version, why, applied_at) VALUES (?, ?, ?, ?)",
            (store, self.version, self.why, time.time()),
        )


def pending(store: str, steps: Sequence[Migration], applied: int) -> list[Migration]:
    """The steps after version `applied`, checked: versions 1, 2, 3... in order, and no
    newer version recorded than the code has."""
    versions = [step.version for step in steps]
    if versions != list(range(1, len(steps) + 1)):
        raise ValueError(f"migrations of {store} must be numbered 1..n in order: {versions}")
    if applied > len(steps):
        raise ConfigurationError(
            f"the {store} tables are at schema version {applied}, written by a newer "
            f"hexamem; this one knows up to version {len(steps)}: upgrade hexamem to open it"
        )
    return list(steps[applied:])


def statements(sql: str) -> list[str]:
    """`sql` cut into whole statements (a trigger body's semicolons stay inside it)."""
    found, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip().strip(";").strip():
                found.append(current.strip())
            current = ""
    if current.strip():
        found.append(current.strip())  # a last statement without its semicolon
    return found
