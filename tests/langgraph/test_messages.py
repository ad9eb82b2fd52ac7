"""LangChain messages wherever messages are accepted: `Memory.add`, and the ingest and
answer graphs as nodes of a `MessagesState` graph, the user taken from the config."""

from __future__ import annotations

from datetime import UTC, datetime

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
from langgraph.graph import MessagesState

from hexamem import Memory
from tests.helpers import remember_then_recall

AT = datetime(2024, 5, 1, 10, tzinfo=UTC)
TOOL_TURN = [
    SystemMessage("You are a travel helper."),
    HumanMessage("I moved to Oslo last month.", id="h1"),
    AIMessage("", tool_calls=[{"name": "weather", "args": {"city": "Bergen"}, "id": "c1"}]),
    ToolMessage("Bergen: the user lives in Bergen, 12 degrees", tool_call_id="c1", name="weather"),
]


def test_add_takes_langchain_messages_and_files_no_tool_output_as_fact(memory: Memory) -> None:
    result = memory.add(TOOL_TURN, user_id="ola", timestamp=AT)
    [episode] = memory._c.records.episodes("ola")
    assert [m.role for m in episode.messages] == ["system", "user", "assistant", "tool"]
    assert episode.messages[1].id == "h1"
    assert "[tool call weather" in episode.messages[2].content  # kept as context
    assert result.outcomes
    facts = " ".join(i.text for i in memory.list("ola", "semantic"))
    assert "Oslo" in facts and "Bergen" not in facts


def test_a_single_message_is_accepted(memory: Memory) -> None:
    memory.add(HumanMessage("My cat is called Miso."), user_id="ola", timestamp=AT)
    assert any("Miso" in i.text for i in memory.list("ola"))


def test_the_subgraphs_work_in_a_messages_state_graph(memory: Memory) -> None:
    app = remember_then_recall(memory, MessagesState)
    config = {"configurable": {"user_id": "kai"}}
    app.invoke({"messages": [HumanMessage("I live in Lisbon.")]}, config)
    out = app.invoke({"messages": [HumanMessage("Where do I live?")]}, config)
    assert isinstance(out["messages"][-1], AIMessage)
    assert "Lisbon" in out["messages"][-1].content
    assert memory.list("kai", "semantic")[0].payload.object == "Lisbon"
