"""Extraction for `Memory.add(infer=True)`: the ingest graph bound to one memory, and its costs.

The graph reads context through this module (core blocks, the top existing
memories of each type, current graph facts about the entities named) and
writes only through the memory's op-log commit. Every model call's tokens and
latency are recorded per role and per episode in the usage ledger.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from hexamem._opening import Components
from hexamem.agents import AnswerResult
from hexamem.graphs import (
    AnswerDeps,
    IngestDeps,
    build_answer_graph,
    build_chat_graph,
    build_ingest_graph,
)
from hexamem.graphs.answer import Search
from hexamem.llm import ChatMessage, Role, StructuredLLM, Usage
from hexamem.memory_types import CoreBlock, MemoryItem, MemoryType, Op
from hexamem.results import BatchResult
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.records import Episode
from hexamem.stores.usage import UsageRecord
from hexamem.timeutil import now, to_epoch

EXISTING_PER_TYPE = 12
FACTS_SHOWN = 30


class Inference:
    def __init__(
        self,
        components: Components,
        llm: StructuredLLM,
        core: Callable[[str], dict[str, CoreBlock]],
        commit: Callable[[Episode, list[Op]], BatchResult],
        search: Search,
        prepare: Callable[[Mapping[str, Any]], Episode],
        overrides: Mapping[str, Path] | None = None,
    ) -> None:
        self._c, self.llm = components, llm
        self.ingest_graph = build_ingest_graph(
            IngestDeps(
                llm=llm,
                core=core,
                existing=self._existing,
                facts=self._facts,
                apply=commit,
                prepare=prepare,
                overrides=overrides,
            )
        )
        answering = AnswerDeps(llm=llm, search=search, core=core, overrides=overrides)
        self.answer_graph = build_answer_graph(answering)
        self.chat_graph = build_chat_graph(answering)

    def ingest(self, episode: Episode) -> BatchResult:
        state = self.ingest_graph.invoke({"episode": episode})
        route = state["route"]
        calls: list[tuple[Role, str | None, Usage, float]] = [
            ("manager", None, route.usage, route.latency_s)
        ]
        calls += [
            ("writer", r.memory_type.value, r.usage, r.latency_s) for r in state.get("results", [])
        ]
        self._c.usage.record(
            UsageRecord(
                episode.user_id,
                episode.id,
                role,
                memory_type,
                self.llm.model_for(role),
                usage.input_tokens,
                usage.output_tokens,
                latency_s,
            )
            for role, memory_type, usage, latency_s in calls
        )
        outcome: BatchResult = state["outcome"]
        return outcome

    def answer(
        self, question: str, user_id: str, as_of: datetime | None, asked_at: datetime | None
    ) -> AnswerResult:
        inputs = {"question": question, "user_id": user_id, "as_of": as_of, "asked_at": asked_at}
        return self._respond("answer", inputs)

    def reply(
        self,
        message: str,
        user_id: str,
        conversation: list[ChatMessage],
        as_of: datetime | None,
        asked_at: datetime | None,
    ) -> AnswerResult:
        return self._respond(
            "chat",
            {
                "question": message,
                "user_id": user_id,
                "as_of": as_of,
                "asked_at": asked_at,
                "conversation": conversation,
            },
        )

    def _respond(self, role: Role, inputs: dict[str, Any]) -> AnswerResult:
        graph = self.chat_graph if role == "chat" else self.answer_graph
        inputs["asked_at"] = inputs["asked_at"] or now()
        result: AnswerResult = graph.invoke(inputs)["result"]
        if result.usage.input_tokens or result.latency_s:  # an abstention without a call costs 0
            self._c.usage.record(
                [
                    UsageRecord(
                        inputs["user_id"],
                        "",
                        role,
                        None,
                        self.llm.model_for(role),
                        result.usage.input_tokens,
                        result.usage.output_tokens,
                        result.latency_s,
                    )
                ]
            )
        return result

    def usage(self, user_id: str | None = None) -> list[UsageRecord]:
        return self._c.usage.select(user_id)

    def _existing(self, user_id: str, memory_type: MemoryType, text: str) -> list[MemoryItem]:
        where = RecallFilter(user_id=user_id, types=(memory_type,), now=to_epoch(now()))
        if memory_type is MemoryType.CORE:
            return self._c.records.select(where)
        return [r.item for r in self._c.search.search(text, where, EXISTING_PER_TYPE)]

    def _facts(self, user_id: str, text: str) -> list[str]:
        """Current facts about the entities the episode names, as dated sentences."""
        ids = self._c.search.entities_in(text, user_id)
        items = self._c.search.facts_about(user_id, ids, FACTS_SHOWN * 2)
        return [
            f"{item.text} (since {item.valid_at.date().isoformat()})"
            for item in items
            if item.current and item.invalid_at is None
        ][:FACTS_SHOWN]
