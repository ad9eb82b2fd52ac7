"""hexamem inside a LangGraph workflow, offline: the store in a node, and the memory tools.

    python -m demo.langgraph_embedding
"""

from __future__ import annotations

import tempfile
from typing import TypedDict

from langgraph.graph import END, START, StateGraph

from hexamem import Memory
from hexamem.langgraph import HexamemStore, memory_tools


class Turn(TypedDict):
    user: str
    message: str
    reply: str


def respond(state: Turn, *, store) -> Turn:
    """A toy assistant node: remembers a note, then recalls the most relevant one."""
    space = ("notes", state["user"])
    store.put(space, f"note-{abs(hash(state['message'])) % 10_000}", {"content": state["message"]})
    best = store.search(space, query=state["message"], limit=1)
    return {**state, "reply": f"noted; closest memory: {best[0].value['content']!r}"}


def main() -> None:
    with tempfile.TemporaryDirectory() as home, Memory.open(home) as memory:
        graph = StateGraph(Turn)
        graph.add_node("respond", respond)
        graph.add_edge(START, "respond")
        graph.add_edge("respond", END)
        app = graph.compile(store=HexamemStore(memory))
        for message in ("My sister Ana lives in Lisbon.", "Ana's birthday is on 3 May."):
            print(app.invoke({"user": "dana", "message": message, "reply": ""})["reply"])

        search, remember, _forget = memory_tools(memory)
        config = {"configurable": {"user_id": "dana"}}
        print("remember ->", remember.invoke({"content": "I work at Globex now."}, config=config))
        print("search_memory ->")
        print(search.invoke({"query": "where do I work"}, config=config))


if __name__ == "__main__":
    main()
