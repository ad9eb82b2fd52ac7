"""One contract for every `GraphStore`: FalkorDB always, Neo4j when HEXAMEM_NEO4J_URI is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from falkordb import FalkorDB

from hexamem.stores.graph import EntityNode, FactEdge, GraphBatch, GraphStore
from hexamem.stores.graph.falkordb import FalkorDBGraphStore

NEO4J_URI = os.environ.get("HEXAMEM_NEO4J_URI")


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[GraphStore]:
    namespace = f"{tmp_path}-{uuid.uuid4().hex}"
    if request.param == "falkordb":
        server = request.getfixturevalue("falkordb_server")
        backend: GraphStore = FalkorDBGraphStore(
            FalkorDB(unix_socket_path=str(server.socket_path)), 3, namespace=namespace
        )
    else:
        if not NEO4J_URI:
            pytest.skip("no live Neo4j: set HEXAMEM_NEO4J_URI=neo4j://user:pass@host:7687")
        from hexamem.stores.graph.neo4j import Neo4jGraphStore

        backend = Neo4jGraphStore.connect(NEO4J_URI, 3, namespace=namespace)
    yield backend
    backend.drop("alice")
    backend.drop("bob")
    backend.close()


def entity(entity_id: str, name: str, vector: list[float]) -> EntityNode:
    return EntityNode(entity_id, name, name.lower(), embedding=vector)


def edge(fact_id: str, subject: str, obj: str, text: str, vector=None, **times) -> FactEdge:
    item_id, version = fact_id.split(":")
    return FactEdge(
        fact_id,
        item_id,
        int(version),
        subject,
        obj,
        "lives_in",
        text,
        valid_at=times.pop("valid_at", 1.0),
        created_at=1.0,
        embedding=vector,
        **times,
    )


def seed(store: GraphStore, user: str = "alice") -> None:
    store.write(
        user,
        GraphBatch(
            entities=[
                entity("a", "Alice", [1, 0, 0]),
                entity("p", "Paris", [0, 1, 0]),
                entity("b", "Berlin", [0, 0, 1]),
            ],
            facts=[
                edge("f:1", "a", "p", "Alice lives in Paris", [1, 1, 0]),
                edge("g:1", "a", "b", "Alice lives in Berlin", [1, 0, 1], valid_at=2.0),
            ],
            episodes=[("ep1", "s1", 1.0, ("m1",))],
            mentions=[("ep1", "a")],
        ),
    )


def test_vector_and_text_search_over_facts_and_names(store: GraphStore) -> None:
    seed(store)
    assert store.nearest("alice", "facts", [1, 1, 0], 1)[0].id == "f:1"
    assert store.nearest("alice", "facts", [1, 1, 0], 1)[0].score == pytest.approx(1.0, abs=1e-3)
    assert store.nearest("alice", "entities", [0, 0, 1], 1)[0].id == "b"
    assert {h.id for h in store.matching("alice", "facts", "Berlin", 5)} == {"g:1"}
    assert [h.id for h in store.matching("alice", "entities", "alice", 5)] == ["a"]


def test_hops_newest_first_and_closing_keeps_the_edge(store: GraphStore) -> None:
    seed(store)
    assert [row[0] for row in store.facts_touching("alice", ["a"], 10)] == ["g:1", "f:1"]
    store.write(
        "alice",
        GraphBatch(
            facts=[edge("f:1", "a", "p", "Alice lives in Paris", invalid_at=2.0, expired_at=2.0)]
        ),
    )
    rows = store.query(
        "alice",
        "MATCH ()-[f:FACT {id: 'f:1'}]->() RETURN f.invalid_at, f.expired_at, f.embedding IS NULL",
        {},
    )
    assert rows == [[2.0, 2.0, False]]  # closed, embedding kept


def test_writes_are_idempotent_and_users_isolated(store: GraphStore) -> None:
    seed(store)
    seed(store)
    assert len(store.facts_touching("alice", ["a"], 10)) == 2
    assert store.size("alice") == (3, 2) and store.size("bob") == (0, 0)
    assert store.nearest("bob", "facts", [1, 1, 0], 5) == []
    assert store.matching("bob", "entities", "alice", 5) == []
    store.drop("alice")
    assert store.nearest("alice", "facts", [1, 1, 0], 5) == []
    assert store.size("alice") == (0, 0)
