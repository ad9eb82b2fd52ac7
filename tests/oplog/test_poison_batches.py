"""A batch is checked against every store before it is logged, and a logged batch that
no store will take is set aside: one bad value never stops the memory for everyone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from hexamem import Add, InvalidInput, Memory, SemanticFact, StoreError, Update
from hexamem.intake.messages import build_episode, raw_message_ops
from tests.helpers import lives

AT = datetime(2024, 3, 1, 10, tzinfo=UTC)


def rows(memory: Memory, table: str) -> int:
    with memory._c.db.reading() as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.mark.parametrize(
    "call",
    [
        {"user_id": "b\x00b"},
        {"session_id": "s\x00"},
        {"session_id": "s\ud800"},
        {"session_id": "line\nbreak"},
        {"messages": [{"role": "user", "content": "hi", "id": "m\x00"}]},
        {"messages": [{"role": "user", "content": "hi", "name": "Bo\x00b"}]},
        {"messages": "a NUL \x00 inside"},
        {"messages": "a lone surrogate \udc80 inside"},
        {"agent_id": "agent\x00"},
    ],
)
def test_unstorable_input_is_refused_before_anything_is_logged(memory: Memory, call) -> None:
    arguments = {"messages": "hi there", "user_id": "bob", "timestamp": AT, **call}
    with pytest.raises(InvalidInput):
        memory.add(**arguments, infer=False)
    assert rows(memory, "batches") == 0
    memory.add("still working", user_id="amy", timestamp=AT, infer=False)
    assert [i.text for i in memory.list("amy")] == ["still working"]


def test_an_op_with_an_unstorable_value_names_the_op(memory: Memory) -> None:
    good = Add(payload=SemanticFact(name="Ana", summary="Ana lives in Rome"))
    bad = {"kind": "ADD", "payload": {"type": "semantic", "name": "Ana", "summary": "x\x00"}}
    with pytest.raises(InvalidInput, match="NUL") as refused:
        memory.apply([good, bad], user_id="ana", timestamp=AT)
    assert rows(memory, "batches") == 0 and memory.list("ana") == []
    huge = Add(
        payload=SemanticFact(
            name="Ana",
            summary="Ana knows someone",
            subject="Ana",
            relation="knows",
            object="B" * 5000,
        )
    )
    with pytest.raises(InvalidInput, match="limit") as long_name:
        memory.apply([good, huge], user_id="ana", timestamp=AT)
    assert long_name.value.op_index == 1
    assert refused.value.op_index == 1


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:00:00-14:00"])
def test_times_no_store_can_hold_are_caller_errors(memory: Memory, moment: str) -> None:
    with pytest.raises(InvalidInput, match="years 1-9999"):
        memory.add("hi", user_id="bob", timestamp=moment, infer=False)


def test_a_blank_relation_makes_a_plain_fact_not_a_crash(memory: Memory) -> None:
    fact = SemanticFact(name="Ana", summary="Ana likes tea", subject="", relation="", object="")
    [item_id] = memory.apply([Add(payload=fact)], user_id="ana", timestamp=AT).ids
    assert memory.get(item_id).payload.relation is None


def test_queries_are_bounded_and_clean(memory: Memory) -> None:
    with pytest.raises(InvalidInput, match="limit"):
        memory.search("word " * 2000, user_id="bob")
    with pytest.raises(InvalidInput, match="NUL"):
        memory.answer("where\x00", user_id="bob")


def _poison(memory: Memory) -> str:
    """Log a batch the way an older version could have: with a NUL in its session id."""
    episode = build_episode(
        "hi", user_id="bob", session_id="s-poison", at=AT, max_chars=100, max_messages=5
    )
    plan = memory._c.planner.plan(raw_message_ops(episode), user_id="bob", at=AT, episode=episode)
    memory._c.log.write_pending(plan)
    with memory._c.db.transaction() as conn:
        conn.execute(
            "UPDATE batches SET plan = replace(plan, 's-poison', ?) WHERE id = ?",
            ("s\\u0000", plan.batch_id),
        )
    return plan.batch_id


def test_a_logged_batch_that_cannot_be_read_back_is_quarantined(
    tmp_path: Path, embedder, graph_store
) -> None:
    home = str(tmp_path / "home")
    with Memory.open(home, embedder=embedder, graph_store=graph_store) as memory:
        batch_id = _poison(memory)
    with Memory.open(home, embedder=embedder, graph_store=graph_store) as memory:
        [held] = memory.quarantined()
        assert held.batch_id == batch_id and held.user_id == "bob"
        assert "NUL" in held.reason and "s\x00" not in held.reason
        memory.add("hello", user_id="amy", timestamp=AT, infer=False)
        assert rows(memory, "batches WHERE status = 'pending'") == 0
    with Memory.open(home, embedder=embedder, graph_store=graph_store) as memory:
        assert [q.batch_id for q in memory.quarantined("bob")] == [batch_id]
        memory.forget(user_id="bob")
        assert memory.quarantined() == []


def test_a_store_that_refuses_a_batch_gets_it_quarantined_one_that_is_down_keeps_it_pending(
    failing_memory,
) -> None:
    memory, graph = failing_memory
    graph.failure = StoreError("graph down", refused=False)
    with pytest.raises(StoreError):
        memory.add("first", user_id="bob", timestamp=AT, infer=False)
    assert rows(memory, "batches WHERE status = 'pending'") == 1  # it will be applied later
    graph.failure = None
    memory.add("second", user_id="bob", timestamp=AT, infer=False)  # replays the first
    assert sorted(i.text for i in memory.list("bob")) == ["first", "second"]
    graph.failure = StoreError("no such thing", refused=True)
    with pytest.raises(StoreError):
        memory.add("third", user_id="bob", timestamp=AT, infer=False)
    graph.failure = None
    assert [q.reason for q in memory.quarantined()] == ["no such thing"]
    memory.add("fourth", user_id="bob", timestamp=AT, infer=False)
    assert sorted(i.text for i in memory.list("bob")) == ["first", "fourth", "second"]


def test_a_refusal_is_kept_without_the_values_it_echoes_and_goes_with_a_forget(
    failing_memory,
) -> None:
    memory, graph = failing_memory
    [fact] = memory.apply([lives("Bob", "Lyon")], user_id="bob", timestamp=AT).outcomes
    graph.failure = StoreError(
        "FalkorDB query failed: Invalid input 'Bob moved to Nice':\n  CYPHER s='x'", refused=True
    )
    change = Update(memory_type="semantic", target_id=fact.id, payload={"details": "Nice"})
    with pytest.raises(StoreError):
        memory.apply([change], user_id="bob", timestamp=AT)
    graph.failure = None
    [held] = memory.quarantined("bob")
    assert held.reason == "FalkorDB query failed: Invalid input '…':"
    memory.forget(fact.id, user_id="bob")
    assert memory.quarantined() == []  # its plan held what was forgotten


def test_the_log_keeps_only_the_newest_finished_batches(memory: Memory) -> None:
    for n in range(5):
        memory.add(f"note {n}", user_id="bob", timestamp=AT, infer=False)
    assert memory._c.log.compact(keep=2) == 3
    assert rows(memory, "batches") == 2
    assert len(memory.list("bob")) == 5  # the memories and their history stay
    assert all(memory.history(i.id) for i in memory.list("bob"))
