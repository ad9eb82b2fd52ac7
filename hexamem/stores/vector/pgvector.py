"""Vectors in PostgreSQL with pgvector, beside the records: no vector server to run.

One table for every scope, keyed (scope, key), with an HNSW cosine index. A
scope's rows are found by the primary key's scope prefix, so a small user's
search is an exact scan of their own rows, and a large one walks the HNSW index
with iterative scans (pgvector 0.8), which keep looking until enough rows of
the scope are found. Vectors travel as pgvector's text form: no client package.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hexamem.embedding.base import Vectors
from hexamem.errors import ConfigurationError
from hexamem.stores.dialect import Database
from hexamem.stores.migrations import Migration
from hexamem.stores.postgres import MIGRATION_LOCK
from hexamem.stores.vector.base import VectorHit, VectorStore

#: A scope with at most this many vectors is searched exactly, without the index.
EXACT_UP_TO = 20_000


def _schema(ext: str, dimension: int) -> str:
    return f"""
CREATE TABLE IF NOT EXISTS vectors (
    scope      TEXT COLLATE "C" NOT NULL,
    key        TEXT COLLATE "C" NOT NULL,
    embedding  {ext}.vector({dimension}) NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS vectors_hnsw ON vectors
    USING hnsw (embedding {ext}.vector_cosine_ops);
"""


def _extension(db: Database) -> str:
    """The schema the `vector` extension lives in, created in `public` if it is not there:
    an extension is one per database, and each memory's schema names its types through it."""
    with db.transaction() as conn:
        conn.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public")
        row = conn.execute(
            """SELECT n.nspname FROM pg_extension e
               JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vector'"""
        ).fetchone()
    return '"' + str(row[0]).replace('"', '""') + '"'


def has_pgvector(db: Database) -> bool:
    """Whether the server can create the `vector` extension (or has it already)."""
    with db.reading() as conn:
        row = conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        return row.fetchone() is not None


def _text(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{float(x):.7g}" for x in vector) + "]"


class PgVectorStore(VectorStore):
    """`VectorStore` on the memory's own PostgreSQL database."""

    def __init__(self, db: Database, dimension: int) -> None:
        if not has_pgvector(db):
            raise ConfigurationError(
                "this PostgreSQL has no pgvector extension: install it, or set chroma_url "
                "to keep vectors on a Chroma server"
            )
        ext = _extension(db)
        sql = _schema(ext, dimension)
        db.migrate("vectors", (Migration(1, "", f"pgvector, {dimension} dimensions", sql),))
        self._db, self.dimension = db, dimension
        self._distance = f"OPERATOR({ext}.<=>)"
        self._vector = f"{ext}.vector"

    def upsert(self, scope: str, keys: Sequence[str], vectors: Vectors) -> None:
        if not keys:
            return
        rows = [(scope, key, _text(v)) for key, v in zip(keys, np.asarray(vectors), strict=True)]
        with self._db.transaction() as conn:
            conn.executemany(
                f"""INSERT INTO vectors (scope, key, embedding) VALUES (?, ?, ?::{self._vector})
                   ON CONFLICT (scope, key) DO UPDATE SET embedding = excluded.embedding""",
                rows,
            )

    def query(
        self, scope: str, vector: Vectors, n: int, *, among: Sequence[str] | None = None
    ) -> list[VectorHit]:
        if n <= 0 or (among is not None and not among):
            return []
        query = _text(np.asarray(vector, dtype=np.float32).reshape(-1))
        where, params = "scope = ?", list[object]([scope])
        if among is not None:
            where, params = "scope = ? AND key = ANY(?)", [scope, list(among)]
        exact = among is not None or not self._larger_than(scope, EXACT_UP_TO)
        distance = self._distance
        with self._db.transaction() as conn:
            if exact:  # the scope's own rows, in key order from the primary key
                conn.execute("SET LOCAL enable_indexscan = off")
                conn.execute("SET LOCAL enable_bitmapscan = on")
            else:
                conn.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
            rows = conn.execute(
                f"""SELECT key, 1 - (embedding {distance} ?::{self._vector}) AS similarity
                    FROM vectors WHERE {where}
                    ORDER BY embedding {distance} ?::{self._vector} LIMIT ?""",
                [query, *params, query, n],
            ).fetchall()
        hits = [VectorHit(key, float(similarity)) for key, similarity in rows]
        return sorted(hits, key=lambda hit: -hit.similarity)  # relaxed order: re-sorted here

    def _larger_than(self, scope: str, size: int) -> bool:
        """Whether `scope` holds more than `size` vectors, reading at most size + 1 keys
        (a count of a large scope would cost more than the search)."""
        with self._db.reading() as conn:
            row = conn.execute(
                "SELECT 1 FROM vectors WHERE scope = ? OFFSET ? LIMIT 1", (scope, size)
            ).fetchone()
        return row is not None

    def delete(self, scope: str, keys: Sequence[str] | None = None) -> None:
        with self._db.transaction() as conn:
            if keys is None:
                conn.execute("DELETE FROM vectors WHERE scope = ?", (scope,))
            elif keys:
                conn.execute(
                    "DELETE FROM vectors WHERE scope = ? AND key = ANY(?)", (scope, list(keys))
                )

    def count(self, scope: str) -> int:
        with self._db.reading() as conn:
            row = conn.execute("SELECT count(*) FROM vectors WHERE scope = ?", (scope,))
            return int(row.fetchone()[0])

    def keys(self, scope: str, among: Sequence[str] | None = None) -> set[str]:
        if among is not None and not among:
            return set()
        sql, params = "SELECT key FROM vectors WHERE scope = ?", list[object]([scope])
        if among is not None:
            sql, params = sql + " AND key = ANY(?)", [scope, list(among)]
        with self._db.reading() as conn:
            return {row[0] for row in conn.execute(sql, params).fetchall()}
