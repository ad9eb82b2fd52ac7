"""One contract for every `VectorStore` backend: embedded Chroma and a Chroma server."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from hexamem.stores.vector import VectorStore
from hexamem.stores.vector.chroma import ChromaVectorStore


@pytest.fixture(params=["embedded", "server"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[VectorStore]:
    if request.param == "embedded":
        backend = ChromaVectorStore.embedded(tmp_path / "chroma")
    else:
        backend = ChromaVectorStore.remote(request.getfixturevalue("chroma_server"))
    yield backend
    backend.close()


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
