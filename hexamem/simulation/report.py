"""What a simulation did, as data: the terminal view and `--report` JSON both render this."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from hexamem.errors import NotFound
from hexamem.memory_types import MemoryItem, MemoryType
from hexamem.results import OpOutcome


class OpRecord(BaseModel):
    """One op the agents applied, with the short text of the memory it touched."""

    kind: str
    memory_type: MemoryType
    id: str | None = None
    version: int | None = None
    text: str = Field(default="", description="First line of the memory; secrets redacted.")
    reason: str = ""


def op_records(outcomes: Iterable[OpOutcome], get: Callable[[str], MemoryItem]) -> list[OpRecord]:
    """Outcomes with the text of each memory (`get` must redact secrets)."""
    records = []
    for outcome in outcomes:
        text = ""
        if outcome.id is not None:
            try:
                text = get(outcome.id).text.splitlines()[0]
            except (NotFound, IndexError):
                text = ""  # forgotten since, or empty
        records.append(
            OpRecord(
                kind=outcome.kind,
                memory_type=outcome.memory_type,
                id=outcome.id,
                version=outcome.version,
                text=text,
                reason=outcome.reason,
            )
        )
    return records


class ExchangeReport(BaseModel):
    at: datetime
    user: str | None = None
    assistant: list[str] = Field(default_factory=list)
    live: bool = Field(description="The assistant replied live (no `assistant:` turn given).")
    used_ids: list[str] = Field(default_factory=list)
    ops: list[OpRecord] = Field(default_factory=list)


class SessionReport(BaseModel):
    id: str
    user: str
    at: datetime
    exchanges: list[ExchangeReport] = Field(default_factory=list)

    def op_counts(self) -> dict[str, Counter[str]]:
        """Per memory type, how many ops of each kind."""
        counts: dict[str, Counter[str]] = {}
        for exchange in self.exchanges:
            for op in exchange.ops:
                counts.setdefault(op.memory_type.value, Counter())[op.kind] += 1
        return counts


class ProbeReport(BaseModel):
    kind: Literal["ask", "memory"]
    after: str
    user: str
    text: str = Field(description="The question, or the memory query.")
    asked_at: datetime | None = None
    expect: list[str]
    reject: list[str]
    passed: bool
    answer: str = Field(default="", description="The answer, or the top memories, one a line.")
    used_ids: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="Expected, not found.")
    unexpected: list[str] = Field(default_factory=list, description="Rejected, found.")


class Totals(BaseModel):
    turns: int = 0
    live_replies: int = 0
    seconds: float = 0.0
    llm_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    probes_passed: int = 0
    probes_failed: int = 0

    @property
    def turns_per_second(self) -> float:
        return self.turns / self.seconds if self.seconds else 0.0


class ScenarioReport(BaseModel):
    name: str
    file: str | None = None
    llm: str
    sessions: list[SessionReport] = Field(default_factory=list)
    probes: list[ProbeReport] = Field(default_factory=list)
    totals: Totals = Field(default_factory=Totals)

    @property
    def passed(self) -> bool:
        return all(p.passed for p in self.probes)


def matched(text: str, expect: Iterable[str], reject: Iterable[str]) -> tuple[list[str], list[str]]:
    """(expected strings missing from `text`, rejected strings present), case-insensitive."""
    folded = text.casefold()
    return (
        [e for e in expect if e.casefold() not in folded],
        [r for r in reject if r.casefold() in folded],
    )
