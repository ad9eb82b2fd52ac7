"""hexamem inside LangGraph workflows, offline: the store, the tools, and the graphs as subgraphs.

python -m demo.langgraph_embedding
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from typing import TypedDict

from langgraph.graph import END, START, StateGraph

from hexamem import Memory
from hexamem.langgraph import HexamemStore, memory_tools


class Pipeline(TypedDict, total=False):
    """A user's own state, sharing keys with hexamem's ingest and answer graphs."""

    messages: list[dict[str, str]]
    user_id: str
    outcome: object
    question: str
    asked_at: datetime
    as_of: datetime | None
    result: object


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

        search, remember, _delete = memory_tools(memory)
        config = {"configurable": {"user_id": "dana"}}
        print("remember ->", remember.invoke({"content": "I work at Globex now."}, config=config))
        print("search_memory ->")
        print(search.invoke({"query": "where do I work"}, config=config))

        pipeline = StateGraph(Pipeline)
        pipeline.add_node("remember", memory.ingest_graph)  # hexamem's graphs as subgraphs
        pipeline.add_node("recall", memory.answer_graph)
        pipeline.add_edge(START, "remember")
        pipeline.add_edge("remember", "recall")
        pipeline.add_edge("recall", END)
        out = pipeline.compile().invoke(
            {
                "messages": [{"role": "user", "content": "I moved to Porto last month."}],
                "user_id": "erin",
                "question": "Where does Erin live?",
                "asked_at": datetime.now(UTC),
                "as_of": None,
            }
        )
        print("subgraphs ->", [o.kind for o in out["outcome"].outcomes], out["result"].answer)


if __name__ == "__main__":
    main()
