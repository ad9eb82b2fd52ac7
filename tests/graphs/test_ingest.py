"""add(infer=True) through the ingest graph: the router, writers in parallel, the op log."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest

from hexamem import Memory
from hexamem.llm import StructuredLLM
from tests.fakes.llm import FunctionLLM, Request, ScriptedLLM, Value
from tests.helpers import JUNE

MOVE = [
    {
        "role": "user",
        "content": "We moved to Berlin last week! My new Wi-Fi password is sunflower42.",
    }
]


def by_prompt(request: Request) -> Value:
    """Reply as the right agent, telling the roles apart by their system prompts."""
    system = request.system
    if "memory manager" in system:
        time.sleep(0.05)
        return {
            "assignments": [
                {"memory_type": "semantic", "instruction": "the move"},
                {"memory_type": "episodic", "instruction": "moving day"},
                {"memory_type": "knowledge_vault", "instruction": "the password"},
            ]
        }
    time.sleep(0.3)  # slow writers: parallel ones overlap
    if "semantic memory" in system:
        return {
            "ops": [
                {
                    "kind": "ADD",
                    "reason": "moved",
                    "payload": {
                        "name": "user",
                        "summary": "The user lives in Berlin",
                        "subject": "user",
                        "relation": "lives_in",
                        "object": "Berlin",
                    },
                }
            ]
        }
    if "episodic memory" in system:
        return {
            "ops": [
                {
                    "kind": "ADD",
                    "payload": {
                        "occurred_at": "2024-06-03T00:00:00+00:00",
                        "actor": "user",
                        "event_type": "move",
                        "summary": "The user moved to Berlin",
                    },
                }
            ]
        }
    return {
        "ops": [
            {
                "kind": "ADD",
                "payload": {
                    "entry_type": "password",
                    "sensitivity": "high",
                    "caption": "home Wi-Fi password",
                    "secret_value": "sunflower42",
                },
            },
            {"kind": "DELETE", "ref": 3, "reason": "made up"},
        ]
    }


@pytest.fixture
def llm() -> FunctionLLM:
    """The router and the three writers of `MOVE`, each answered from its prompt."""
    return FunctionLLM(by_prompt)


@pytest.fixture
def smart_memory(open_memory: Callable[[StructuredLLM], Memory], llm: FunctionLLM) -> Memory:
    """A memory whose agents talk to `llm`."""
    return open_memory(llm)


def test_an_episode_is_routed_to_writers_that_run_in_parallel(
    llm: FunctionLLM, smart_memory: Memory
) -> None:
    result = smart_memory.add(MOVE, user_id="alice", timestamp=JUNE)
    writers = [r for r in llm.requests if "memory manager" not in r.system]
    assert len(writers) == 3 and {r.role for r in writers} == {"writer"}
    overlapping = max(r.started for r in writers) < min(r.ended for r in writers)
    assert overlapping, "writer calls should be in flight at the same time"
    kinds = [(o.kind, o.memory_type.value) for o in result.outcomes]
    assert kinds == [
        ("ADD", "episodic"),
        ("ADD", "semantic"),
        ("ADD", "knowledge_vault"),
        ("NOOP", "knowledge_vault"),
    ]
    assert "never shown" in result.outcomes[-1].reason
    assert (
        smart_memory.search("Where does the user live?", user_id="alice", types=["semantic"])[
            0
        ].item.payload.object
        == "Berlin"
    )


def test_secrets_stay_in_the_vault_and_out_of_every_index(smart_memory: Memory) -> None:
    smart_memory.add(MOVE, user_id="alice", timestamp=JUNE)
    vault = smart_memory.list("alice", "knowledge_vault", reveal_secrets=True)
    assert [v.payload.secret_value for v in vault] == ["sunflower42"]
    for memory_type in ("semantic", "episodic"):
        stored = json.dumps(
            [i.model_dump(mode="json") for i in smart_memory.list("alice", memory_type)]
        )
        assert "sunflower42" not in stored
    assert all(
        h.lexical_rank is None
        for h in smart_memory.search("sunflower42", user_id="alice")
        if h.type.value == "knowledge_vault"
    )


def test_every_call_is_accounted_per_role_and_episode(
    llm: FunctionLLM, smart_memory: Memory
) -> None:
    result = smart_memory.add(MOVE, user_id="alice", timestamp=JUNE)
    usage = smart_memory.usage("alice")
    assert sorted((u.role, u.memory_type or "") for u in usage) == [
        ("manager", ""),
        ("writer", "episodic"),
        ("writer", "knowledge_vault"),
        ("writer", "semantic"),
    ]
    assert {u.episode_id for u in usage} == {result.episode_id}
    assert all(u.input_tokens > 0 and u.output_tokens > 0 and u.latency_s > 0 for u in usage)
    assert len(llm.requests) == 4
    assert usage[0].model == llm.model_for("manager") == "fake-manager"
    assert all(u.model == llm.model_for(u.role) for u in usage)
    assert smart_memory.usage("bob") == []


def test_small_talk_touches_nothing_but_keeps_the_episode(
    scripted: ScriptedLLM, open_memory: Callable[[StructuredLLM], Memory]
) -> None:
    memory = open_memory(scripted)
    scripted.reply({"assignments": []})
    result = memory.add("thanks, bye!", user_id="alice", timestamp=JUNE)
    assert result.outcomes == [] and result.episode_id is not None
    assert len(scripted.requests) == 1 and scripted.requests[0].role == "manager"
    assert memory._c.records.episode_exists(result.episode_id)


def test_without_a_key_the_offline_engine_is_the_provider(memory: Memory) -> None:
    assert memory.llm_provider == "offline"
    result = memory.add("I live in Paris.", user_id="alice")
    assert [o.kind for o in result.outcomes if o.kind == "ADD"]
