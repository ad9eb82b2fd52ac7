"""One contract for every `VectorStore` backend: embedded Chroma, a Chroma server, and
pgvector on a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from hexamem.stores.postgres import PostgresDatabase
from hexamem.stores.vector import VectorStore
from hexamem.stores.vector.chroma import ChromaVectorStore
from hexamem.stores.vector.pgvector import PgVectorStore


@pytest.fixture(params=["embedded", "server", "pgvector"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[VectorStore]:
    database = None
    backend: VectorStore
    if request.param == "embedded":
        backend = ChromaVectorStore.embedded(tmp_path / "chroma")
    elif request.param == "server":
        backend = ChromaVectorStore.remote(request.getfixturevalue("chroma_server"))
    else:
        database = PostgresDatabase(request.getfixturevalue("postgres_url"))
        backend = PgVectorStore(database, 384)
    yield backend
    backend.close()
    if database is not None:
        database.close()


def unit(*values: float) -> np.ndarray:
    vector = np.zeros(384, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


def scope(request: pytest.FixtureRequest, name: str) -> str:
    """Scopes unique per test, since the server outlives a test."""
    return f"{request.node.name}/{name}"


def test_query_returns_nearest_first_with_cosine_similarity(store, request) -> None:
    user = scope(request, "alice")
    store.upsert(user, ["a:1", "b:1", "c:1"], np.stack([unit(1, 0), unit(1, 1), unit(0, 1)]))
    hits = store.query(user, unit(1, 0.1), 3)
    assert [h.key for h in hits] == ["a:1", "b:1", "c:1"]
    assert hits[0].similarity == pytest.approx(float(unit(1, 0) @ unit(1, 0.1)), abs=1e-4)


def test_upsert_is_idempotent_and_replaces(store, request) -> None:
    user = scope(request, "alice")
    store.upsert(user, ["a:1"], np.stack([unit(1, 0)]))
    store.upsert(user, ["a:1"], np.stack([unit(0, 1)]))
    assert store.count(user) == 1
    assert store.query(user, unit(0, 1), 1)[0].similarity == pytest.approx(1.0, abs=1e-4)


def test_scopes_are_isolated(store, request) -> None:
    alice, bob = scope(request, "alice"), scope(request, "bob")
    store.upsert(alice, ["a:1"], np.stack([unit(1, 0)]))
    store.upsert(bob, ["b:1"], np.stack([unit(1, 0)]))
    assert [h.key for h in store.query(bob, unit(1, 0), 10)] == ["b:1"]
    assert store.query(scope(request, "nobody"), unit(1, 0), 10) == []


def test_among_restricts_the_candidates(store, request) -> None:
    user = scope(request, "alice")
    store.upsert(user, ["a:1", "b:1", "c:1"], np.stack([unit(1, 0), unit(1, 1), unit(0, 1)]))
    assert [h.key for h in store.query(user, unit(1, 0), 5, among=["c:1", "b:1"])] == [
        "b:1",
        "c:1",
    ]
    assert store.query(user, unit(1, 0), 5, among=[]) == []


def test_delete_keys_then_the_whole_scope(store, request) -> None:
    user = scope(request, "alice")
    store.upsert(user, ["a:1", "b:1"], np.stack([unit(1, 0), unit(0, 1)]))
    store.delete(user, ["a:1", "missing:1"])
    assert [h.key for h in store.query(user, unit(1, 0), 5)] == ["b:1"]
    store.delete(user)
    assert store.count(user) == 0
    store.delete(user)  # deleting a missing scope is fine


def test_keys_lists_a_scope_or_checks_some(store, request) -> None:
    user, other = scope(request, "alice"), scope(request, "bob")
    assert store.keys(user) == set()
    store.upsert(user, ["a:1", "b:1"], np.stack([unit(1, 0), unit(0, 1)]))
    store.upsert(other, ["c:1"], np.stack([unit(1, 0)]))
    assert store.keys(user) == {"a:1", "b:1"}
    assert store.keys(user, among=["b:1", "c:1", "zz:9"]) == {"b:1"}
    assert store.keys(user, among=[]) == set()


def test_pgvector_walks_the_index_for_a_large_scope_and_still_fills_k(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hexamem.stores.vector.pgvector as pgvector

    database = PostgresDatabase(postgres_url)
    backend = PgVectorStore(database, 384)
    rng = np.random.default_rng(7)
    crowd = rng.normal(size=(2000, 384)).astype(np.float32)
    backend.upsert("others", [f"o:{n}" for n in range(2000)], crowd)  # most of the index
    mine = rng.normal(size=(30, 384)).astype(np.float32)
    backend.upsert("me", [f"m:{n}" for n in range(30)], mine)
    exact = backend.query("me", mine[3], 10)
    monkeypatch.setattr(pgvector, "EXACT_UP_TO", 0)  # as if "me" were a very large scope
    walked = backend.query("me", mine[3], 10)
    assert len(walked) == 10 and all(h.key.startswith("m:") for h in walked)
    assert walked[0].key == exact[0].key == "m:3"
    database.close()


def test_pgvector_serves_memories_in_two_schemas_of_one_database(
    postgres_url: str, postgres_server
) -> None:
    import psycopg

    with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
        conn.execute("CREATE SCHEMA IF NOT EXISTS second_memory")
    second_url = postgres_server.url() + "?options=-csearch_path%3Dsecond_memory"
    first, second = PostgresDatabase(postgres_url), PostgresDatabase(second_url)
    try:
        for database in (first, second):  # the extension lives in one schema for both
            backend = PgVectorStore(database, 384)
            backend.upsert("u", ["a:1"], np.stack([unit(1, 0)]))
            assert [h.key for h in backend.query("u", unit(1, 0), 1)] == ["a:1"]
    finally:
        first.close()
        second.close()
        with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
            conn.execute("DROP SCHEMA second_memory CASCADE")
