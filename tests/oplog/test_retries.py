"""An `add` that failed says whether it will still land, and a retry never stores twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hexamem import InvalidInput, Memory, PendingWrite, StoreError

AT = datetime(2024, 3, 1, 10, tzinfo=UTC)


def episodes(memory: Memory, user: str) -> int:
    return len(memory._c.records.episodes(user))


def test_the_same_idempotency_key_stores_once_per_user(memory: Memory) -> None:
    first = memory.add(
        "I moved to Lyon", user_id="ana", timestamp=AT, infer=False, idempotency_key="turn-1"
    )
    again = memory.add(
        "I moved to Lyon", user_id="ana", timestamp=AT, infer=False, idempotency_key="turn-1"
    )
    assert not first.duplicate and again.duplicate
    assert again.episode_id == first.episode_id and again.batch_id is None
    assert episodes(memory, "ana") == 1 and len(memory.list("ana")) == 1
    other = memory.add(
        "I moved to Oslo", user_id="bo", timestamp=AT, infer=False, idempotency_key="turn-1"
    )
    assert not other.duplicate and other.episode_id != first.episode_id
    with_agents = memory.add(
        "I moved to Lyon", user_id="ana", timestamp=AT, idempotency_key="turn-1"
    )
    assert with_agents.duplicate  # the agents did not run for a stored episode


def test_a_bad_key_is_a_caller_error(memory: Memory) -> None:
    with pytest.raises(InvalidInput, match="idempotency_key"):
        memory.add("hi", user_id="ana", infer=False, idempotency_key="")


def test_a_write_logged_before_the_store_failed_says_so_and_lands_later(failing_memory) -> None:
    memory, graph = failing_memory
    graph.failure = StoreError("graph down", refused=False)
    with pytest.raises(PendingWrite) as failed:
        memory.add(
            "I moved to Lyon", user_id="ana", timestamp=AT, infer=False, idempotency_key="turn-1"
        )
    assert failed.value.episode_id is not None and failed.value.batch_id
    assert "will be applied" in str(failed.value)
    with pytest.raises(StoreError):  # still down: the retry cannot even replay it
        memory.add(
            "I moved to Lyon", user_id="ana", timestamp=AT, infer=False, idempotency_key="turn-1"
        )
    graph.failure = None
    retried = memory.add(
        "I moved to Lyon", user_id="ana", timestamp=AT, infer=False, idempotency_key="turn-1"
    )
    assert retried.duplicate and retried.episode_id == failed.value.episode_id
    assert [i.text for i in memory.list("ana")] == ["I moved to Lyon"]
