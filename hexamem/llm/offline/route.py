"""Routing by content: which memory types an episode touches, from the same reading the writers use.

Questions, greetings and small talk touch none. A request to forget touches
every type that may hold what it names.
"""

from __future__ import annotations

from hexamem.agents.requests import RouteRequest, WriteRequest
from hexamem.agents.schemas import Assignment, RouteDecision
from hexamem.llm.offline.people import USER
from hexamem.llm.offline.requests import persona_in
from hexamem.llm.offline.steps import revision_in, steps_in
from hexamem.llm.offline.writers.core import PROFILE
from hexamem.llm.offline.writers.events import is_event
from hexamem.llm.offline.writers.job import Job
from hexamem.llm.offline.writers.resource import FILE, URL
from hexamem.memory_types import MemoryType


def route(request: RouteRequest) -> RouteDecision:
    job = Job(
        WriteRequest(
            memory_type=MemoryType.SEMANTIC,
            episode=request.episode,
            instruction="",
            core=request.core,
            context=request.context,
        )
    )
    reading = job.reading
    said = [s for s in reading.said]
    text = "\n".join(m.content for m in request.episode.messages if m.role == "user")
    found: dict[MemoryType, str] = {}
    if job.forgettings:
        why = "forget what the user asked to forget"
        found.update((t, why) for t in MemoryType if t is not MemoryType.KNOWLEDGE_VAULT)
    if job.secrets:
        found[MemoryType.KNOWLEDGE_VAULT] = "store the secret: " + ", ".join(
            s.caption for s in job.secrets
        )
    users = (m.content for m in request.episode.messages if m.role == "user")
    if any(steps_in(t) for t in users) or any(revision_in(s.text) for s in said) or job.corrections:
        found.setdefault(MemoryType.PROCEDURAL, "record or revise the steps")
    if URL.search(text) or FILE.search(text):
        found.setdefault(MemoryType.RESOURCE, "record the link or file")
    told = reading.told()
    if job.facts or job.corrections or told:
        facts = "; ".join(
            f"{reading.who(f.subject)} {f.relation} {f.object}" for f in job.facts[:5]
        )
        found.setdefault(MemoryType.SEMANTIC, "record: " + (facts or "what the user said"))
    if any(is_event(s) for s in told) or job.corrections:
        found.setdefault(MemoryType.EPISODIC, "record what happened and when")
    profile = any(f.subject == USER and f.relation in PROFILE for f in job.facts)
    if reading.user_name and not request.core.get("human") or profile or persona_in(reading):
        found.setdefault(MemoryType.CORE, "update the user's profile")
    return RouteDecision(
        assignments=[Assignment(memory_type=t, instruction=why) for t, why in found.items()]
    )
