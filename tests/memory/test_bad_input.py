"""Every kind of bad input gets a clear `HexamemError`, and nothing is partly written."""

from __future__ import annotations

from datetime import datetime

import pytest

from hexamem import (
    Add,
    CoreBlock,
    HexamemError,
    InvalidInput,
    Memory,
    NotFound,
)
from tests.helpers import MARCH, fact, store_counts


@pytest.fixture
def seeded(memory: Memory) -> tuple[Memory, str]:
    [item_id] = memory.apply([fact("Alice lives in Paris")], user_id="alice", timestamp=MARCH).ids
    return memory, item_id


def test_every_error_is_a_hexamem_error() -> None:
    for error in (InvalidInput, NotFound):
        assert issubclass(error, HexamemError)


def test_unknown_id(seeded) -> None:
    memory, _ = seeded
    for call in (memory.get, memory.history, memory.delete, memory.forget):
        with pytest.raises(NotFound, match="no memory 'mem_nope'"):
            call("mem_nope")
    with pytest.raises(NotFound):
        memory.update("mem_nope", summary="x")
    with pytest.raises(NotFound):
        memory.apply(
            [{"kind": "DELETE", "memory_type": "semantic", "target_id": "mem_nope"}],
            user_id="alice",
        )


def test_an_id_of_another_user_is_not_found_for_them(seeded) -> None:
    memory, item_id = seeded
    before = store_counts(memory)
    with pytest.raises(NotFound, match="for user 'bob'"):
        memory.apply(
            [
                {
                    "kind": "UPDATE",
                    "memory_type": "semantic",
                    "target_id": item_id,
                    "payload": {"summary": "Bob's now"},
                }
            ],
            user_id="bob",
        )
    with pytest.raises(NotFound):
        memory.apply(
            [{"kind": "NOOP", "memory_type": "semantic", "target_id": item_id}], user_id="bob"
        )
    with pytest.raises(NotFound):
        memory.forget(item_id, user_id="bob")
    with pytest.raises(NotFound):
        memory.history(item_id, user_id="bob")
    assert store_counts(memory) == before


@pytest.mark.parametrize(
    "messages, message",
    [
        ("", "content is empty"),
        ("   ", "content is empty"),
        ([], "messages is empty"),
        ([{"role": "user"}], "content is empty"),
        ([{"role": "robot", "content": "hi"}], "role 'robot'"),
        ([{"role": "user", "content": "hi", "mood": "happy"}], "unknown key"),
        ([{"role": "user", "content": 42}], "content is empty"),
        (42, "must be a string, a dict, a LangChain message or a list"),
        ([{"content": "a", "id": "x"}, {"content": "b", "id": "x"}], "ids repeat"),
        ([{"content": "a", "timestamp": "last week"}], "message 0: timestamp: 'last week'"),
        ([{"content": "a", "timestamp": "2024-03-01T10:00:00"}], "message 0: timestamp.*zone"),
        ([{"content": "a", "timestamp": "2999-01-01T00:00:00Z"}], "message 0: .*after the call"),
        (
            [
                {"content": "a", "timestamp": "2024-03-02T10:00:00Z"},
                {"content": "b", "timestamp": "2024-03-01T10:00:00Z"},
            ],
            "message 1: timestamp goes back",
        ),
    ],
)
def test_bad_messages(memory: Memory, messages, message) -> None:
    with pytest.raises(InvalidInput, match=message):
        memory.add(messages, user_id="alice", infer=False)


def test_oversized_messages_follow_the_configured_limits(tmp_path, embedder) -> None:
    with Memory.open(
        str(tmp_path), embedder=embedder, max_message_chars=10, max_messages=2
    ) as memory:
        memory.add("short", user_id="alice", infer=False)
        with pytest.raises(InvalidInput, match="11 characters, over the limit of 10"):
            memory.add("x" * 11, user_id="alice", infer=False)
        with pytest.raises(InvalidInput, match="3 messages in one call; the limit is 2"):
            memory.add(["a", "b", "c"], user_id="alice", infer=False)


@pytest.mark.parametrize("stamp", ["2024-03-01T10:00:00", datetime(2024, 3, 1), "next tuesday"])
def test_naive_or_unparsable_timestamps(memory: Memory, stamp) -> None:
    with pytest.raises(InvalidInput, match="timestamp"):
        memory.add("hello", user_id="alice", timestamp=stamp, infer=False)
    with pytest.raises(InvalidInput):
        memory.apply([fact("x")], user_id="alice", timestamp=stamp)
    with pytest.raises(InvalidInput, match="as_of"):
        memory.search("x", user_id="alice", as_of=stamp)


def test_unknown_memory_type(memory: Memory) -> None:
    with pytest.raises(InvalidInput, match="unknown memory type"):
        memory.search("x", user_id="alice", types=["dreams"])
    with pytest.raises(InvalidInput, match="unknown memory type"):
        memory.list("alice", "dreams")
    with pytest.raises(InvalidInput, match="ops do not validate"):
        memory.apply([{"kind": "ADD", "memory_type": "dreams", "payload": {}}], user_id="alice")


def test_bad_search_arguments(memory: Memory) -> None:
    with pytest.raises(InvalidInput, match="query is empty"):
        memory.search("  ", user_id="alice")
    with pytest.raises(InvalidInput, match="k must be"):
        memory.search("x", user_id="alice", k=0)
    with pytest.raises(InvalidInput, match="user_id"):
        memory.search("x", user_id="")


def test_update_with_invalid_fields_or_values(seeded) -> None:
    memory, item_id = seeded
    with pytest.raises(InvalidInput, match="has no field"):
        memory.update(item_id, colour="red")
    with pytest.raises(InvalidInput, match="does not validate"):
        memory.update(item_id, summary="   ")
    assert memory.get(item_id).version == 1


def test_wrong_type_deleted_target_and_duplicate_ids(seeded) -> None:
    memory, item_id = seeded
    with pytest.raises(InvalidInput, match="is semantic, not episodic"):
        memory.apply(
            [{"kind": "DELETE", "memory_type": "episodic", "target_id": item_id}], user_id="alice"
        )
    with pytest.raises(InvalidInput, match="already exists"):
        memory.apply([fact("again").model_copy(update={"id": item_id})], user_id="alice")
    memory.delete(item_id)
    with pytest.raises(InvalidInput, match="was deleted"):
        memory.update(item_id, summary="back")


def test_two_core_blocks_with_one_label_are_refused(memory: Memory) -> None:
    memory.apply([Add(payload=CoreBlock(label="human", value="Alice"))], user_id="alice")
    with pytest.raises(InvalidInput, match="core block 'human' exists"):
        memory.apply([Add(payload=CoreBlock(label="human", value="Alice again"))], user_id="alice")
    assert memory.apply([Add(payload=CoreBlock(label="human", value="Bob"))], user_id="bob")


def test_a_failing_op_leaves_the_whole_batch_unwritten(seeded) -> None:
    memory, item_id = seeded
    before = store_counts(memory)
    with pytest.raises(NotFound):
        memory.apply(
            [
                fact("Alice likes tea"),
                {
                    "kind": "UPDATE",
                    "memory_type": "semantic",
                    "target_id": item_id,
                    "payload": {"summary": "Alice lives in Rome"},
                },
                {"kind": "DELETE", "memory_type": "semantic", "target_id": "mem_invented"},
            ],
            user_id="alice",
        )
    assert store_counts(memory) == before
    assert memory.get(item_id).version == 1


def test_an_oversized_episode_is_refused_before_any_model_call(memory: Memory) -> None:
    before = store_counts(memory)
    with pytest.raises(InvalidInput, match="over the limit"):
        memory.add("x" * 40_000, user_id="alice")
    assert store_counts(memory) == before


def test_forget_needs_a_target_and_import_rejects_garbage(memory: Memory) -> None:
    with pytest.raises(InvalidInput, match="forget needs"):
        memory.forget()
    with pytest.raises(InvalidInput, match="first line"):
        memory.import_('{"kind": "memory"}\n')
    with pytest.raises(InvalidInput, match="not JSON"):
        memory.import_("{oops\n")


def test_importing_twice_or_redacted_secrets_is_refused_whole(memory: Memory) -> None:
    from tests.helpers import secret

    memory.apply([fact("Alice lives in Paris"), secret()], user_id="alice")
    with pytest.raises(InvalidInput, match="exported without its secret"):
        memory.import_(memory.export("alice"))
    full = memory.export("alice", reveal_secrets=True)
    before = store_counts(memory)
    with pytest.raises(InvalidInput, match="already exists"):
        memory.import_(full)
    assert store_counts(memory) == before
