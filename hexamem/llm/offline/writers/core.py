"""Core writer: the `human` profile and the assistant's `persona`, kept true as things change.

The profile holds one line per key fact (name, home, job, employer, partner,
diet), always the current value: a move replaces "Lives in", a break-up takes
"Partner" out, what is told as past changes nothing, and a request to forget
takes out every line that names what is forgotten. The persona holds the
assistant's name, pronouns and how to answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hexamem.agents.schemas import ProposedOp
from hexamem.llm.offline.people import USER
from hexamem.llm.offline.requests import persona_in
from hexamem.llm.offline.writers.job import Job
from hexamem.llm.tokens import count_tokens
from hexamem.memory_types import CoreBlock, MemoryItem
from hexamem.memory_types.core import DEFAULT_BLOCK_TOKENS

PROFILE = {
    "lives_in": "Lives in",
    "works_as": "Works as",
    "works_at": "Works at",
    "partner": "Partner",
    "diet": "Diet",
}


def core(job: Job) -> list[ProposedOp]:
    blocks = {
        i.payload.label: (i, i.payload)
        for i in job.request.existing
        if isinstance(i.payload, CoreBlock)
    }
    human = blocks.get("human")
    lines = _lines(human[1].value if human else "")
    if job.reading.user_name:
        lines["Name"] = job.reading.user_name
    for fact in job.facts:
        if fact.subject != USER or fact.relation not in PROFILE or fact.past:
            continue
        key = PROFILE[fact.relation]
        if fact.ends:
            if not fact.object or lines.get(key, "").lower().startswith(fact.object.lower()):
                lines.pop(key, None)
            continue
        value = fact.object if fact.relation != "partner" else f"{fact.object} ({fact.word})"
        lines[key] = value
    kept = dict(lines)
    for request in job.forgettings:
        targets = [n.lower() for n in request.names] + [v.lower() for v in job.forgotten_values()]
        kept = {k: v for k, v in kept.items() if not any(t in v.lower() for t in targets)}
    order = ["Name", *PROFILE.values()]
    ordered = sorted(kept.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
    profile = "\n".join(f"{k}: {v}" for k, v in ordered)
    ops: list[ProposedOp | None]
    if human and kept != lines:
        # Asked to forget what the profile says: its old versions say it too, so the block
        # is purged and written anew rather than updated.
        ops = [job.forget(human[0], "it named what is to be forgotten")]
        ops += [_block(job, "human", None, profile)] if profile else []
    else:
        ops = [_block(job, "human", human[0] if human else None, profile)]
    persona = persona_in(job.reading)
    if persona:
        held_block = blocks.get("persona")
        old = held_block[1].value if held_block else ""
        held = _lines(old)
        rules = [line for line in old.splitlines() if ":" not in line]
        for line in persona:
            key, sep, value = line.partition(": ")
            if sep and key in ("Name", "Pronouns"):
                held[key] = value
            elif line not in rules:
                rules.append(line)
        text = "\n".join([*(f"{k}: {v}" for k, v in held.items()), *rules])
        ops.append(_block(job, "persona", held_block[0] if held_block else None, text))
    return [op for op in ops if op is not None]


def _lines(value: str) -> dict[str, str]:
    pairs = (line.split(":", 1) for line in value.splitlines() if ":" in line)
    return {k.strip(): v.strip() for k, v in pairs}


def _block(job: Job, label: str, existing: MemoryItem | None, value: str) -> ProposedOp | None:
    payload: Mapping[str, Any] = existing.payload.model_dump() if existing else {}
    limit = payload.get("limit", DEFAULT_BLOCK_TOKENS)
    lines = value.splitlines()
    while lines and count_tokens("\n".join(lines)) > limit:
        lines.pop(0)  # the oldest line goes first when the block is full
    value = "\n".join(lines)
    if (not value and not existing) or (existing and payload.get("value") == value):
        return None  # nothing new (a block emptied by a request to forget is still written)
    if existing:
        return job.update(existing, {"value": value}, "profile changed")
    return ProposedOp(kind="ADD", payload={"label": label, "value": value}, reason="a new block")
