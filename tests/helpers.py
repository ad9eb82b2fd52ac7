"""Small builders shared by the tests: dates, facts, secrets, and counts of what was stored."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hexamem import Add, Memory, SemanticFact, VaultEntry

MARCH = datetime(2024, 3, 1, 10, tzinfo=UTC)
APRIL = datetime(2024, 4, 15, tzinfo=UTC)
JUNE = datetime(2024, 6, 10, 9, tzinfo=UTC)


def fact(summary: str, name: str = "Alice") -> Add:
    return Add(payload=SemanticFact(name=name, summary=summary), reason="test")


def triple(subject: str, relation: str, obj: str, summary: str, **extra) -> Add:
    """A fact that is also a graph edge."""
    payload = SemanticFact(
        name=subject, summary=summary, subject=subject, relation=relation, object=obj
    )
    return Add(payload=payload, **extra)


def secret(value: str = "hunter2") -> Add:
    return Add(
        payload=VaultEntry(
            entry_type="password",
            sensitivity="high",
            caption="home wifi password",
            secret_value=value,
        )
    )


def store_counts(memory: Memory, user_id: str = "alice") -> dict[str, int]:
    """Rows in every store, to prove a failed call wrote nothing anywhere."""
    components = memory._c
    with components.db.reading() as conn:
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("items", "history", "episodes", "batches", "lexical")
        }
    counts["vectors"] = components.vectors.count(user_id)
    return counts


def lives(person: str, city: str, **extra) -> Add:
    """A stated home: a fact that is also a `lives_in` graph edge."""
    payload = SemanticFact(
        name=person,
        summary=f"{person} lives in {city}",
        subject=person,
        relation="lives_in",
        object=city,
    )
    return Add(payload=payload, reason="stated", **extra)


def edges(memory: Memory, user: str = "alice") -> list[list]:
    """subject, relation, object, valid_at, invalid_at, expired_at, id of every fact edge."""
    return [
        [f.subject, e.relation, f.object, e.valid_at, e.invalid_at, e.expired_at, e.id]
        for f in memory._c.graph.fact_edges(user)
        for e in [f.edge]
    ]


def remember_then_recall(memory: Memory, schema: type) -> Any:
    """A graph of `schema` whose two nodes are hexamem's ingest and answer graphs."""
    from langgraph.graph import END, START, StateGraph

    graph = StateGraph(schema)
    graph.add_node("remember", memory.ingest_graph)
    graph.add_node("recall", memory.answer_graph)
    graph.add_edge(START, "remember")
    graph.add_edge("remember", "recall")
    graph.add_edge("recall", END)
    return graph.compile()
