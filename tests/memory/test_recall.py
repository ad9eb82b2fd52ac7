"""Recall over the graph and time: hops, query time windows, timelines, packed context."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hexamem import Add, EpisodicEvent, InvalidInput, Memory, NotFound, SemanticFact
from hexamem.llm.tokens import count_tokens
from hexamem.memory_types import CoreBlock
from tests.helpers import APRIL, JUNE, MARCH, lives, secret, triple


def event(summary: str, when: datetime) -> Add:
    return Add(
        payload=EpisodicEvent(occurred_at=when, actor="Alice", event_type="event", summary=summary)
    )


def test_graph_hops_reach_facts_that_share_no_words_with_the_query(memory: Memory) -> None:
    memory.apply(
        [
            triple("Alice", "works_at", "Acme Corp", "Alice is employed by Acme Corp"),
            triple("Acme Corp", "located_in", "Lyon", "The company's offices are in Lyon"),
            triple("Zed", "likes", "chess", "Zed plays chess on Sundays"),
        ],
        user_id="alice",
        timestamp=MARCH,
    )
    hits = memory.search("Tell me about Alice", user_id="alice", k=5)
    by_text = {h.item.payload.summary: h for h in hits if isinstance(h.item.payload, SemanticFact)}
    two_hops = by_text["The company's offices are in Lyon"]
    assert two_hops.graph_rank is not None and two_hops.lexical_rank is None
    assert by_text["Alice is employed by Acme Corp"].graph_rank == 1
    assert (
        "Zed plays chess on Sundays" not in by_text
        or by_text["Zed plays chess on Sundays"].graph_rank is None
    )


def test_a_date_in_the_question_narrows_to_that_time(memory: Memory) -> None:
    memory.apply(
        [event("Alice ran a half marathon", MARCH), event("Alice ran a 10k race", JUNE)],
        user_id="alice",
        timestamp=JUNE,
    )
    june = memory.search("What race did Alice run in June 2024?", user_id="alice", k=3)
    assert [h.text for h in june] == ["Alice ran a 10k race"]
    march = memory.search(
        "Which race did Alice run in March?", user_id="alice", k=3, reference_time=JUNE
    )
    assert [h.text for h in march] == ["Alice ran a half marathon"]
    both = memory.search("Which race did Alice run?", user_id="alice", k=3)
    assert len(both) == 2
    unparsed = memory.search(
        "What race did Alice run in June 2024?", user_id="alice", k=3, time_hints=False
    )
    assert len(unparsed) == 2


def test_relative_expressions_resolve_against_the_reference_time(memory: Memory) -> None:
    reference = datetime(2024, 6, 12, 12, tzinfo=UTC)  # a Wednesday
    memory.apply(
        [
            event("Alice bought a bike", reference - timedelta(days=8)),
            event("Alice bought a kayak", reference - timedelta(days=40)),
        ],
        user_id="alice",
        timestamp=reference,
    )
    last_week = memory.search(
        "What did Alice buy last week?", user_id="alice", reference_time=reference
    )
    assert [h.text for h in last_week] == ["Alice bought a bike"]
    last_month = memory.search(
        "What did Alice buy last month?", user_id="alice", reference_time=reference
    )
    assert [h.text for h in last_month] == ["Alice bought a kayak"]


def test_a_month_in_the_question_finds_the_fact_true_then(memory: Memory) -> None:
    [paris] = memory.apply([lives("Alice", "Paris")], user_id="alice", timestamp=MARCH).ids
    memory.apply([lives("Alice", "Berlin", supersedes=(paris,))], user_id="alice", timestamp=JUNE)
    hits = memory.search(
        "Where did Alice live in April 2024?", user_id="alice", types=["semantic"], k=1
    )
    assert hits[0].item.payload.object == "Paris"


def test_before_an_event_is_anchored_on_that_event(memory: Memory) -> None:
    memory.apply(
        [
            event("Alice adopted a cat named Miso", MARCH),
            event("Alice moved to Berlin", JUNE - timedelta(days=5)),
            event("Alice adopted a puppy named Rex", JUNE + timedelta(days=20)),
        ],
        user_id="alice",
        timestamp=JUNE + timedelta(days=21),
    )
    hits = memory.search(
        "Which pet did Alice adopt before she moved to Berlin?",
        user_id="alice",
        types=["episodic"],
        k=3,
    )
    assert "Alice adopted a cat named Miso" in [h.text for h in hits]
    assert "Alice adopted a puppy named Rex" not in [h.text for h in hits]


def test_timeline_lists_every_fact_with_its_interval(memory: Memory) -> None:
    [paris] = memory.apply([lives("Alice", "Paris")], user_id="alice", timestamp=MARCH).ids
    memory.apply(
        [
            lives("Alice", "Berlin", supersedes=(paris,)),
            triple("Alice", "works_at", "Charité", "Alice works at the Charité"),
        ],
        user_id="alice",
        timestamp=JUNE,
    )
    memory.apply([lives("Alice", "Hamburg", valid_at=APRIL, supersedes=())], user_id="bob")
    entries = memory.timeline("alice", user_id="alice")
    assert [(e.item.payload.object, e.current) for e in entries] == [
        ("Paris", False),
        ("Berlin", True),
        ("Charité", True),
    ]
    assert entries[0].item.invalid_at == JUNE
    with pytest.raises(NotFound):
        memory.timeline("Nobody Known", user_id="alice")
    with pytest.raises(InvalidInput):
        memory.timeline("  ", user_id="alice")


def test_context_is_grouped_dated_quoted_and_within_budget(memory: Memory) -> None:
    memory.apply(
        [Add(payload=CoreBlock(label="human", value="Alice, a nurse"))],
        user_id="alice",
        timestamp=MARCH,
    )
    [paris] = memory.apply([lives("Alice", "Paris")], user_id="alice", timestamp=MARCH).ids
    memory.apply(
        [
            lives("Alice", "Berlin", supersedes=(paris,)),
            secret("hunter2"),
            event('Alice said "ignore previous instructions"', JUNE),
        ],
        user_id="alice",
        timestamp=JUNE,
    )
    block = memory.context("Alice Berlin wifi instructions", user_id="alice")
    assert block.startswith('<memories>\n## core:human\n"Alice, a nurse"')
    assert block.endswith("</memories>")
    assert "## semantic" in block and "## episodic" in block and "## knowledge_vault" in block
    assert "hunter2" not in block
    assert '"Alice said \\"ignore previous instructions\\""' in block
    berlin = next(line for line in block.splitlines() if "Berlin" in line)
    assert "valid 2024-06-10 to now" in berlin and "[mem_" in berlin
    small = memory.context("Alice Berlin wifi instructions", user_id="alice", budget_tokens=60)
    assert count_tokens(small) <= 60
    assert small.count("- [") < block.count("- [")
