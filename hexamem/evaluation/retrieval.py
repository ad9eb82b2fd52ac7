"""What each system under test returns for a question, and hexamem as one of them.

hexamem is given each session in one `add` (its turns as messages with their
benchmark ids), and asked with `search` at the question's date, so time phrases
in the question are read against it. Ingestion is kept in a cache directory:
a haystack ingested once is not ingested again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from hexamem.evaluation.cases import Haystack, Question, Turn
from hexamem.memory import Memory


@dataclass(frozen=True)
class Hit:
    text: str
    #: Benchmark turn ids the memory came from.
    sources: tuple[str, ...]
    score: float
    at: datetime | None = None


class Retriever(Protocol):
    name: str

    def rank(self, question: Question, k: int) -> list[Hit]: ...


@dataclass
class IngestCost:
    turns: int = 0
    seconds: float = 0.0
    #: Turns longer than `add` accepts, cut to its limit.
    turns_cut: int = 0
    haystacks_cached: int = 0
    by_haystack: dict[str, float] = field(default_factory=dict)


class HexamemRetriever:
    name = "hexamem"

    def __init__(self, memory: Memory, *, infer: bool, cache: Path) -> None:
        self.memory = memory
        self._infer = infer
        self._done_file = cache / "ingested.json"
        self._done: dict[str, float] = (
            json.loads(self._done_file.read_text()) if self._done_file.exists() else {}
        )
        self.cost = IngestCost()

    def ingest(self, haystack: Haystack, on_turns: Callable[[int], None] | None = None) -> None:
        """Every session of `haystack` in one `add` each; skipped when already cached."""
        if haystack.id in self._done:
            self.cost.haystacks_cached += 1
            self.cost.by_haystack[haystack.id] = self._done[haystack.id]
            if on_turns:
                on_turns(sum(len(s) for s in haystack.sessions))
            return
        started = time.perf_counter()
        for session in haystack.sessions:
            if not session:
                continue
            self.memory.add(
                [self._message(t) for t in session],
                user_id=haystack.id,
                session_id=session[0].session_id,
                timestamp=session[0].at,
                infer=self._infer,
                idempotency_key=session[0].session_id,
            )
            self.cost.turns += len(session)
            if on_turns:
                on_turns(len(session))
        self.memory.flush()
        seconds = time.perf_counter() - started
        self.cost.seconds += seconds
        self.cost.by_haystack[haystack.id] = seconds
        self._done[haystack.id] = seconds
        self._done_file.write_text(json.dumps(self._done))

    def rank(self, question: Question, k: int) -> list[Hit]:
        results = self.memory.search(
            question.text, user_id=question.haystack_id, k=k, reference_time=question.asked_at
        )
        return [
            Hit(
                text=r.item.payload.index_text(),
                sources=r.item.provenance.message_ids,
                score=r.score,
                at=r.item.valid_at,
            )
            for r in results
        ]

    def _message(self, turn: Turn) -> dict[str, str]:
        limit = self.memory.settings.max_message_chars
        if len(turn.text) > limit:
            self.cost.turns_cut += 1
        message = {"role": turn.role, "content": turn.text[:limit], "id": turn.id}
        if turn.speaker != turn.role:
            message["name"] = turn.speaker
        return message
