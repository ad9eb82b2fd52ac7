"""The ingest graph: prepare, load context, route, writers in parallel (`Send`), apply.

Compiled once per `Memory`; every run starts from a fresh state. Writers only
return ops; the apply node is the one place they reach the stores. An op the
planner refuses (say, an update of a memory deleted meanwhile) becomes a NOOP
that records why, so one bad proposal never sinks the rest of the episode.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypedDict

from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.types import Send

from hexamem.agents import RouteResult, WriterResult, run_router, run_writer
from hexamem.agents.schemas import Assignment
from hexamem.errors import InvalidInput, NotFound
from hexamem.graphs.defaults import user_from
from hexamem.llm import StructuredLLM
from hexamem.memory_types import CoreBlock, Episode, MemoryItem, MemoryType, Message, Noop, Op
from hexamem.results import BatchResult


@dataclass(frozen=True)
class IngestDeps:
    """What the graph needs, bound once when a memory opens: reads for context, the one write."""

    llm: StructuredLLM
    core: Callable[[str], dict[str, CoreBlock]]
    #: The stored memories of a type that the episode may touch, current ones first.
    existing: Callable[[Episode, MemoryType], list[MemoryItem]]
    #: Graph facts (current and past) about the entities the episode names.
    facts: Callable[[Episode], list[MemoryItem]]
    #: Earlier messages of the episode's session, oldest first (context for the agents).
    context: Callable[[Episode], list[Message]]
    #: The write path: the episode and its ops as one batch (`Writer.episode`).
    commit: Callable[[Episode, list[Op]], BatchResult]
    #: Builds the episode from plain inputs (messages, user_id, ...), with `add`'s checks.
    prepare: Callable[[Mapping[str, Any]], Episode]
    overrides: Mapping[str, Path] | None = None


class IngestState(TypedDict, total=False):
    # Plain inputs, for use as a subgraph; `episode` may be given instead.
    messages: Any
    user_id: str
    session_id: str | None
    observed_at: Any
    episode: Episode
    core: dict[str, CoreBlock]
    context: list[Message]
    route: RouteResult
    results: Annotated[list[WriterResult], operator.add]
    outcome: BatchResult


class WriterTask(TypedDict):
    episode: Episode
    core: dict[str, CoreBlock]
    context: list[Message]
    assignment: Assignment


def build_ingest_graph(deps: IngestDeps) -> Any:
    def prepare(state: IngestState, config: RunnableConfig) -> IngestState:
        if "episode" in state:
            return {}
        return {"episode": deps.prepare({**state, "user_id": user_from(state, config)})}

    def load_context(state: IngestState) -> IngestState:
        episode = state["episode"]
        return {"core": deps.core(episode.user_id), "context": deps.context(episode)}

    def route(state: IngestState) -> IngestState:
        return {
            "route": run_router(
                deps.llm,
                episode=state["episode"],
                core=state["core"],
                context=state["context"],
                overrides=deps.overrides,
            )
        }

    def fan_out(state: IngestState) -> list[Send] | str:
        tasks = [
            Send(
                "write",
                WriterTask(
                    episode=state["episode"],
                    core=state["core"],
                    context=state["context"],
                    assignment=a,
                ),
            )
            for a in state["route"].decision.assignments
        ]
        return tasks or "apply"

    def write(state: WriterTask) -> IngestState:
        task = state  # a Send payload, not the graph state
        episode, memory_type = task["episode"], task["assignment"].memory_type
        result = run_writer(
            deps.llm,
            memory_type=memory_type,
            episode=episode,
            instruction=task["assignment"].instruction,
            core=task["core"],
            existing=deps.existing(episode, memory_type),
            facts=deps.facts(episode),
            context=task["context"],
            overrides=deps.overrides,
        )
        return {"results": [result]}

    def apply(state: IngestState) -> IngestState:
        order = list(MemoryType)
        results = sorted(state.get("results", []), key=lambda r: order.index(r.memory_type))
        ops: list[Op] = [op for result in results for op in result.ops]
        if (error := state["route"].error) is not None:  # on record; the episode is kept
            reason = f"manager reply rejected, nothing extracted: {error}"
            ops.append(
                Noop(
                    memory_type=MemoryType.EPISODIC,
                    source_episode=state["episode"].id,
                    reason=reason[:500],
                )
            )
        for _ in range(len(ops) + 1):
            try:
                return {"outcome": deps.commit(state["episode"], ops)}
            except (InvalidInput, NotFound) as exc:
                index = exc.op_index
                if index is None:
                    raise
                refused = ops[index]
                ops[index] = Noop(
                    memory_type=refused.memory_type,
                    source_episode=state["episode"].id,
                    reason=f"refused at apply: {exc}"[:500],
                )
        raise AssertionError("every op was replaced, yet the batch still failed")

    graph = StateGraph(IngestState)
    graph.add_node("prepare", prepare)
    graph.add_node("load_context", load_context)
    graph.add_node("route", route)
    graph.add_node("write", write, input_schema=WriterTask)  # fed by Send, not the state
    graph.add_node("apply", apply)
    graph.add_edge(START, "prepare")
    graph.add_edge("prepare", "load_context")
    graph.add_edge("load_context", "route")
    graph.add_conditional_edges("route", fan_out, ["write", "apply"])
    graph.add_edge("write", "apply")
    graph.add_edge("apply", END)
    return graph.compile(name="hexamem-ingest")
