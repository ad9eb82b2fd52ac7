"""Extraction for `Memory.add(infer=True)`: the ingest graph bound to one memory, and its costs.

The graph reads context through this module (core blocks, the top existing
memories of each type, current graph facts about the entities named) and
writes only through the memory's op-log commit. Every model call's tokens and
latency are recorded per role and per episode.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hexamem._opening import Components
from hexamem.agents import AnswerResult
from hexamem.graphs import AnswerDeps, IngestDeps, build_answer_graph, build_ingest_graph
from hexamem.graphs.answer import Search
from hexamem.llm import StructuredLLM
from hexamem.memory_types import CoreBlock, MemoryItem, MemoryType, Op
from hexamem.results import BatchResult
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.records import Episode
from hexamem.timeutil import now, to_epoch

EXISTING_PER_TYPE = 12
FACTS_SHOWN = 30


@dataclass(frozen=True)
class UsageRecord:
    """One model call: who made it, for which episode, and what it cost."""

    user_id: str
    episode_id: str
    role: str
    memory_type: str | None
    model: str
    input_tokens: int
    output_tokens: int
    latency_s: float


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
        self.answer_graph = build_answer_graph(
            AnswerDeps(llm=llm, search=search, overrides=overrides)
        )
        self._ledger: list[UsageRecord] = []
        self._lock = threading.Lock()

    def ingest(self, episode: Episode) -> BatchResult:
        state = self.ingest_graph.invoke({"episode": episode})
        route = state["route"]
        records = [
            UsageRecord(
                episode.user_id,
                episode.id,
                "manager",
                None,
                self.llm.model_for("manager"),
                route.usage.input_tokens,
                route.usage.output_tokens,
                route.latency_s,
            )
        ]
        records += [
            UsageRecord(
                episode.user_id,
                episode.id,
                "writer",
                r.memory_type.value,
                self.llm.model_for("writer"),
                r.usage.input_tokens,
                r.usage.output_tokens,
                r.latency_s,
            )
            for r in state.get("results", [])
        ]
        with self._lock:
            self._ledger.extend(records)
        outcome: BatchResult = state["outcome"]
        return outcome

    def answer(self, question: str, user_id: str, as_of: datetime | None) -> AnswerResult:
        asked_at = now()
        state = self.answer_graph.invoke(
            {"question": question, "user_id": user_id, "as_of": as_of, "asked_at": asked_at}
        )
        result: AnswerResult = state["result"]
        with self._lock:
            self._ledger.append(
                UsageRecord(
                    user_id,
                    "",
                    "answer",
                    None,
                    self.llm.model_for("answer"),
                    result.usage.input_tokens,
                    result.usage.output_tokens,
                    result.latency_s,
                )
            )
        return result

    def usage(self, user_id: str | None = None) -> list[UsageRecord]:
        with self._lock:
            return [r for r in self._ledger if user_id is None or r.user_id == user_id]

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
