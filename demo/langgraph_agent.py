"""A LangGraph agent with hexamem as its memory: the ingest graph as a subgraph node,
the memory tools in a `ToolNode`, and `HexamemStore` for the agent's own settings.

    python -m demo.langgraph_agent            # offline: hexamem's own chat engine replies
    ANTHROPIC_API_KEY=... python -m demo.langgraph_agent   # Claude, calling the tools

Each turn: the user's message is filed by `memory.ingest_graph`; the agent node
answers, calling `search_memory` / `remember` / `delete_memory` as it sees fit; the
user comes from the run's config (`configurable.user_id`), so no tool call can reach
another user's memory.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph import START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode, tools_condition
from langgraph.store.base import BaseStore

from hexamem import Memory
from hexamem.langgraph import HexamemStore, memory_tools

DEFAULT_STYLE = {"style": "brief and friendly"}


def build_agent(memory: Memory, model: BaseChatModel | None = None) -> Any:
    """The compiled agent graph; without `model`, `Memory.reply` (offline) answers."""
    tools = memory_tools(memory)
    bound = model.bind_tools(tools) if model is not None else None

    def agent(state: MessagesState, config: RunnableConfig, *, store: BaseStore) -> MessagesState:
        user = config["configurable"]["user_id"]
        settings = store.get(("agent", user), "settings")
        if settings is None:  # the agent's own per-user settings live in the store
            store.put(("agent", user), "settings", DEFAULT_STYLE)
            settings_value = DEFAULT_STYLE
        else:
            settings_value = settings.value
        if bound is None:
            said = next(m for m in reversed(state["messages"]) if isinstance(m, HumanMessage))
            reply = memory.reply(str(said.content), user_id=user)
            return {"messages": [AIMessage(reply.answer)]}
        system = SystemMessage(
            f"You are a helpful assistant; be {settings_value['style']}. Look things up "
            "with search_memory before saying you do not know."
        )
        return {"messages": [bound.invoke([system, *state["messages"]], config)]}

    graph = StateGraph(MessagesState)
    graph.add_node("remember", memory.ingest_graph)
    graph.add_node("agent", agent)
    graph.add_node("tools", ToolNode(tools))
    graph.add_edge(START, "remember")
    graph.add_edge("remember", "agent")
    graph.add_conditional_edges("agent", tools_condition)
    graph.add_edge("tools", "agent")
    return graph.compile(store=HexamemStore(memory))


def claude() -> BaseChatModel | None:
    """Claude when a key is set, else None (the offline engine)."""
    if not os.environ.get("ANTHROPIC_API_KEY"):
        return None
    from langchain_anthropic import ChatAnthropic

    return ChatAnthropic(model_name="claude-sonnet-5-5", timeout=60, stop=None)


def main() -> None:
    with tempfile.TemporaryDirectory() as home, Memory.open(home) as memory:
        app = build_agent(memory, claude())
        config: RunnableConfig = {"configurable": {"user_id": "dana"}}
        for said in ("My sister Ana lives in Lisbon.", "Where does my sister live?"):
            out = app.invoke({"messages": [HumanMessage(said)]}, config)
            print(f"> {said}\n{out['messages'][-1].content}")


if __name__ == "__main__":
    main()
