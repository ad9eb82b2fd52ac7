"""Routing by content: which memory types an episode touches, and why."""

from __future__ import annotations

from typing import Any

from hexamem.agents.schemas import Assignment, RouteDecision
from hexamem.llm.offline import patterns
from hexamem.llm.offline.facts import facts_in, secrets_in, user_name
from hexamem.llm.offline.reading import observed_at, user_sentences
from hexamem.memory_types import MemoryType
from hexamem.retrieval.when import parse_window

PROFILE = {"lives_in", "works_at", "works_as", "partner", "age"}


def route(inputs: dict[str, Any]) -> RouteDecision:
    said = user_sentences(inputs)
    text = " ".join(s.text for s in said)
    at = observed_at(inputs)
    name = user_name(said, inputs.get("core", {}))
    facts = facts_in(said, name)
    found: dict[MemoryType, str] = {}
    if secrets_in(said):
        found[MemoryType.KNOWLEDGE_VAULT] = "store the secret shared"
    if len(patterns.NUMBERED_STEP.findall(text)) >= 2 or len(patterns.SEQUENCE.findall(text)) >= 2:
        found[MemoryType.PROCEDURAL] = "record the steps"
    if patterns.URL.search(text) or patterns.FILE.search(text):
        found[MemoryType.RESOURCE] = "record the link or file"
    if facts:
        found[MemoryType.SEMANTIC] = "record: " + "; ".join(f.summary for f in facts[:5])
    if any(patterns.EVENT_VERBS.search(s.text) or parse_window(s.text, at) for s in said):
        found[MemoryType.EPISODIC] = "record what happened and when"
    if (
        any(patterns.NAME.search(s.text) for s in said)
        or any(f.relation in PROFILE and f.subject == name for f in facts)
        or patterns.PERSONA.search(text)
    ):
        found[MemoryType.CORE] = "update the user's profile"
    return RouteDecision(
        assignments=[Assignment(memory_type=t, instruction=why) for t, why in found.items()]
    )
