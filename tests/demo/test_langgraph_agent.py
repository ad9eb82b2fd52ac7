"""The LangGraph agent demo, with Claude played by the fake Messages API through
langchain-anthropic: the model calls search_memory, reads the memory's answer, replies."""

from __future__ import annotations

import json
from typing import Any

from langchain_anthropic import ChatAnthropic
from langchain_core.messages import HumanMessage, ToolMessage

from demo.langgraph_agent import DEFAULT_STYLE, build_agent
from hexamem import Memory
from hexamem.langgraph import HexamemStore
from tests.fakes.messages_api import FakeMessagesAPI, Scripted


def test_the_agent_files_the_turn_calls_the_memory_tool_and_answers(
    memory: Memory, api: FakeMessagesAPI
) -> None:
    model = ChatAnthropic(
        model_name="claude-test", api_key="sk-test", base_url=api.url, timeout=10, stop=None
    )
    app = build_agent(memory, model)
    config: Any = {"configurable": {"user_id": "dana"}}
    memory.add("My sister Ana lives in Lisbon.", user_id="dana")

    def turn(body: dict[str, Any]) -> Scripted:
        results = [
            block
            for message in body["messages"]
            if isinstance(message["content"], list)
            for block in message["content"]
            if block.get("type") == "tool_result"
        ]
        if not results:  # first: look it up
            return Scripted(tool_name="search_memory", tool_input={"query": "sister lives"})
        found = json.dumps(results[-1]["content"])
        return Scripted(text="Ana lives in Lisbon." if "Lisbon" in found else "I don't know.")

    api.respond_with(turn, times=2)
    out = app.invoke({"messages": [HumanMessage("Where does my sister live?")]}, config)
    [tool_reply] = [m for m in out["messages"] if isinstance(m, ToolMessage)]
    assert "Lisbon" in str(tool_reply.content)  # the tool read dana's memory
    assert out["messages"][-1].content == "Ana lives in Lisbon."
    assert [r.headers.get("authorization") for r in api.requests] == ["Bearer sk-test"] * 2
    assert HexamemStore(memory).get(("agent", "dana"), "settings").value == DEFAULT_STYLE
    assert any("Where does my sister live" in e.messages[0].content for e in episodes(memory))


def episodes(memory: Memory) -> list[Any]:
    return memory._c.records.episodes("dana")
