"""The temporal knowledge graph, against a real FalkorDB started by the suite."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hexamem import Memory, NotFound, SemanticFact
from hexamem.memory_types import AddEntity
from tests.helpers import APRIL, JUNE, MARCH, edges, lives

MAY = datetime(2024, 5, 1, tzinfo=UTC)


def test_relocation_closes_the_old_fact_and_keeps_it(memory: Memory) -> None:
    [paris] = memory.apply([lives("Alice", "Paris")], user_id="alice", timestamp=MARCH).ids
    result = memory.apply(
        [lives("Alice", "Berlin", supersedes=(paris,))], user_id="alice", timestamp=JUNE
    )
    assert [o.kind for o in result.outcomes] == ["INVALIDATE", "ADD"]

    now = memory.search("Where does Alice live?", user_id="alice", types=["semantic"], k=1)
    assert now[0].item.payload.object == "Berlin"
    april = memory.search(
        "Where does Alice live?", user_id="alice", types=["semantic"], k=1, as_of=APRIL
    )
    assert april[0].item.payload.object == "Paris"

    graph = edges(memory)
    assert [(row[0], row[2]) for row in graph] == [("Alice", "Paris"), ("Alice", "Berlin")]
    paris_edge, berlin_edge = graph
    assert paris_edge[4] == JUNE.timestamp() and paris_edge[5] == JUNE.timestamp()
    assert berlin_edge[4] is None and berlin_edge[5] is None


def test_a_fact_learned_late_about_earlier_times_does_not_close_the_later_one(
    memory: Memory,
) -> None:
    [berlin] = memory.apply(
        [lives("Alice", "Berlin", valid_at=JUNE)], user_id="alice", timestamp=JUNE
    ).ids
    # Weeks later Alice mentions where she lived back in March.
    [paris] = memory.apply(
        [lives("Alice", "Paris", valid_at=MARCH, supersedes=(berlin,))],
        user_id="alice",
        timestamp=datetime(2024, 7, 1, tzinfo=UTC),
    ).ids
    assert memory.get(berlin).current and memory.get(berlin).invalid_at is None
    late = memory.get(paris)
    assert late.valid_at == MARCH and late.invalid_at == JUNE and late.expired_at is None
    current = memory.search("Where does Alice live?", user_id="alice", types=["semantic"])
    assert [h.id for h in current] == [berlin]
    april = memory.search(
        "Where does Alice live?", user_id="alice", types=["semantic"], as_of=APRIL
    )
    assert [h.id for h in april] == [paris]


def test_the_same_fact_again_is_reasserted_not_duplicated(memory: Memory) -> None:
    [first] = memory.apply(
        [lives("Alice", "Paris", source_episode="ep-1")], user_id="alice", timestamp=MARCH
    ).ids
    again = memory.apply(
        [lives("alice", "PARIS", source_episode="ep-2")], user_id="alice", timestamp=APRIL
    )
    assert [(o.kind, o.id) for o in again.outcomes] == [("REASSERT", first)]
    assert len(memory.list("alice", "semantic")) == 1
    assert memory.get(first).provenance.episodes() == ("ep-1", "ep-2")
    assert [h.op for h in memory.history(first)] == ["ADD", "REASSERT"]
    assert len(edges(memory)) == 1
    assert edges(memory)[0][-1] == f"{first}:1"


def test_updating_a_fact_moves_its_edge_to_the_new_object(memory: Memory) -> None:
    [fact_id] = memory.apply([lives("Alice", "Paris")], user_id="alice", timestamp=MARCH).ids
    memory.update(fact_id, object="Lyon", summary="Alice lives in Lyon", timestamp=JUNE)
    graph = edges(memory)
    assert [(row[2], row[6]) for row in graph] == [
        ("Paris", f"{fact_id}:1"),
        ("Lyon", f"{fact_id}:2"),
    ]
    assert graph[0][5] == JUNE.timestamp()


def test_two_users_with_the_same_names_never_see_each_others_facts(memory: Memory) -> None:
    memory.apply([lives("Alice", "Paris")], user_id="alice")
    memory.apply([lives("Alice", "Tokyo")], user_id="bob")
    assert [row[2] for row in edges(memory, "alice")] == ["Paris"]
    assert [row[2] for row in edges(memory, "bob")] == ["Tokyo"]
    alice_entity = memory._c.entities.named("alice", ["alice"])[0]
    bob_entity = memory._c.entities.named("bob", ["alice"])[0]
    assert alice_entity.id != bob_entity.id
    hits = memory.search("Alice lives", user_id="bob", types=["semantic"])
    assert {h.item.payload.object for h in hits} == {"Tokyo"}


def test_forget_removes_facts_and_entities_from_the_graph(memory: Memory) -> None:
    [fact_id] = memory.apply([lives("Alice", "Paris")], user_id="alice").ids
    memory.apply([lives("Alice", "Rome", supersedes=(fact_id,))], user_id="alice")
    memory.forget(fact_id)
    assert [row[2] for row in edges(memory)] == ["Rome"]
    memory.forget(user_id="alice")
    assert edges(memory) == []
    assert memory._c.entities.named("alice", ["alice"]) == []


def test_out_of_order_within_a_batch_and_bad_supersedes(memory: Memory) -> None:
    with pytest.raises(NotFound):
        memory.apply([lives("Alice", "Rome", supersedes=("mem_nope",))], user_id="alice")
    assert edges(memory) == []
    with pytest.raises(ValueError):
        SemanticFact(name="Alice", summary="x", subject="Alice", relation="lives_in")


def test_export_and_import_carry_entities_and_rebuild_the_graph(memory: Memory) -> None:
    memory.apply(
        [AddEntity(name="Alice Martin", entity_type="person", aliases=("Ali",))], user_id="alice"
    )
    [paris] = memory.apply([lives("Ali", "Paris")], user_id="alice", timestamp=MARCH).ids
    memory.apply([lives("Ali", "Berlin", supersedes=(paris,))], user_id="alice", timestamp=JUNE)
    before = edges(memory)
    dump = memory.export("alice", reveal_secrets=True)
    memory.forget(user_id="alice")
    assert edges(memory) == []
    memory.import_(dump)
    assert edges(memory) == before
    assert [e.item.payload.object for e in memory.timeline("Ali", user_id="alice")] == [
        "Paris",
        "Berlin",
    ]


def test_edges_and_episodes_carry_their_provenance(memory: Memory) -> None:
    result = memory.add(
        [{"role": "user", "content": "I live in Paris", "id": "msg-1"}],
        user_id="alice",
        timestamp=MARCH,
        infer=False,
    )
    memory.apply(
        [lives("Alice", "Paris", source_episode=result.episode_id, message_ids=("msg-1",))],
        user_id="alice",
        timestamp=MARCH,
    )
    mentions = memory._c.graph.mentions("alice")
    assert sorted(m.entity for m in mentions) == ["Alice", "Paris"]
    assert all(m.episode_id == result.episode_id and m.message_ids == ("msg-1",) for m in mentions)
    [fact] = memory._c.graph.fact_edges("alice")
    assert fact.edge.episode_ids == (result.episode_id,) and fact.edge.message_ids == ("msg-1",)


def test_indexes_found_in_place_when_a_graph_is_created_are_no_error(
    memory: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a graph server restart, the statement that created an index may be sent
    again: the index is there, and the write goes on instead of failing for good."""
    memory.apply([lives("Ana", "Oslo")], user_id="u", timestamp=MARCH)
    store = memory._c.graph
    store._graphs.clear()
    monkeypatch.setattr(store._client.connection, "exists", lambda name: 0)
    memory.apply([lives("Bo", "Rome")], user_id="u", timestamp=APRIL)
    assert {row[2] for row in edges(memory, "u")} == {"Oslo", "Rome"}
