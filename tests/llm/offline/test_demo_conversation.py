"""The offline engine on a conversation like the demo's: sensible memories, no model."""

from __future__ import annotations

from demo.conversation import SESSIONS
from hexamem import Memory
from hexamem.memory_types import MemoryType

S1, S2 = SESSIONS[0][1], SESSIONS[1][1]


def converse(memory: Memory) -> None:
    for session, at, messages in SESSIONS:
        memory.add(messages, user_id="alice", session_id=session, timestamp=at)


def test_the_demo_conversation_files_memories_by_kind(memory: Memory) -> None:
    converse(memory)
    kinds = {item.type for item in memory.list("alice")}
    assert len(kinds) >= 5, kinds
    assert MemoryType.KNOWLEDGE_VAULT in kinds and MemoryType.PROCEDURAL in kinds


def test_the_relocation_closes_paris_and_makes_berlin_current(memory: Memory) -> None:
    converse(memory)
    homes = [
        e
        for e in memory.timeline("Alice", user_id="alice")
        if e.item.payload.relation == "lives_in"
    ]
    assert [(e.item.payload.object, e.current) for e in homes] == [
        ("Paris", False),
        ("Berlin", True),
    ]
    assert homes[1].item.valid_at < S2  # "last week", resolved against the observation time
    assert homes[0].item.invalid_at == homes[1].item.valid_at
    assert "Lives in: Berlin" in memory.core("alice")["human"].value
    assert "Name: Alice" in memory.core("alice")["human"].value


def test_the_secret_is_in_the_vault_and_nowhere_else(memory: Memory) -> None:
    converse(memory)
    [entry] = memory.list("alice", "knowledge_vault", reveal_secrets=True)
    assert entry.payload.secret_value == "sunflower42" and "password" in entry.payload.caption
    others = [
        i
        for i in memory.list("alice", include_expired=True, reveal_secrets=True)
        if i.type is not MemoryType.KNOWLEDGE_VAULT
    ]
    assert others and all("sunflower42" not in i.model_dump_json() for i in others)
    context = memory.context("wifi password", user_id="alice")
    assert "sunflower42" not in context and "password" in context


def test_steps_links_and_events_are_filed(memory: Memory) -> None:
    converse(memory)
    [guide] = memory.list("alice", "procedural")
    assert guide.payload.steps == ["Unplug it", "Wait ten seconds", "Plug it back in"]
    [lease] = memory.list("alice", "resource")
    assert lease.payload.uri == "https://example.org/lease-berlin.pdf"
    museum = [e for e in memory.list("alice", "episodic") if "Pergamon" in e.text]
    assert museum and museum[0].payload.occurred_at.date().isoformat() == "2024-06-19"


def test_saying_the_same_thing_again_adds_nothing(memory: Memory) -> None:
    memory.add("I live in Paris.", user_id="alice", timestamp=S1)
    again = memory.add("I live in Paris.", user_id="alice", timestamp=S2)
    assert "ADD" not in [o.kind for o in again.outcomes if o.memory_type is MemoryType.SEMANTIC]
    assert len(memory.list("alice", "semantic")) == 1


def test_sharing_only_a_name_is_no_answer(memory: Memory) -> None:
    converse(memory)
    assert memory.answer("What is Alice's blood type?", user_id="alice").abstained
    home = memory.answer("Where does Alice live?", user_id="alice")
    assert "Berlin" in home.answer and not home.abstained
