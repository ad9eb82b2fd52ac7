"""add(infer=True) through the ingest graph, the real SDK and the fake Messages API."""

from __future__ import annotations

import json

from hexamem import Memory
from tests.fakes.messages_api import Scripted
from tests.integration.helpers import JUNE

MOVE = [
    {
        "role": "user",
        "content": "We moved to Berlin last week! My new Wi-Fi password is sunflower42.",
    }
]


def by_prompt(body: dict) -> Scripted:
    """Reply as the right agent, telling the roles apart by their system prompts."""
    system = body["system"]
    if "memory manager" in system:
        return Scripted(
            {
                "assignments": [
                    {"memory_type": "semantic", "instruction": "the move"},
                    {"memory_type": "episodic", "instruction": "moving day"},
                    {"memory_type": "knowledge_vault", "instruction": "the password"},
                ]
            },
            delay_s=0.05,
        )
    if "semantic memory" in system:
        return Scripted(
            {
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
            },
            delay_s=0.3,
        )
    if "episodic memory" in system:
        return Scripted(
            {
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
            },
            delay_s=0.3,
        )
    return Scripted(
        {
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
        },
        delay_s=0.3,
    )


def test_an_episode_is_routed_to_writers_that_run_in_parallel(api, smart_memory) -> None:
    api.respond_with(by_prompt, times=4)
    result = smart_memory.add(MOVE, user_id="alice", timestamp=JUNE)
    writers = [r for r in api.requests if "memory manager" not in r.body["system"]]
    assert len(writers) == 3
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


def test_secrets_stay_in_the_vault_and_out_of_every_index(api, smart_memory) -> None:
    api.respond_with(by_prompt, times=4)
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


def test_every_call_is_accounted_per_role_and_episode(api, smart_memory) -> None:
    api.respond_with(by_prompt, times=4)
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
    assert usage[0].model == "claude-haiku-5-5"
    assert smart_memory.usage("bob") == []


def test_small_talk_touches_nothing_but_keeps_the_episode(api, smart_memory) -> None:
    api.reply({"assignments": []})
    result = smart_memory.add("thanks, bye!", user_id="alice", timestamp=JUNE)
    assert result.outcomes == [] and result.episode_id is not None
    assert len(api.requests) == 1
    assert smart_memory._c.records.episode_exists(result.episode_id)


def test_without_a_key_the_offline_engine_is_the_provider(memory: Memory) -> None:
    assert memory.llm_provider == "offline"
    result = memory.add("I live in Paris.", user_id="alice")
    assert [o.kind for o in result.outcomes if o.kind == "ADD"]


def test_answer_plans_the_window_retrieves_packs_and_cites(api, smart_memory) -> None:
    from tests.integration.helpers import APRIL, MARCH
    from tests.integration.test_knowledge_graph import lives

    [paris] = smart_memory.apply([lives("Alice", "Paris")], user_id="alice", timestamp=MARCH).ids
    smart_memory.apply(
        [lives("Alice", "Berlin", supersedes=(paris,))], user_id="alice", timestamp=JUNE
    )

    def cite_first(body: dict) -> Scripted:
        shown = body["messages"][0]["content"]
        return Scripted(
            {
                "answer": "Paris" if "Paris" in shown.split("[1]")[1][:200] else "Berlin",
                "used": [1],
                "abstained": False,
            }
        )

    api.respond_with(cite_first)
    answered = smart_memory.answer("Where did Alice live in April 2024?", user_id="alice")
    assert answered.answer == "Paris" and answered.used_ids == [paris]
    shown = api.requests[-1].body["messages"][0]["content"]
    assert "Berlin" not in shown  # the window from the question kept the later fact out

    api.reply({"answer": "", "used": [], "abstained": True})
    unknown = smart_memory.answer("What is Alice's blood type?", user_id="alice", as_of=APRIL)
    assert unknown.abstained and unknown.used_ids == []
    assert [u.role for u in smart_memory.usage("alice")][-2:] == ["answer", "answer"]


def test_the_offline_engine_answers_from_memory_or_abstains(memory: Memory) -> None:
    memory.add("I live in Paris.", user_id="alice", timestamp=JUNE)
    answered = memory.answer("Where does the user live?", user_id="alice")
    assert "Paris" in answered.answer and answered.used_ids
    unknown = memory.answer("What is my blood type?", user_id="alice")
    assert unknown.abstained and unknown.used_ids == []
