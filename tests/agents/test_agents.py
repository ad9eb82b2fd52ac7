"""The agents (router, writers, answer) as plain functions, on a scripted model."""

from __future__ import annotations

from datetime import UTC, datetime

from hexamem import Add, Memory, SemanticFact
from hexamem.agents import run_answer, run_router, run_writer
from hexamem.agents.answer import DONT_KNOW
from hexamem.agents.writer import MAX_OPS_PER_REPLY
from hexamem.memory_types import Delete, Episode, MemoryType, Message, Noop, Update
from tests.fakes.llm import ScriptedLLM
from tests.helpers import JUNE, MARCH, lives, store_counts

EPISODE = Episode(
    id="ep-1",
    user_id="alice",
    observed_at=JUNE,
    messages=(Message(id="m1", role="user", content="We moved to Berlin last week."),),
)


def write(scripted: ScriptedLLM, memory_type: MemoryType, instruction: str, existing, **extra):
    """The writer of `memory_type` on `EPISODE`, with no core blocks."""
    return run_writer(
        scripted,
        memory_type=memory_type,
        episode=EPISODE,
        instruction=instruction,
        core={},
        existing=existing,
        **extra,
    )


def seeded(memory: Memory) -> list:
    ids = memory.apply(
        [
            lives("Alice", "Paris"),
            Add(payload=SemanticFact(name="Alice", summary="Alice owns a red bike")),
        ],
        user_id="alice",
        timestamp=MARCH,
    ).ids
    return [memory.get(i) for i in ids]


def test_router_picks_types_once_each(scripted: ScriptedLLM) -> None:
    scripted.reply(
        {
            "assignments": [
                {"memory_type": "semantic", "instruction": "the move"},
                {"memory_type": "episodic", "instruction": "the moving day"},
                {"memory_type": "semantic", "instruction": "duplicate"},
            ]
        }
    )
    result = run_router(scripted, episode=EPISODE, core={})
    assert [(a.memory_type.value, a.instruction) for a in result.decision.assignments] == [
        ("semantic", "the move"),
        ("episodic", "the moving day"),
    ]
    assert result.usage.input_tokens > 0
    [request] = scripted.requests
    assert request.role == "manager" and "We moved to Berlin" in request.user


def test_writer_maps_refs_to_ids_and_rejects_invented_ones(
    scripted: ScriptedLLM, memory: Memory
) -> None:
    home, bike = seeded(memory)
    scripted.reply(
        {
            "ops": [
                {
                    "kind": "ADD",
                    "payload": {
                        "name": "Alice",
                        "summary": "Alice lives in Berlin",
                        "subject": "Alice",
                        "relation": "lives_in",
                        "object": "Berlin",
                    },
                    "supersedes": [1],
                    "valid_at": "2024-06-03T00:00:00+00:00",
                    "reason": "moved",
                },
                {"kind": "DELETE", "ref": 2, "reason": "sold the bike"},
                {"kind": "UPDATE", "ref": 7, "payload": {"summary": "made up"}},
            ]
        }
    )
    result = write(scripted, MemoryType.SEMANTIC, "the move", [home, bike], facts=[home])
    sent = scripted.requests[0].user
    assert home.id not in sent and '"ref": 1' in sent  # the model never sees real ids
    assert f"{home.text} (since" in sent  # graph facts reach the prompt as dated sentences
    add, delete, rejected = result.ops
    assert add.supersedes == (home.id,) and add.source_episode == "ep-1"
    assert add.message_ids == ("m1",)
    assert isinstance(delete, Delete) and delete.target_id == bike.id
    assert isinstance(rejected, Noop) and "invented" in rejected.reason
    assert len(result.rejected) == 1

    applied = memory.apply(result.ops, user_id="alice", timestamp=JUNE)
    assert [o.kind for o in applied.outcomes] == ["INVALIDATE", "ADD", "DELETE", "NOOP"]
    assert (
        memory.search("Where does Alice live?", user_id="alice", k=1)[0].item.payload.object
        == "Berlin"
    )


def test_a_malformed_reply_becomes_a_noop_and_writes_nothing(
    scripted: ScriptedLLM, memory: Memory
) -> None:
    # Retrying a malformed reply is the provider's job (tests/llm); what it finally gives up
    # with, a ModelOutputError, is what the writer sees.
    scripted.reply({"ops": [{"kind": "EXPLODE"}]})
    before = store_counts(memory)
    result = write(scripted, MemoryType.EPISODIC, "the moving day", [])
    assert len(scripted.requests) == 1 and scripted.requests[0].role == "writer"
    [noop] = result.ops
    assert isinstance(noop, Noop) and "model output rejected" in noop.reason
    memory.apply(result.ops, user_id="alice")
    assert {k: v for k, v in store_counts(memory).items() if k != "batches"} == {
        k: v for k, v in before.items() if k != "batches"
    }


def test_update_and_delete_from_a_writer_reach_every_store(
    scripted: ScriptedLLM, memory: Memory
) -> None:
    home, bike = seeded(memory)
    scripted.reply(
        {
            "ops": [
                {
                    "kind": "UPDATE",
                    "ref": 1,
                    "reason": "moved",
                    "payload": {"summary": "Alice lives in Lyon", "object": "Lyon"},
                },
                {"kind": "DELETE", "ref": 2},
            ]
        }
    )
    result = write(scripted, MemoryType.SEMANTIC, "update", [home, bike])
    assert isinstance(result.ops[0], Update)
    memory.apply(result.ops, user_id="alice", timestamp=JUNE)
    assert memory.get(home.id).payload.object == "Lyon"
    hits = memory.search("Lyon", user_id="alice", k=1)
    assert hits[0].id == home.id and hits[0].lexical_rank == 1
    edges = memory._c.graph.fact_edges("alice")
    assert [f.object for f in edges if f.edge.expired_at is None] == ["Lyon"]
    assert memory.search("red bike", user_id="alice", types=["semantic"]) == [] or all(
        h.id != bike.id for h in memory.search("red bike", user_id="alice")
    )


def test_answer_maps_used_refs_and_abstains_when_memory_is_silent(
    scripted: ScriptedLLM, memory: Memory
) -> None:
    seeded(memory)
    results = memory.search("Where does Alice live?", user_id="alice", k=2)
    scripted.reply({"answer": "In Paris.", "used": [1, 9], "abstained": False})
    answered = run_answer(
        scripted,
        question="Where does Alice live?",
        results=results,
        asked_at=datetime(2024, 4, 1, tzinfo=UTC),
    )
    assert answered.answer == "In Paris." and answered.used_ids == [results[0].id]
    assert answered.usage.output_tokens > 0
    sent = scripted.requests[0].user
    assert scripted.requests[0].role == "answer"
    assert "[1]" in sent and results[0].id not in sent

    scripted.reply({"answer": "", "used": [], "abstained": True})
    silent = run_answer(
        scripted, question="What is Alice's blood type?", results=results, asked_at=JUNE
    )
    assert silent.abstained and silent.answer == DONT_KNOW and silent.used_ids == []

    calls = len(scripted.requests)
    empty = run_answer(scripted, question="Anything?", results=[], asked_at=JUNE)
    assert empty.abstained and len(scripted.requests) == calls  # no call without memories


def test_a_writer_reply_over_the_limits_keeps_what_fits_and_records_the_rest(
    scripted: ScriptedLLM,
) -> None:
    fact = {"kind": "ADD", "payload": {"name": "Alice", "summary": "Alice moved"}}
    huge = {"kind": "ADD", "payload": {"name": "Alice", "summary": "x" * 30_000}}
    scripted.reply({"ops": [huge] + [fact] * (MAX_OPS_PER_REPLY + 4)})
    result = write(scripted, MemoryType.SEMANTIC, "the move", [])
    kept = [op for op in result.ops if not isinstance(op, Noop)]
    refused = [op.reason for op in result.ops if isinstance(op, Noop)]
    assert len(kept) == MAX_OPS_PER_REPLY - 1  # the first forty, less the oversized one
    assert any("5 ops over the limit" in reason for reason in refused)
    assert any("payload of" in reason and "limit" in reason for reason in refused)


def test_an_invalid_manager_reply_keeps_the_episode_and_says_why(
    smart_memory: Memory, scripted: ScriptedLLM
) -> None:
    scripted.reply({"assignments": "not a list"})
    result = smart_memory.add("We moved to Berlin last week.", user_id="alice", timestamp=JUNE)
    assert result.episode_id is not None
    assert len(smart_memory._c.records.episodes("alice")) == 1
    [outcome] = result.outcomes
    assert outcome.kind == "NOOP" and "manager reply rejected" in outcome.reason
