"""Extraction for `Memory.add(infer=True)`: the ingest graph bound to one memory, and its costs.

The graph reads context through this module (core blocks, the top existing
memories of each type, current graph facts about the entities named) and
writes only through the memory's op-log commit. Every model call's tokens and
latency are recorded per role and per episode in the usage ledger.
"""

from __future__ import annotations

import dataclasses
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
from hexamem.graphs.answer import Search
from hexamem.graphs.ingest import episode_text
from hexamem.llm import ChatMessage, Role, StructuredLLM, Usage
from hexamem.memory.assembly import Components
from hexamem.memory_types import CoreBlock, Episode, MemoryItem, MemoryType, Message, Op
from hexamem.memory_types.time import now, to_epoch
from hexamem.results import AnswerResult, BatchResult, UsageRecord
from hexamem.stores.recall_filter import RecallFilter

EXISTING_PER_TYPE = 12
#: Memories that ended, shown to a writer beside the current ones.
ENDED_PER_TYPE = 4
FACTS_SHOWN = 30
#: Earlier messages of the session shown to the agents as context.
CONTEXT_MESSAGES = 8


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
                context=self._context,
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
                user_id=episode.user_id,
                episode_id=episode.id,
                role=role,
                memory_type=memory_type,
                model=self.llm.model_for(role),
                input_tokens=usage.input_tokens,
                output_tokens=usage.output_tokens,
                latency_s=latency_s,
            )
            for role, memory_type, usage, latency_s in calls
        )
        outcome: BatchResult = state["outcome"]
        return outcome

    def answer(
        self,
        question: str,
        user_id: str,
        as_of: datetime | None,
        asked_at: datetime | None,
        reveal_secrets: bool = False,
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
        as_of: datetime | None,
        asked_at: datetime | None,
        reveal_secrets: bool = False,
    ) -> AnswerResult:
        return self._respond(
            "chat",
            {
                "question": message,
                "user_id": user_id,
                "as_of": as_of,
                "asked_at": asked_at,
                "conversation": conversation,
                "reveal_secrets": reveal_secrets,
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
                        user_id=inputs["user_id"],
                        episode_id="",
                        role=role,
                        model=self.llm.model_for(role),
                        input_tokens=result.usage.input_tokens,
                        output_tokens=result.usage.output_tokens,
                        latency_s=result.latency_s,
                    )
                ]
            )
        return result

    def usage(self, user_id: str | None = None) -> list[UsageRecord]:
        return self._c.usage.select(user_id)

    def _existing(self, episode: Episode, memory_type: MemoryType) -> list[MemoryItem]:
        """Current memories of the type nearest the episode, then a few that ended.

        The ended ones let a writer act on "forget my old address" or "I used to ...".
        """
        moment = to_epoch(episode.observed_at)
        where = RecallFilter(user_id=episode.user_id, types=(memory_type,), now=moment)
        if memory_type is MemoryType.CORE:
            return self._c.records.select(where)
        text = episode_text(episode)
        every = dataclasses.replace(where, include_expired=True, now=None)
        found = self._c.search.search(text, every, 2 * EXISTING_PER_TYPE)
        latest: dict[str, MemoryItem] = {}
        for result in found:
            held = latest.get(result.item.id)
            if held is None or result.item.version > held.version:
                latest[result.item.id] = result.item
        live = [i for i in latest.values() if _current(i, episode.observed_at)]
        ended = [i for i in latest.values() if not _current(i, episode.observed_at)]
        if memory_type is MemoryType.SEMANTIC:  # "we moved" names no one: the user's own facts
            own = [i for i in self._facts(episode) if _current(i, episode.observed_at)]
            live = list({i.id: i for i in [*own, *live]}.values())
            return live[: EXISTING_PER_TYPE + len(own)] + ended[:ENDED_PER_TYPE]
        return live[:EXISTING_PER_TYPE] + ended[:ENDED_PER_TYPE]

    def _facts(self, episode: Episode) -> list[MemoryItem]:
        """Every version of the facts at the entities the episode names and at the user's own."""
        names = " ".join(["User", *self._user_names(episode.user_id)])
        text = f"{episode_text(episode)}\n{names}"
        ids = self._c.search.entities_in(text, episode.user_id)
        return self._c.search.facts_about(episode.user_id, ids, FACTS_SHOWN)

    def _user_names(self, user_id: str) -> list[str]:
        """The user's own name, as the core profile has it ("Name: Alice")."""
        names = []
        for item in self._c.records.current_core(user_id):
            if not isinstance(item.payload, CoreBlock) or item.payload.label != "human":
                continue
            for line in item.payload.value.splitlines():
                key, _, value = line.partition(":")
                if key.strip().lower() == "name" and value.strip():
                    names.append(value.strip())
        return names

    def _context(self, episode: Episode) -> list[Message]:
        """The messages said before this episode in its session, oldest first."""
        if episode.session_id is None:
            return []
        return self._c.records.session_messages(
            episode.user_id, episode.session_id, before=episode.id, limit=CONTEXT_MESSAGES
        )


def _current(item: MemoryItem, moment: datetime) -> bool:
    return item.expired_at is None and (item.invalid_at is None or item.invalid_at > moment)
