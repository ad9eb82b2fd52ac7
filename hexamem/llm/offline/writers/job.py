"""One writer's job: the request, the episode as read, and the helpers every writer shares."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from hexamem.agents.requests import WriteRequest
from hexamem.agents.schemas import ProposedOp
from hexamem.entities import normalize_name
from hexamem.llm.offline.facts import Fact, facts_in
from hexamem.llm.offline.people import USER
from hexamem.llm.offline.reading import Reading, Said, read
from hexamem.llm.offline.requests import (
    Correction,
    Forgetting,
    corrections_in,
    forgettings_in,
)
from hexamem.llm.offline.secrets import Secret, masked, secrets_in
from hexamem.llm.offline.steps import steps_in
from hexamem.memory_types import MemoryItem, SemanticFact


@dataclass
class Job:
    request: WriteRequest

    @cached_property
    def reading(self) -> Reading:
        return read(self.request.episode, self.request.context, self.request.core)

    @cached_property
    def context_text(self) -> str:
        return " ".join(m.content for m in self.request.context if m.role == "user")

    @cached_property
    def secrets(self) -> list[Secret]:
        return secrets_in(self.reading, self.context_text)

    @cached_property
    def facts(self) -> list[Fact]:
        return facts_in(self.reading, vehicle=self._vehicle_kept())

    def _vehicle_kept(self) -> str | None:
        """The kind of vehicle a stored fact says the user has ("bike"), for "got a Trek"."""
        for item in self.live():
            payload = item.payload
            if isinstance(payload, SemanticFact) and payload.relation == "vehicle":
                found = re.search(r"'s (\w+) (?:is|was) ", payload.summary)
                return found.group(1) if found else "vehicle"
        return None

    @cached_property
    def forgettings(self) -> list[Forgetting]:
        return forgettings_in(self.reading)

    @cached_property
    def corrections(self) -> list[Correction]:
        return corrections_in(self.reading)

    @cached_property
    def teaching(self) -> frozenset[str]:
        """Messages that teach steps: the procedure keeps them, not notes or events."""
        return frozenset(
            m.id for m in self.request.episode.messages if m.role == "user" and steps_in(m.content)
        )

    def kept_elsewhere(self, said: Said) -> bool:
        """A sentence that changes other memories rather than being one: steps, a request to
        forget, a correction."""
        return (
            said.message_id in self.teaching
            or any(r.said == said for r in self.forgettings)
            or any(c.said == said and c.explicit for c in self.corrections)
        )

    @property
    def user(self) -> str:
        return self.reading.subject_name

    def who(self, subject: str | None) -> str:
        return self.reading.who(subject) or self.user

    def text_of(self, said: Said) -> str:
        """A sentence as memory keeps it: dates made absolute, secrets out."""
        return masked(said.dated(), self.secrets)

    def ref(self, item: MemoryItem) -> int:
        return self.request.existing.index(item) + 1

    def current(self, item: MemoryItem) -> bool:
        at = self.request.episode.observed_at
        return item.expired_at is None and (item.invalid_at is None or item.invalid_at > at)

    def live(self) -> list[MemoryItem]:
        return [item for item in self.request.existing if self.current(item)]

    def is_user(self, name: str | None) -> bool:
        """Whether a stored subject is the user: their name, or 'User' before it was known."""
        if not name:
            return False
        folded = normalize_name(name)
        return folded in {"user", normalize_name(self.user)}

    def same_subject(self, stored: str | None, subject: str) -> bool:
        if subject == USER:
            return self.is_user(stored)
        return stored is not None and normalize_name(stored) == normalize_name(subject)

    def forget(self, item: MemoryItem, why: str) -> ProposedOp:
        return ProposedOp(kind="FORGET", ref=self.ref(item), reason=f"asked to forget: {why}")

    def update(self, item: MemoryItem, payload: Mapping[str, Any], why: str) -> ProposedOp:
        return ProposedOp(kind="UPDATE", ref=self.ref(item), payload=dict(payload), reason=why)

    def forgets(self, kind: type, by_value: bool = False) -> list[ProposedOp]:
        """FORGET ops for every stored memory of this kind a request to forget names; with
        by_value, also those that mention a forgotten fact's value."""
        named = self.mentions_forgotten if by_value else self.forgotten
        return [
            self.forget(item, request.said.text[:80])
            for item in self.request.existing
            if isinstance(item.payload, kind) and (request := named(item))
        ]

    def forgotten(self, item: MemoryItem) -> Forgetting | None:
        """The request to forget that names this memory, if any."""
        text = item.text.lower()
        for request in self.forgettings:
            named = any(_word_in(name.lower(), text) for name in request.names)
            if named and (request.everything or not request.words):
                return request
            if not request.words:
                continue
            payload = item.payload
            relation = payload.relation if isinstance(payload, SemanticFact) else None
            named = any(_word_in(w, text) for w in request.words) or any(
                w in (relation or "") or (w == "number" and relation == "phone_number")
                for w in request.words
            )
            still = self.current(item) and not self.replaced(item)
            if not named or (request.old and still and relation is not None):
                continue
            subject = payload.subject if isinstance(payload, SemanticFact) else None
            if request.whose == USER and subject is not None and not self.is_user(subject):
                continue
            if (
                request.whose not in (None, USER)
                and subject is not None
                and not self.same_subject(subject, request.whose)
            ):
                continue
            return request
        return None

    def replaced(self, item: MemoryItem) -> bool:
        """Whether this episode states a new value for this one-value fact ("I moved to
        Graz" before "forget my old address", in one episode)."""
        payload = item.payload
        if not isinstance(payload, SemanticFact) or payload.relation is None:
            return False
        return any(
            fact.single
            and not fact.past
            and fact.relation == payload.relation
            and self.same_subject(payload.subject, fact.subject)
            and normalize_name(fact.object or "") != normalize_name(payload.object or "")
            for fact in self.facts
        )

    def forgotten_values(self) -> set[str]:
        """The values of facts the user asked to forget ('12 Elm Road, Bath')."""
        values: set[str] = set()
        for item in [*self.request.facts, *self.request.existing]:
            payload = item.payload
            if isinstance(payload, SemanticFact) and payload.object and self.forgotten(item):
                values.add(payload.object)
        return values

    def mentions_forgotten(self, item: MemoryItem) -> Forgetting | None:
        found = self.forgotten(item)
        if found is not None:
            return found
        text = item.text.lower()
        for value in self.forgotten_values():
            if len(value) >= 4 and value.lower() in text:
                return self.forgettings[0]
        return None


def _word_in(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None
