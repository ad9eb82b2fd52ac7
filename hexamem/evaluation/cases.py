"""One shape for both benchmarks: haystacks of dated turns, and questions about them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Turn:
    """One utterance; `id` is what the benchmark's evidence names."""

    id: str
    session_id: str
    role: str  # "user" or "assistant", as hexamem stores it
    speaker: str
    text: str
    at: datetime


@dataclass(frozen=True)
class Haystack:
    """Everything one memory is given before its questions: a conversation or a history."""

    id: str
    sessions: tuple[tuple[Turn, ...], ...]

    def turns(self) -> Iterator[Turn]:
        for session in self.sessions:
            yield from session


@dataclass(frozen=True)
class Question:
    id: str
    haystack_id: str
    text: str
    answer: str
    category: str
    asked_at: datetime
    #: Turn ids that hold the answer; empty when the benchmark names none usable.
    evidence: tuple[str, ...] = ()
    evidence_sessions: tuple[str, ...] = ()
    #: True for questions whose right answer is that the memory does not know.
    abstention: bool = False


@dataclass
class Benchmark:
    name: str
    haystacks: dict[str, Haystack]
    questions: list[Question]
    #: Questions whose evidence could not be read, by reason (reported, not hidden).
    dropped_evidence: dict[str, int] = field(default_factory=dict)

    def limited(self, haystacks: int | None) -> Benchmark:
        """The first `haystacks` haystacks and their questions (all when None)."""
        if haystacks is None:
            return self
        kept = dict(list(self.haystacks.items())[:haystacks])
        return Benchmark(
            self.name,
            kept,
            [q for q in self.questions if q.haystack_id in kept],
            self.dropped_evidence,
        )
