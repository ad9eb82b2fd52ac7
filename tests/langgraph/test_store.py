"""HexamemStore as a LangGraph BaseStore: direct use and inside a compiled graph."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypedDict

import pytest
from langgraph.graph import END, START, StateGraph
from langgraph.store.base import InvalidNamespaceError

from hexamem import Memory
from hexamem.langgraph import HexamemStore


def test_put_get_search_and_delete_round_trip(memory: Memory) -> None:
    store = HexamemStore(memory)
    space = ("memories", "alice")
    store.put(space, "pref-1", {"content": "Alice prefers green tea", "kind": "preference"})
    store.put(
        space, "fact-1", {"type": "semantic", "name": "Alice", "summary": "Alice lives in Berlin"}
    )
    item = store.get(space, "pref-1")
    assert item is not None and item.value == {
        "content": "Alice prefers green tea",
        "kind": "preference",
    }
    assert item.namespace == space
    hits = store.search(("memories", "alice"), query="green tea", limit=1)
    assert hits[0].key == "pref-1" and hits[0].score is not None
    assert [h.key for h in store.search(space, filter={"kind": "preference"})] == ["pref-1"]

    store.put(space, "pref-1", {"content": "Alice prefers black coffee", "kind": "preference"})
    assert store.get(space, "pref-1").value["content"] == "Alice prefers black coffee"
    assert [h.op for h in memory.history("pref-1")] == ["ADD", "UPDATE"]
    store.delete(space, "pref-1")
    assert store.get(space, "pref-1") is None
    assert memory.get("pref-1").expired_at is not None  # closed, not destroyed


def test_users_are_namespaces_and_do_not_mix(memory: Memory) -> None:
    store = HexamemStore(memory)
    store.put(("memories", "alice"), "a1", {"content": "Alice likes chess"})
    store.put(("memories", "bob"), "b1", {"content": "Bob likes chess"})
    assert [h.key for h in store.search(("memories", "bob"), query="chess")] == ["b1"]
    assert store.get(("memories", "bob"), "a1") is None
    assert sorted(store.list_namespaces()) == [("memories", "alice"), ("memories", "bob")]
    assert store.list_namespaces(suffix=("bob",)) == [("memories", "bob")]
    with pytest.raises(InvalidNamespaceError):
        store.get((), "a1")


def test_a_compiled_graph_reads_and_writes_memory_through_its_store(memory: Memory) -> None:
    class State(TypedDict):
        user: str
        reply: str

    def remember_and_recall(state: State, *, store) -> State:
        space = ("memories", state["user"])
        store.put(space, "likes-1", {"content": "The user loves sourdough bread"})
        best = store.search(space, query="what bread does the user love", limit=1)
        return {"user": state["user"], "reply": best[0].value["content"]}

    graph = StateGraph(State)
    graph.add_node("chat", remember_and_recall)
    graph.add_edge(START, "chat")
    graph.add_edge("chat", END)
    app = graph.compile(store=HexamemStore(memory))
    out = app.invoke({"user": "carol", "reply": ""})
    assert out["reply"] == "The user loves sourdough bread"
    assert memory.get("likes-1", user_id="carol").current


def test_tools_are_scoped_to_the_user_in_the_config(memory: Memory) -> None:
    from hexamem import InvalidInput
    from hexamem.langgraph import memory_tools

    search, remember, forget = memory_tools(memory)
    assert "config" not in search.args and "user_id" not in search.args  # hidden from models
    alice = {"configurable": {"user_id": "alice"}}
    done = remember.invoke({"content": "I live in Paris."}, config=alice)
    assert "ADD semantic" in done
    context = search.invoke({"query": "where do I live"}, config=alice)
    assert "Paris" in context
    assert "Paris" not in search.invoke(
        {"query": "where do I live"}, config={"configurable": {"user_id": "bob"}}
    )
    fact_id = memory.list("alice", "semantic")[0].id
    assert forget.invoke({"memory_id": fact_id}, config=alice).startswith(f"closed {fact_id}")
    assert memory.list("alice", "semantic") == []
    with pytest.raises(InvalidInput, match="configurable.user_id"):
        search.invoke({"query": "anything"}, config={})


def test_the_ingest_and_answer_graphs_work_as_subgraph_nodes(memory: Memory) -> None:
    class Outer(TypedDict, total=False):
        messages: list
        user_id: str
        observed_at: str
        outcome: object
        question: str
        asked_at: datetime
        as_of: datetime | None
        result: object

    outer = StateGraph(Outer)
    outer.add_node("remember", memory.ingest_graph)
    outer.add_node("recall", memory.answer_graph)
    outer.add_edge(START, "remember")
    outer.add_edge("remember", "recall")
    outer.add_edge("recall", END)
    out = outer.compile().invoke(
        {
            "messages": [{"role": "user", "content": "I live in Lisbon."}],
            "user_id": "erin",
            "observed_at": "2024-05-01T10:00:00Z",
            "question": "Where does Erin live?",
            "asked_at": datetime(2024, 5, 2, tzinfo=UTC),
            "as_of": None,
        }
    )
    assert [o.kind for o in out["outcome"].outcomes if o.kind == "ADD"]
    assert "Lisbon" in out["result"].answer and out["result"].used_ids
    assert memory.list("erin", "semantic")[0].payload.object == "Lisbon"
