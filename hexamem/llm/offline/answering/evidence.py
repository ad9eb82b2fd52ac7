"""What was retrieved, as evidence an answer can stand on: one piece per memory, or per line
of a core block, with its words, the day it speaks of, and whether it still holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hexamem.llm.offline.language import content_words, lemmas
from hexamem.memory_types import (
    CoreBlock,
    EpisodicEvent,
    MemoryItem,
    Procedure,
    Resource,
    SemanticFact,
    VaultEntry,
)
from hexamem.results import SearchResult


@dataclass(frozen=True)
class Evidence:
    ref: int
    item: MemoryItem
    text: str
    kind: str
    when: datetime
    current: bool
    similarity: float
    words: frozenset[str]
    head: frozenset[str] = frozenset()
    """Words of what a procedure or resource is for (its summary), which weigh more."""

    @property
    def fact(self) -> SemanticFact | None:
        payload = self.item.payload
        return payload if isinstance(payload, SemanticFact) and payload.is_fact else None

    def has(self, options: frozenset[str]) -> bool:
        return bool(self.words & options)


def gather(results: Sequence[SearchResult], asked_at: datetime) -> list[Evidence]:
    found: list[Evidence] = []
    for ref, result in enumerate(results, start=1):
        item = result.item
        current = item.expired_at is None and (
            item.invalid_at is None or item.invalid_at > asked_at
        )
        for text, kind in _pieces(item):
            found.append(
                Evidence(
                    ref=ref,
                    item=item,
                    text=text,
                    kind=kind,
                    when=item.valid_at,
                    current=current,
                    similarity=result.similarity or 0.0,
                    words=_lemma_set(text),
                    head=_head(item),
                )
            )
    return found


def _pieces(item: MemoryItem) -> list[tuple[str, str]]:
    payload = item.payload
    if isinstance(payload, CoreBlock):
        return [(line, "core") for line in payload.value.splitlines() if line.strip()]
    if isinstance(payload, EpisodicEvent):
        return [(payload.summary, "event")]
    if isinstance(payload, SemanticFact):
        if payload.is_fact:
            return [(payload.summary, "fact")]
        return [(payload.summary, "note")]
    if isinstance(payload, Procedure):
        return [(payload.index_text(), "procedure")]
    if isinstance(payload, Resource):
        return [(payload.index_text(), "resource")]
    if isinstance(payload, VaultEntry):
        return [(payload.index_text(), "vault")]
    return [(item.text, "note")]


def _head(item: MemoryItem) -> frozenset[str]:
    payload = item.payload
    if isinstance(payload, Procedure | Resource):
        return _lemma_set(payload.summary)
    return frozenset()


def _lemma_set(text: str) -> frozenset[str]:
    found: set[str] = set()
    for word in content_words(text):
        found |= lemmas(word)
        for part in word.split("-"):
            found |= lemmas(part)
    return frozenset(found)
