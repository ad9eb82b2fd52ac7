"""Writer rules per memory type: proposals in the same shape an LLM writer returns.

Each rule compares what the episode says with the existing memories it was
shown (by ref): the same thing again is a NOOP, a changed single-valued fact
supersedes the old one, and secrets are kept out of every type but the vault.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hexamem.agents.schemas import ProposedOp, WriterReply
from hexamem.entities import normalize_name
from hexamem.llm.offline import patterns
from hexamem.llm.offline.facts import facts_in, secrets_in, user_name, without_secrets
from hexamem.llm.offline.reading import Said, observed_at, user_sentences
from hexamem.memory_types import MemoryType
from hexamem.memory_types.core import DEFAULT_BLOCK_TOKENS
from hexamem.retrieval.when import parse_window
from hexamem.tokens import count_tokens


def _when(sentence: Said, at: datetime) -> datetime | None:
    window = parse_window(sentence.text, at)
    return window.start if window is not None and window.start is not None else None


def semantic(inputs: dict[str, Any]) -> list[ProposedOp]:
    said, at = user_sentences(inputs), observed_at(inputs)
    existing = inputs.get("existing", [])
    ops = []
    for fact in facts_in(said, user_name(said, inputs.get("core", {}))):
        same = [
            e
            for e in existing
            if e.get("relation") == fact.relation
            and normalize_name(e.get("subject") or "") == normalize_name(fact.subject)
        ]
        if any(normalize_name(e.get("object") or "") == normalize_name(fact.object) for e in same):
            ops.append(ProposedOp(kind="NOOP", ref=same[0]["ref"], reason="already known"))
            continue
        start = _when(fact.said, at)
        ops.append(
            ProposedOp(
                kind="ADD",
                payload={
                    "name": fact.subject,
                    "summary": fact.summary,
                    "subject": fact.subject,
                    "relation": fact.relation,
                    "object": fact.object,
                    "source": fact.said.speaker,
                },
                supersedes=[e["ref"] for e in same] if fact.single else [],
                valid_at=start.isoformat() if start else None,
                reason=f"stated: {fact.said.text[:80]}",
            )
        )
    return ops


def episodic(inputs: dict[str, Any]) -> list[ProposedOp]:
    said, at = user_sentences(inputs), observed_at(inputs)
    secrets = secrets_in(said)
    known = {e.get("summary", "").lower() for e in inputs.get("existing", [])}
    name = user_name(said, inputs.get("core", {}))
    ops = []
    for sentence in said:
        verb = patterns.EVENT_VERBS.search(sentence.text)
        start = _when(sentence, at)
        if verb is None and start is None:
            continue
        summary = without_secrets(sentence.text, secrets)
        if summary.lower() in known:
            continue
        ops.append(
            ProposedOp(
                kind="ADD",
                reason="an event",
                payload={
                    "occurred_at": (start or at).isoformat(),
                    "actor": name,
                    "event_type": verb.group(0).lower() if verb else "event",
                    "summary": summary,
                },
            )
        )
    return ops


def procedural(inputs: dict[str, Any]) -> list[ProposedOp]:
    said = user_sentences(inputs)
    text = "\n".join(s.text for s in said)
    steps = [m.group("step").strip(" .") for m in patterns.NUMBERED_STEP.finditer(text)]
    if len(steps) < 2:
        steps = [p.strip(" .") for p in patterns.SEQUENCE.split(text)[1:] if p.strip(" .")]
    if len(steps) < 2:
        return []
    goal = patterns.HOW_TO.search(text)
    summary = goal.group("goal").strip() if goal else said[0].text[:100]
    for existing in inputs.get("existing", []):
        if normalize_name(existing.get("summary", "")) == normalize_name(summary):
            if existing.get("steps") == steps:
                return [ProposedOp(kind="NOOP", ref=existing["ref"], reason="known procedure")]
            return [
                ProposedOp(
                    kind="UPDATE",
                    ref=existing["ref"],
                    payload={"steps": steps},
                    reason="the steps changed",
                )
            ]
    return [
        ProposedOp(
            kind="ADD",
            reason="steps were given",
            payload={"entry_type": "guide", "summary": summary, "steps": steps},
        )
    ]


def resource(inputs: dict[str, Any]) -> list[ProposedOp]:
    said = user_sentences(inputs)
    secrets = secrets_in(said)
    known = {e.get("uri") or e.get("title") for e in inputs.get("existing", [])}
    ops = []
    for sentence in said:
        urls = list(patterns.URL.finditer(sentence.text))
        inside_url = [(u.start(), u.end()) for u in urls]
        files = [
            f
            for f in patterns.FILE.finditer(sentence.text)
            if not any(a <= f.start() < b for a, b in inside_url)
        ]
        for match in [*urls, *files]:
            ref = match.group(0).rstrip(".,)")
            if ref in known or "://" in ref and ref.split("/")[-1] in known:
                continue
            known.add(ref)
            is_url = "://" in ref
            ops.append(
                ProposedOp(
                    kind="ADD",
                    reason="shared a link or file",
                    payload={
                        "title": ref.rstrip("/").split("/")[-1] or ref if not is_url else ref,
                        "resource_type": "link" if is_url else "file",
                        "summary": without_secrets(sentence.text, secrets),
                        "uri": ref if is_url else None,
                    },
                )
            )
    return ops


def knowledge_vault(inputs: dict[str, Any]) -> list[ProposedOp]:
    said = user_sentences(inputs)
    captions = {e.get("caption"): e["ref"] for e in inputs.get("existing", [])}
    ops = []
    for secret in secrets_in(said):
        if secret.caption in captions:
            ops.append(
                ProposedOp(
                    kind="UPDATE",
                    ref=captions[secret.caption],
                    payload={"secret_value": secret.value},
                    reason="the secret was given again",
                )
            )
            continue
        ops.append(
            ProposedOp(
                kind="ADD",
                reason="a secret was shared",
                payload={
                    "entry_type": secret.entry_type,
                    "sensitivity": secret.sensitivity,
                    "caption": secret.caption,
                    "secret_value": secret.value,
                    "source": secret.said.speaker,
                },
            )
        )
    return ops


def core(inputs: dict[str, Any]) -> list[ProposedOp]:
    """The `human` block as 'Key: value' lines, and the `persona` block from instructions."""
    said = user_sentences(inputs)
    blocks = {e["label"]: e for e in inputs.get("existing", [])}
    name = user_name(said, inputs.get("core", {}))
    lines = dict(_lines(blocks.get("human", {}).get("value", "")))
    if name != "User":
        lines["Name"] = name
    labels = {
        "lives_in": "Lives in",
        "works_at": "Works at",
        "works_as": "Works as",
        "partner": "Partner",
        "age": "Age",
    }
    for fact in facts_in(said, name):
        if fact.subject == name and fact.relation in labels:
            lines[labels[fact.relation]] = fact.object
    ops = [_block("human", blocks.get("human"), "\n".join(f"{k}: {v}" for k, v in lines.items()))]
    rules = [m.group(0).strip() for s in said for m in patterns.PERSONA.finditer(s.text)]
    if rules:
        old = blocks.get("persona", {}).get("value", "")
        kept = [line for line in old.splitlines() if line.strip()]
        kept += [rule for rule in rules if rule not in kept]
        ops.append(_block("persona", blocks.get("persona"), "\n".join(kept)))
    return [op for op in ops if op is not None]


def _lines(value: str) -> list[tuple[str, str]]:
    pairs = (line.split(":", 1) for line in value.splitlines() if ":" in line)
    return [(k.strip(), v.strip()) for k, v in pairs]


def _block(label: str, existing: dict[str, Any] | None, value: str) -> ProposedOp | None:
    limit = (existing or {}).get("limit", DEFAULT_BLOCK_TOKENS)
    lines = value.splitlines()
    while lines and count_tokens("\n".join(lines)) > limit:
        lines.pop(0)  # the oldest line goes first when the block is full
    value = "\n".join(lines)
    if not value or (existing and existing.get("value") == value):
        return None
    if existing:
        return ProposedOp(
            kind="UPDATE", ref=existing["ref"], payload={"value": value}, reason="profile changed"
        )
    return ProposedOp(
        kind="ADD", payload={"label": label, "value": value}, reason="a new profile block"
    )


WRITERS = {
    MemoryType.CORE: core,
    MemoryType.EPISODIC: episodic,
    MemoryType.SEMANTIC: semantic,
    MemoryType.PROCEDURAL: procedural,
    MemoryType.RESOURCE: resource,
    MemoryType.KNOWLEDGE_VAULT: knowledge_vault,
}


def write(memory_type: MemoryType, inputs: dict[str, Any]) -> WriterReply:
    return WriterReply(ops=WRITERS[memory_type](inputs))


__all__ = ["WRITERS", "write"]
