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


def edge(fact_id: str, subject: str, obj: str, text: str, **times) -> FactEdge:
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
                edge("f:1", "a", "p", "Alice lives in Paris"),
                edge("g:1", "a", "b", "Alice lives in Berlin", valid_at=2.0),
            ],
            episodes=[("ep1", "s1", 1.0, ("m1",))],
            mentions=[("ep1", "a")],
        ),
    )


def test_vector_and_text_search_over_entity_names(store: GraphStore) -> None:
    assert store.nearest_entities("alice", [1, 0, 0], 5) == []
    seed(store)
    [best] = store.nearest_entities("alice", [0, 0, 1], 1)
    assert best.id == "b" and best.score == pytest.approx(1.0, abs=1e-3)
    assert [h.id for h in store.matching_entities("alice", "alice", 5)] == ["a"]
    assert store.matching_entities("alice", "?!", 5) == []


def test_hops_newest_first_and_closing_keeps_the_edge(store: GraphStore) -> None:
    seed(store)
    assert [row[0] for row in store.facts_touching("alice", ["a"], 10)] == ["g:1", "f:1"]
    store.write(
        "alice",
        GraphBatch(
            facts=[edge("f:1", "a", "p", "Alice lives in Paris", invalid_at=2.0, expired_at=2.0)]
        ),
    )
    closed = {f.edge.id: f for f in store.fact_edges("alice")}["f:1"]
    assert (closed.edge.invalid_at, closed.edge.expired_at) == (2.0, 2.0)
    assert (closed.subject, closed.object) == ("Alice", "Paris")


def test_the_same_fact_is_found_until_it_is_replaced(store: GraphStore) -> None:
    seed(store)
    assert store.same_fact("alice", ["a"], ["p", "x"], "lives_in") == "f"
    assert store.same_fact("alice", ["a"], ["p"], "works_at") is None
    assert store.same_fact("bob", ["a"], ["p"], "lives_in") is None
    store.write("alice", GraphBatch(facts=[edge("f:1", "a", "p", "Alice", expired_at=3.0)]))
    assert store.same_fact("alice", ["a"], ["p"], "lives_in") is None


def test_episodes_mention_the_entities_they_name(store: GraphStore) -> None:
    seed(store)
    [mention] = store.mentions("alice")
    assert (mention.episode_id, mention.message_ids, mention.entity) == ("ep1", ("m1",), "Alice")
    assert store.mentions("bob") == []


def test_writes_are_idempotent_and_users_isolated(store: GraphStore) -> None:
    seed(store)
    seed(store)
    assert len(store.facts_touching("alice", ["a"], 10)) == 2
    assert store.size("alice") == (3, 2) and store.size("bob") == (0, 0)
    assert store.facts_touching("bob", ["a"], 10) == [] and store.fact_edges("bob") == []
    assert store.matching_entities("bob", "alice", 5) == []
    store.delete_facts("alice", ["g:1"])
    assert [f.edge.id for f in store.fact_edges("alice")] == ["f:1"]
    store.drop("alice")
    assert store.nearest_entities("alice", [1, 0, 0], 5) == []
    assert store.size("alice") == (0, 0)
