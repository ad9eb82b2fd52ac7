"""HexamemStore as a LangGraph BaseStore: direct use and inside a compiled graph."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TypedDict

import pytest
from langgraph.graph import END, START, StateGraph
from langgraph.store.base import InvalidNamespaceError, PutOp

from hexamem import HexamemError, InvalidInput, Memory
from hexamem.langgraph import HexamemStore
from tests.helpers import remember_then_recall

AT = datetime(2024, 5, 1, 10, tzinfo=UTC)


def test_each_users_namespace_has_its_own_keys(memory: Memory) -> None:
    store = HexamemStore(memory)
    store.put(("profile", "kim"), "prefs", {"theme": "dark"})
    store.put(("profile", "lee"), "prefs", {"theme": "light"})
    assert store.get(("profile", "kim"), "prefs").value == {"theme": "dark"}
    assert store.get(("profile", "lee"), "prefs").value == {"theme": "light"}
    store.delete(("profile", "kim"), "prefs")
    store.put(("profile", "kim"), "prefs", {"theme": "blue"})  # put after delete
    assert store.get(("profile", "kim"), "prefs").value == {"theme": "blue"}
    assert memory.key_values.count("kim") == 1 and memory.key_values.count("lee") == 1


def test_threads_putting_one_new_key_make_one_item(memory: Memory) -> None:
    store = HexamemStore(memory, index={"embed": lambda texts: [[1.0, 0.0]] * len(texts)})
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: store.put(("t", "u"), "k", {"n": n}), range(8)))
    [item] = store.search(("t", "u"))
    assert item.key == "k" and item.value["n"] in range(8)


@pytest.mark.parametrize(
    "key, value",
    [
        ("user:1", {"content": {"name": "Dana", "city": "Porto"}}),
        ("a@b.c", {"type": "episodic", "summary": "not a hexamem memory, just a field"}),
        ("a b", {"text": "Это русский", "nested": {"list": [1, 2.5, None, True]}}),
    ],
)
def test_values_and_keys_come_back_exactly(memory: Memory, key: str, value: dict) -> None:
    store = HexamemStore(memory)
    store.put(("docs", "a/b"), key, value)
    assert store.get(("docs", "a/b"), key).value == value
    assert store.list_namespaces() == [("docs", "a/b")]  # a slash is part of the label


def test_text_in_any_script_is_found_by_meaning(memory: Memory) -> None:
    store = HexamemStore(memory)
    store.put(("notes", "ivan"), "1", {"text": "Ночью шёл сильный снег"})
    store.put(("notes", "ivan"), "2", {"text": "会议改到星期五下午"})
    store.put(("notes", "ivan"), "3", {"text": "Bought a new bicycle helmet"})
    assert store.search(("notes",), query="Ночью шёл сильный снег", limit=1)[0].key == "1"
    assert store.search(("notes",), query="会议改到星期五下午", limit=1)[0].key == "2"
    assert all(0.0 <= hit.score <= 1.0 for hit in store.search(("notes",), query="helmet"))


def test_filters_apply_before_the_limit(memory: Memory) -> None:
    store = HexamemStore(memory)
    for n in range(15):
        store.put(("cars", "u"), f"blue{n}", {"color": "blue", "size": {"doors": n}})
    store.put(("cars", "u"), "red", {"color": "red", "size": {"doors": 3}})
    assert [h.key for h in store.search((), filter={"color": "red"}, limit=1)] == ["red"]
    found = store.search(("cars",), query="a car", filter={"size.doors": {"$gte": 13}}, limit=5)
    assert sorted(h.key for h in found) == ["blue13", "blue14"]
    with pytest.raises(InvalidInput, match=r"\$gte"):
        store.search(("cars",), filter={"color": {"$like": "r%"}})


def test_store_items_and_typed_memories_stay_apart_unless_mapped(memory: Memory) -> None:
    memory.add("I live in Lisbon.", user_id="erin", timestamp=AT)
    store = HexamemStore(memory)
    store.put(("notes", "erin"), "n1", {"text": "Erin's locker is 42"})
    assert store.list_namespaces() == [("notes", "erin")]
    assert [h.key for h in store.search((), query="Lisbon")] == ["n1"]  # only store items
    assert all("locker" not in i.text for i in memory.list("erin"))
    mapped = HexamemStore(memory, memories="hexamem")
    [fact] = [
        h
        for h in mapped.search(("hexamem", "erin"), query="where does Erin live")
        if h.value["memory_type"] == "semantic"
    ]
    assert "Lisbon" in fact.value["text"] and mapped.get(("hexamem", "erin"), fact.key)
    with pytest.raises(InvalidInput, match="read-only"):
        mapped.put(("hexamem", "erin"), "x", {"text": "sneaked in"})


def test_forgetting_a_user_takes_their_store_items(memory: Memory) -> None:
    store = HexamemStore(memory)
    store.put(("memories", "gus"), "job", {"content": "Gus works at Initech"})
    store.put(("memories", "hal"), "job", {"content": "Hal works at Globex"})
    memory.forget(user_id="gus")
    assert store.get(("memories", "gus"), "job") is None
    assert store.get(("memories", "hal"), "job") is not None


def test_items_expire_after_their_ttl_and_reads_can_renew_it(memory: Memory) -> None:
    store = HexamemStore(memory, ttl={"default_ttl": 0.01, "refresh_on_read": True})
    store.put(("tmp", "u"), "short", {"v": 1})
    store.put(("tmp", "u"), "kept", {"v": 2}, ttl=None)
    for _ in range(3):  # each read restarts the 0.6 s clock
        time.sleep(0.3)
        assert store.get(("tmp", "u"), "short") is not None
    time.sleep(0.7)
    assert store.get(("tmp", "u"), "short") is None
    assert [h.key for h in store.search(("tmp",))] == ["kept"]
    assert store.sweep_ttl() == 1


def test_bad_input_is_a_hexamem_error_and_a_langgraph_one(memory: Memory) -> None:
    store = HexamemStore(memory)
    for namespace in [(), ("a.b",), ("",), ("ok", 3)]:
        with pytest.raises(InvalidNamespaceError) as caught:
            store.put(namespace, "k", {"v": 1})
        assert isinstance(caught.value, HexamemError)
    with pytest.raises(InvalidInput, match="plain JSON"):
        store.put(("ok",), "k", {"when": datetime(2024, 1, 1)})
    with pytest.raises(InvalidInput, match="dict"):
        store.put(("ok",), "k", ["not", "a", "dict"])  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):  # a batch is checked whole before its first put
        store.batch([PutOp(("ok",), "a", {"v": 1}), PutOp(("ok",), "b", {"v": {1, 2}})])
    assert store.search(("ok",)) == []  # nothing half-written


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
    assert memory.key_values.count("carol") == 1


def test_tools_are_scoped_to_the_user_in_the_config(memory: Memory) -> None:
    from hexamem import InvalidInput
    from hexamem.langgraph import memory_tools

    search, remember, delete = memory_tools(memory)
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
    assert delete.invoke({"memory_id": fact_id}, config=alice).startswith(f"deleted {fact_id}")
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

    out = remember_then_recall(memory, Outer).invoke(
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
