"""The lexical seam: keyword search over the same rows as the record store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from hexamem.stores.dialect import Connection, Database
from hexamem.stores.keyed import VersionKey
from hexamem.stores.recall_filter import RecallFilter


class KeywordIndex(Protocol):
    """Rows keyed by the `items` rowid, written in the records' own transaction."""

    def put(self, conn: Connection, rowid: int, text: str) -> None: ...

    def delete(self, conn: Connection, rowids: Sequence[int]) -> None: ...

    def unindexed(self, user_id: str) -> list[tuple[int, str]]: ...

    def rewrite(self) -> None: ...

    def search(
        self, query: str, where: RecallFilter, n: int, *, overfetch: int = 4
    ) -> list[tuple[VersionKey, float]]: ...


def unindexed_rows(db: Database, user_id: str) -> list[tuple[int, str]]:
    """(rowid, text) of the user's versions with no `lexical` row (either engine's)."""
    with db.reading() as conn:
        rows = conn.execute(
            f"""SELECT i.rowid, {db.dialect.json_text("i.body", "text")} FROM items i
               WHERE i.user_id = ?
                 AND NOT EXISTS (SELECT 1 FROM lexical l WHERE l.rowid = i.rowid)""",
            (user_id,),
        ).fetchall()
    return [(int(r[0]), str(r[1])) for r in rows]
