"""The answer graph: plan the retrieval, retrieve, pack, answer.

Planning resolves the question's time expression into a window against the
question time (or `as_of`); retrieval runs the hybrid search in that window;
packing keeps the best results that fit the token budget; the answer agent
reads them and returns the ids it used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypedDict

from langgraph.graph import END, START, StateGraph

from hexamem.agents import AnswerResult, run_answer
from hexamem.llm import StructuredLLM
from hexamem.retrieval import SearchResult, TimeWindow, parse_window
from hexamem.retrieval.context import describe
from hexamem.tokens import count_tokens

Search = Callable[[str, str, datetime | None, TimeWindow | None], list[SearchResult]]


@dataclass(frozen=True)
class AnswerDeps:
    llm: StructuredLLM
    search: Search
    overrides: Mapping[str, Path] | None = None
    budget_tokens: int = 2000


class AnswerState(TypedDict, total=False):
    question: str
    user_id: str
    asked_at: datetime
    as_of: datetime | None
    window: TimeWindow | None
    results: list[SearchResult]
    result: AnswerResult


def build_answer_graph(deps: AnswerDeps) -> Any:
    def plan(state: AnswerState) -> AnswerState:
        return {"window": parse_window(state["question"], state["as_of"] or state["asked_at"])}

    def retrieve(state: AnswerState) -> AnswerState:
        return {
            "results": deps.search(
                state["question"], state["user_id"], state["as_of"], state["window"]
            )
        }

    def pack(state: AnswerState) -> AnswerState:
        """Best first, as many as fit the token budget of the answer prompt."""
        reference = state["as_of"] or state["asked_at"]
        kept: list[SearchResult] = []
        used = 0
        for result in state["results"]:
            used += count_tokens(describe(result.item, now=reference))
            if used > deps.budget_tokens:
                break
            kept.append(result)
        return {"results": kept}

    def answer(state: AnswerState) -> AnswerState:
        return {
            "result": run_answer(
                deps.llm,
                question=state["question"],
                results=state["results"],
                asked_at=state["as_of"] or state["asked_at"],
                overrides=deps.overrides,
            )
        }

    graph = StateGraph(AnswerState)
    for name, node in (("plan", plan), ("retrieve", retrieve), ("pack", pack), ("answer", answer)):
        graph.add_node(name, node)
    graph.add_edge(START, "plan")
    graph.add_edge("plan", "retrieve")
    graph.add_edge("retrieve", "pack")
    graph.add_edge("pack", "answer")
    graph.add_edge("answer", END)
    return graph.compile(name="hexamem-answer")
