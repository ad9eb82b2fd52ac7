"""The answer and chat graphs: plan the retrieval, retrieve, pack, then answer or reply.

Planning resolves the question's time expression into a window against the
question time (or `as_of`); retrieval runs the hybrid search in that window;
packing keeps the best results that fit the token budget; the answer agent
(or, in a conversation, the chat agent) reads them and returns the ids it used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Protocol, TypedDict

from langchain_core.messages import AIMessage, AnyMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.graph.message import add_messages

from hexamem.agents import run_answer, run_chat
from hexamem.graphs.defaults import question_from, user_from
from hexamem.intake.checks import checked_user
from hexamem.llm import ChatMessage, StructuredLLM
from hexamem.llm.tokens import count_tokens
from hexamem.memory_types import CoreBlock, MemoryItem
from hexamem.memory_types.time import now
from hexamem.results import AnswerResult, SearchResult
from hexamem.retrieval.context import describe
from hexamem.retrieval.when import TimeWindow, parse_window


class Search(Protocol):
    """The retrieval an answer is drawn from (`AgentReads.for_answer`)."""

    def __call__(
        self,
        question: str,
        user_id: str,
        *,
        asked_at: datetime,
        as_of: datetime | None = None,
        window: TimeWindow | None = None,
    ) -> list[SearchResult]: ...


@dataclass(frozen=True)
class AnswerDeps:
    """What the answer and chat graphs need, bound once when a memory opens."""

    llm: StructuredLLM
    search: Search
    core: Callable[[str], Mapping[str, CoreBlock]]
    overrides: Mapping[str, Path] | None = None
    budget_tokens: int = 2000
    #: A retrieved memory with its vault value opened, for a caller who asked to see secrets.
    reveal: Callable[[MemoryItem], MemoryItem] = lambda item: item


class AnswerState(TypedDict, total=False):
    #: In a `MessagesState` graph: the question is its last user message, and the
    #: answer is appended as an AI message.
    messages: Annotated[list[AnyMessage], add_messages]
    question: str  # the question, or in a chat the latest user message
    user_id: str
    asked_at: datetime
    as_of: datetime | None
    conversation: list[ChatMessage]  # chat only: the messages before `question`
    reveal_secrets: bool  # show vault values to the model (and so in the answer)
    window: TimeWindow | None
    results: list[SearchResult]
    result: AnswerResult


Respond = Callable[[AnswerState, datetime], AnswerResult]


def build_answer_graph(deps: AnswerDeps) -> Any:
    """Answers a question from memory, or abstains."""

    def answer(state: AnswerState, reference: datetime) -> AnswerResult:
        return run_answer(
            deps.llm,
            question=state["question"],
            results=state["results"],
            asked_at=reference,
            core=deps.core(state["user_id"]),
            window=state.get("window"),
            reveal_secrets=state.get("reveal_secrets", False),
            overrides=deps.overrides,
        )

    return _retrieve_then(deps, "answer", answer)


def build_chat_graph(deps: AnswerDeps) -> Any:
    """Writes the assistant's next chat message from core blocks and retrieved memories."""

    def reply(state: AnswerState, reference: datetime) -> AnswerResult:
        return run_chat(
            deps.llm,
            message=state["question"],
            conversation=state.get("conversation", []),
            core=deps.core(state["user_id"]),
            results=state["results"],
            asked_at=reference,
            window=state.get("window"),
            reveal_secrets=state.get("reveal_secrets", False),
            overrides=deps.overrides,
        )

    return _retrieve_then(deps, "reply", reply)


def _retrieve_then(deps: AnswerDeps, name: str, respond: Respond) -> Any:
    def plan(state: AnswerState, config: RunnableConfig) -> AnswerState:
        """The question's time window, after the defaults a parent graph may leave out."""
        question, asked_at = question_from(state), state.get("asked_at") or now()
        return {
            "question": question,
            "user_id": checked_user(user_from(state, config)),
            "asked_at": asked_at,
            "window": parse_window(question, state.get("as_of") or asked_at),
        }

    def retrieve(state: AnswerState) -> AnswerState:
        results = deps.search(
            state["question"],
            state["user_id"],
            asked_at=state["asked_at"],
            as_of=state.get("as_of"),
            window=state["window"],
        )
        if state.get("reveal_secrets", False):
            results = [r.model_copy(update={"item": deps.reveal(r.item)}) for r in results]
        return {"results": results}

    def pack(state: AnswerState) -> AnswerState:
        """Best first, as many as fit the token budget of the prompt."""
        reference = state.get("as_of") or state["asked_at"]
        kept: list[SearchResult] = []
        used = 0
        for result in state["results"]:
            used += count_tokens(describe(result.item, now=reference))
            if used > deps.budget_tokens:
                break
            kept.append(result)
        return {"results": kept}

    def finish(state: AnswerState) -> AnswerState:
        result = respond(state, state.get("as_of") or state["asked_at"])
        return {"result": result, "messages": [AIMessage(result.answer)]}

    graph = StateGraph(AnswerState)
    for node_name, node in (("plan", plan), ("retrieve", retrieve), ("pack", pack), (name, finish)):
        graph.add_node(node_name, node)
    graph.add_edge(START, "plan")
    graph.add_edge("plan", "retrieve")
    graph.add_edge("retrieve", "pack")
    graph.add_edge("pack", name)
    graph.add_edge(name, END)
    return graph.compile(name=f"hexamem-{name}")
