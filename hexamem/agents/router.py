"""The memory manager: which memory types an episode touches, with an instruction for each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hexamem.agents.requests import RouteRequest
from hexamem.agents.schemas import Assignment, RouteDecision
from hexamem.agents.writer import context_view, core_view, episode_view
from hexamem.errors import ModelOutputError
from hexamem.llm import StructuredLLM, Usage
from hexamem.memory_types import CoreBlock, Episode, MemoryType, Message
from hexamem.prompts import render


@dataclass
class RouteResult:
    decision: RouteDecision
    usage: Usage = field(default_factory=Usage)
    latency_s: float = 0.0
    error: str | None = None


def run_router(
    llm: StructuredLLM,
    *,
    episode: Episode,
    core: Mapping[str, CoreBlock],
    context: Sequence[Message] = (),
    overrides: Mapping[str, Path] | None = None,
) -> RouteResult:
    request = RouteRequest(episode=episode, core=core, context=tuple(context))
    prompt = render(
        "manager",
        {
            "observed_at": episode.observed_at.isoformat(),
            "core": core_view(core),
            "context": context_view(context),
            "episode": episode_view(episode),
        },
        overrides=overrides,
    )
    try:
        reply = llm.ask("manager", prompt, RouteDecision, request)
    except ModelOutputError as exc:
        return RouteResult(RouteDecision(), error=str(exc))
    # One assignment per type: a repeated type keeps its first instruction.
    firsts: dict[MemoryType, Assignment] = {}
    for assignment in reply.value.assignments:
        firsts.setdefault(assignment.memory_type, assignment)
    assignments = list(firsts.values())
    return RouteResult(RouteDecision(assignments=assignments), reply.usage, reply.latency_s)
