"""`Agents`: the ingest, answer and chat graphs of one memory, and what each model call cost.

The graphs are compiled once, at open, from deps bound to the memory's reads
(`AgentReads`) and its write path (`Writer`): nothing in them calls back into
the facade. Every model call's tokens and latency go to the usage ledger, per
role and per episode.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from hexamem.graphs import (
    AnswerDeps,
    IngestDeps,
    build_answer_graph,
    build_chat_graph,
    build_ingest_graph,
)
from hexamem.llm import ChatMessage, Role, StructuredLLM, Usage
from hexamem.memory_types import Episode, MemoryItem
from hexamem.oplog import Writer
from hexamem.results import AnswerResult, BatchResult, UsageRecord
from hexamem.retrieval.agent_reads import AgentReads
from hexamem.stores.usage import UsageLedger


class Agents:
    def __init__(
        self,
        llm: StructuredLLM,
        reads: AgentReads,
        writer: Writer,
        usage: UsageLedger,
        prepare: Callable[[Mapping[str, Any]], Episode],
        overrides: Mapping[str, Path] | None = None,
        reveal: Callable[[MemoryItem], MemoryItem] = lambda item: item,
    ) -> None:
        self.llm, self._usage = llm, usage
        self.ingest_graph = build_ingest_graph(
            IngestDeps(
                llm=llm,
                core=reads.core,
                existing=reads.existing,
                facts=reads.facts,
                context=reads.session_context,
                commit=writer.episode,
                prepare=prepare,
                overrides=overrides,
            )
        )
        answering = AnswerDeps(
            llm=llm, search=reads.for_answer, core=reads.core, overrides=overrides, reveal=reveal
        )
        self.answer_graph = build_answer_graph(answering)
        self.chat_graph = build_chat_graph(answering)

    def ingest(self, episode: Episode) -> BatchResult:
        """Route, write in parallel, commit; the costs of every call recorded."""
        state = self.ingest_graph.invoke({"episode": episode})
        route = state["route"]
        calls: list[tuple[Role, str | None, Usage, float]] = [
            ("manager", None, route.usage, route.latency_s)
        ]
        calls += [
            ("writer", r.memory_type.value, r.usage, r.latency_s) for r in state.get("results", [])
        ]
        self._usage.record(
            self._record(episode.user_id, episode.id, role, usage, latency_s, memory_type)
            for role, memory_type, usage, latency_s in calls
        )
        outcome: BatchResult = state["outcome"]
        return outcome

    def answer(
        self,
        question: str,
        user_id: str,
        *,
        asked_at: datetime,
        as_of: datetime | None,
        reveal_secrets: bool,
    ) -> AnswerResult:
        inputs = {
            "question": question,
            "user_id": user_id,
            "as_of": as_of,
            "asked_at": asked_at,
            "reveal_secrets": reveal_secrets,
        }
        return self._respond("answer", inputs)

    def reply(
        self,
        message: str,
        user_id: str,
        conversation: list[ChatMessage],
        *,
        asked_at: datetime,
        as_of: datetime | None,
        reveal_secrets: bool,
    ) -> AnswerResult:
        inputs = {
            "question": message,
            "user_id": user_id,
            "as_of": as_of,
            "asked_at": asked_at,
            "conversation": conversation,
            "reveal_secrets": reveal_secrets,
        }
        return self._respond("chat", inputs)

    def _respond(self, role: Role, inputs: dict[str, Any]) -> AnswerResult:
        graph = self.chat_graph if role == "chat" else self.answer_graph
        result: AnswerResult = graph.invoke(inputs)["result"]
        if result.usage.input_tokens or result.latency_s:  # an abstention without a call costs 0
            self._usage.record(
                [self._record(inputs["user_id"], "", role, result.usage, result.latency_s)]
            )
        return result

    def _record(
        self,
        user_id: str,
        episode_id: str,
        role: Role,
        usage: Usage,
        latency_s: float,
        memory_type: str | None = None,
    ) -> UsageRecord:
        return UsageRecord(
            user_id=user_id,
            episode_id=episode_id,
            role=role,
            memory_type=memory_type,
            model=self.llm.model_for(role),
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            latency_s=latency_s,
        )
