"""Every public method of `Memory`, against embedded Chroma and real SQLite."""

from __future__ import annotations

import json

import pytest

from hexamem import (
    Add,
    CoreBlock,
    EpisodicEvent,
    Memory,
    MemoryType,
    NotFound,
    Procedure,
    Resource,
)
from hexamem.memory_types import REDACTED
from hexamem.results import BatchResult
from tests.helpers import APRIL, JUNE, MARCH, fact, secret


def test_add_without_inference_stores_each_message_as_an_episodic_memory(memory: Memory) -> None:
    result = memory.add(
        [
            {"role": "user", "content": "I adopted a cat called Miso", "name": "Alice"},
            {"role": "assistant", "content": "Congratulations on Miso!"},
        ],
        user_id="alice",
        session_id="s1",
        timestamp=MARCH,
        infer=False,
    )
    assert [o.kind for o in result.outcomes] == ["ADD", "ADD"]
    first = memory.get(result.ids[0])
    assert isinstance(first.payload, EpisodicEvent)
    assert first.payload.actor == "Alice" and first.payload.occurred_at == MARCH
    assert first.valid_at == MARCH and first.created_at == MARCH
    assert first.provenance.episode_id == result.episode_id
    assert first.provenance.message_ids == (f"{result.episode_id}:0",)
    hits = memory.search("cat Miso", user_id="alice", k=1)
    assert hits[0].id == first.id


def test_add_accepts_a_string_or_a_single_dict(memory: Memory) -> None:
    one = memory.add("Just a note", user_id="alice", infer=False)
    two = memory.add(
        {"role": "user", "content": "Another", "id": "m-7"}, user_id="alice", infer=False
    )
    assert len(one.ids) == len(two.ids) == 1
    assert memory.get(two.ids[0]).provenance.message_ids == ("m-7",)


def test_apply_adds_every_memory_type(memory: Memory) -> None:
    ops = [
        Add(payload=CoreBlock(label="human", value="Alice, a nurse in Paris")),
        Add(
            payload=EpisodicEvent(
                occurred_at=MARCH, actor="Alice", event_type="trip", summary="Alice flew to Rome"
            )
        ),
        fact("Alice lives in Paris"),
        Add(
            payload=Procedure(
                entry_type="guide",
                summary="Reset the router",
                steps=["Unplug it", "Wait ten seconds", "Plug it in"],
            )
        ),
        Add(
            payload=Resource(
                title="Q3 plan",
                resource_type="document",
                summary="Roadmap",
                uri="file:///docs/q3.pdf",
            )
        ),
        secret(),
    ]
    result = memory.apply(ops, user_id="alice", timestamp=MARCH)
    stored = {memory.get(i).type for i in result.ids}
    assert stored == set(MemoryType)
    assert memory.search("router unplug", user_id="alice", k=1)[0].type is MemoryType.PROCEDURAL


def test_search_returns_score_type_and_dates(memory: Memory) -> None:
    memory.apply([fact("Alice lives in Paris")], user_id="alice", timestamp=MARCH)
    hit = memory.search("Where does Alice live?", user_id="alice")[0]
    assert hit.score > 0 and hit.type is MemoryType.SEMANTIC
    assert hit.vector_rank == 1 and hit.lexical_rank == 1
    assert hit.item.valid_at == MARCH and hit.item.invalid_at is None


def test_messages_of_one_add_keep_their_own_times(memory: Memory) -> None:
    result = memory.add(
        [
            {"role": "user", "content": "I adopted a cat called Miso", "timestamp": MARCH},
            {"role": "assistant", "content": "Congratulations on Miso!"},
            {"role": "user", "content": "Miso learned to open doors", "timestamp": APRIL},
        ],
        user_id="alice",
        timestamp=JUNE,
        infer=False,
    )
    adopted, congrats, doors = (memory.get(i) for i in result.ids)
    assert adopted.payload.occurred_at == adopted.valid_at == MARCH
    assert congrats.payload.occurred_at == congrats.valid_at == JUNE  # the call's time
    assert doors.payload.occurred_at == doors.valid_at == APRIL
    [episode] = memory._c.records.episodes("alice")
    assert [m.at for m in episode.messages] == [MARCH, None, APRIL]


def test_a_search_hit_names_the_episode_and_message_it_came_from(memory: Memory) -> None:
    added = memory.add("I moved to Lyon", user_id="alice", timestamp=MARCH, infer=False)
    assert isinstance(added, BatchResult) and added.episode_id is not None
    hit = memory.search("Lyon", user_id="alice", k=1)[0]
    assert hit.item.provenance.episode_id == added.episode_id
    assert len(hit.item.provenance.message_ids) == 1


def test_search_filters_by_type(memory: Memory) -> None:
    memory.apply([fact("Alice likes green tea")], user_id="alice", timestamp=MARCH)
    memory.add("I like green tea too", user_id="alice", timestamp=MARCH, infer=False)
    hits = memory.search("green tea", user_id="alice", types=["episodic"])
    assert hits and {h.type for h in hits} == {MemoryType.EPISODIC}


def test_update_supersedes_and_search_sees_current_then_as_of_the_past(memory: Memory) -> None:
    [item_id] = memory.apply([fact("Alice lives in Paris")], user_id="alice", timestamp=MARCH).ids
    updated = memory.update(item_id, summary="Alice lives in Berlin", timestamp=JUNE)
    assert updated.version == 2 and updated.valid_at == JUNE and updated.created_at == MARCH

    now_hits = memory.search("where does Alice live", user_id="alice")
    assert [h.item.payload.summary for h in now_hits] == ["Alice lives in Berlin"]

    april = memory.search("where does Alice live", user_id="alice", as_of=APRIL)
    assert [h.item.payload.summary for h in april] == ["Alice lives in Paris"]
    assert april[0].item.invalid_at == JUNE and april[0].item.expired_at == JUNE

    everything = memory.search("where does Alice live", user_id="alice", include_expired=True)
    assert {h.item.version for h in everything} == {1, 2}


def test_since_and_until_bound_when_memories_became_true(memory: Memory) -> None:
    memory.add("Booked the flight to Rome", user_id="alice", timestamp=MARCH, infer=False)
    memory.add("Landed in Rome at last", user_id="alice", timestamp=JUNE, infer=False)
    assert [h.text for h in memory.search("Rome", user_id="alice", since=APRIL)] == [
        "Landed in Rome at last"
    ]
    assert [h.text for h in memory.search("Rome", user_id="alice", until=APRIL)] == [
        "Booked the flight to Rome"
    ]


def test_delete_closes_without_destroying(memory: Memory) -> None:
    [item_id] = memory.apply([fact("Alice owns a red bike")], user_id="alice", timestamp=MARCH).ids
    closed = memory.delete(item_id, timestamp=JUNE, reason="sold it")
    assert closed.expired_at == JUNE and closed.invalid_at == JUNE and not closed.current
    assert memory.search("red bike", user_id="alice") == []
    assert memory.list("alice") == []
    assert [i.id for i in memory.list("alice", include_expired=True)] == [item_id]
    assert memory.search("red bike", user_id="alice", as_of=APRIL)[0].id == item_id


def test_history_records_old_and_new_values_op_time_and_actor(memory: Memory) -> None:
    [item_id] = memory.apply(
        [fact("Alice lives in Paris")], user_id="alice", timestamp=MARCH, actor="semantic-writer"
    ).ids
    memory.update(item_id, summary="Alice lives in Berlin", timestamp=JUNE, reason="moved")
    memory.delete(item_id, timestamp=JUNE, reason="asked to")
    history = memory.history(item_id)
    assert [(h.op, h.from_version, h.to_version) for h in history] == [
        ("ADD", None, 1),
        ("UPDATE", 1, 2),
        ("DELETE", 2, None),
    ]
    add, update, delete = history
    assert add.actor == "semantic-writer" and add.at == MARCH and add.new is not None
    assert update.reason == "moved" and update.at == JUNE
    assert update.old is not None and update.old.payload.summary == "Alice lives in Paris"
    assert update.new is not None and update.new.payload.summary == "Alice lives in Berlin"
    assert delete.old is not None and delete.old.expired_at == JUNE


def test_an_update_that_changes_nothing_is_a_noop(memory: Memory) -> None:
    [item_id] = memory.apply([fact("Alice lives in Paris")], user_id="alice").ids
    result = memory.apply(
        [
            {
                "kind": "UPDATE",
                "memory_type": "semantic",
                "target_id": item_id,
                "payload": {"summary": "Alice lives in Paris"},
            }
        ],
        user_id="alice",
    )
    assert [o.kind for o in result.outcomes] == ["NOOP"]
    assert memory.get(item_id).version == 1


def test_add_then_update_in_one_batch(memory: Memory) -> None:
    result = memory.apply(
        [
            fact("Alice lives in Paris").model_copy(update={"id": "alice-home"}),
            {
                "kind": "UPDATE",
                "memory_type": "semantic",
                "target_id": "alice-home",
                "payload": {"summary": "Alice lives in Lyon"},
            },
        ],
        user_id="alice",
        timestamp=MARCH,
    )
    assert [o.kind for o in result.outcomes] == ["ADD", "UPDATE"]
    assert memory.get("alice-home").payload.summary == "Alice lives in Lyon"


def test_get_list_and_versions(memory: Memory) -> None:
    [item_id] = memory.apply([fact("Alice lives in Paris")], user_id="alice", timestamp=MARCH).ids
    memory.update(item_id, summary="Alice lives in Berlin", timestamp=JUNE)
    assert memory.get(item_id).version == 2
    assert memory.get(item_id, version=1).payload.summary == "Alice lives in Paris"
    with pytest.raises(NotFound):
        memory.get(item_id, version=9)
    assert [i.version for i in memory.list("alice", "semantic")] == [2]
    assert sorted(i.version for i in memory.list("alice", include_expired=True)) == [1, 2]


def test_core_returns_live_blocks_by_label(memory: Memory) -> None:
    result = memory.apply(
        [
            Add(payload=CoreBlock(label="human", value="Alice, nurse")),
            Add(payload=CoreBlock(label="persona", value="A warm, concise assistant")),
        ],
        user_id="alice",
    )
    memory.update(result.ids[0], value="Alice, nurse, lives in Berlin")
    blocks = memory.core("alice")
    assert set(blocks) == {"human", "persona"}
    assert blocks["human"].value == "Alice, nurse, lives in Berlin"
    assert memory.core("bob") == {}


def test_secrets_are_redacted_unless_revealed(memory: Memory) -> None:
    [item_id] = memory.apply([secret("hunter2")], user_id="alice").ids
    assert memory.get(item_id).payload.secret_value == REDACTED
    assert memory.get(item_id, reveal_secrets=True).payload.secret_value == "hunter2"
    hit = memory.search("wifi password", user_id="alice")[0]
    assert hit.item.payload.secret_value == REDACTED
    assert "hunter2" not in hit.text
    # Dense search always returns neighbours; the secret itself is in no index.
    assert all(h.lexical_rank is None for h in memory.search("hunter2", user_id="alice"))
    assert "hunter2" not in memory.export("alice")
    assert "hunter2" in memory.export("alice", reveal_secrets=True)


def test_users_never_see_each_other(memory: Memory) -> None:
    [alice_id] = memory.apply([fact("Alice lives in Paris")], user_id="alice").ids
    memory.apply([fact("Bob lives in Paris", name="Bob")], user_id="bob")
    assert {h.item.user_id for h in memory.search("lives in Paris", user_id="bob")} == {"bob"}
    assert [i.user_id for i in memory.list("bob")] == ["bob"]
    with pytest.raises(NotFound):
        memory.get(alice_id, user_id="bob")
    with pytest.raises(NotFound):
        memory.update(alice_id, user_id="bob", summary="hacked")
    assert memory.get(alice_id).payload.summary == "Alice lives in Paris"


def test_forget_one_memory_purges_every_trace(memory: Memory) -> None:
    [item_id] = memory.apply([fact("Alice lives in Paris")], user_id="alice").ids
    memory.update(item_id, summary="Alice lives in Berlin")
    [kept] = memory.apply([fact("Alice likes tea")], user_id="alice").ids
    assert memory.forget(item_id) == 1
    with pytest.raises(NotFound):
        memory.get(item_id)
    assert (
        memory.search("lives in Berlin Paris", user_id="alice", include_expired=True, k=5)[0].id
        == kept
    )
    assert item_id not in memory.export("alice")


def test_forget_a_user_removes_all_their_data_and_nobody_elses(memory: Memory) -> None:
    memory.apply([fact("Alice lives in Paris"), secret()], user_id="alice")
    memory.add("hello", user_id="alice", infer=False)
    memory.apply([fact("Bob lives in Rome", name="Bob")], user_id="bob")
    assert memory.forget(user_id="alice") == 3
    assert memory.list("alice", include_expired=True) == []
    assert memory.search("Paris", user_id="alice") == []
    assert len(memory.export("alice").splitlines()) == 1  # the header only
    assert len(memory.list("bob")) == 1


def test_export_then_import_rebuilds_the_same_memory(memory: Memory, tmp_path) -> None:
    [item_id] = memory.apply(
        [fact("Alice lives in Paris"), secret()], user_id="alice", timestamp=MARCH
    ).ids[:1]
    memory.update(item_id, summary="Alice lives in Berlin", timestamp=JUNE)
    memory.add("I moved last week", user_id="alice", timestamp=JUNE, infer=False)
    dump = memory.export("alice", reveal_secrets=True)
    assert json.loads(dump.splitlines()[0])["format"] == "hexamem-export"
    before = {(i.id, i.version, i.expired_at) for i in memory.list("alice", include_expired=True)}

    memory.forget(user_id="alice")
    memory.import_(dump)
    after = {(i.id, i.version, i.expired_at) for i in memory.list("alice", include_expired=True)}
    assert after == before
    assert [h.op for h in memory.history(item_id)] == ["ADD", "UPDATE"]
    april = memory.search("where does Alice live", user_id="alice", as_of=APRIL, k=1)
    assert april[0].item.payload.summary == "Alice lives in Paris"
    assert memory.export("alice", reveal_secrets=True) == dump


def test_reopening_keeps_everything(tmp_path, embedder) -> None:
    home = str(tmp_path / "home")
    with Memory.open(home, embedder=embedder) as first:
        [item_id] = first.apply([fact("Alice lives in Paris")], user_id="alice").ids
    with Memory.open(home, embedder=embedder) as second:
        assert second.get(item_id).payload.summary == "Alice lives in Paris"
        assert second.search("Alice Paris", user_id="alice")[0].id == item_id
