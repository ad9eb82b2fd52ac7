"""A writer: one memory type, one episode, a list of typed ops out.

The model sees existing memories under small refs; its proposals are mapped
back to real ids here. A proposal that names a ref it was never shown, or whose
payload does not validate, becomes a NOOP that records why: it is never applied.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hexamem.agents.refs import RefTable
from hexamem.agents.requests import WriteRequest
from hexamem.agents.schemas import ProposedOp, WriterReply
from hexamem.errors import HexamemError, InvalidInput, ModelOutputError
from hexamem.llm import StructuredLLM, Usage
from hexamem.memory_types import (
    Add,
    CoreBlock,
    Delete,
    Episode,
    Forget,
    MemoryItem,
    MemoryType,
    Message,
    Noop,
    Op,
    Reassert,
    Update,
)
from hexamem.memory_types.time import parse_time
from hexamem.prompts import render

#: Most ops one writer reply may propose; the rest are dropped, and that is recorded.
MAX_OPS_PER_REPLY = 40
#: Largest payload of one proposed op (its JSON, in characters): a memory, not a document.
MAX_PAYLOAD_CHARS = 20_000


@dataclass
class WriterResult:
    memory_type: MemoryType
    ops: list[Op] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    latency_s: float = 0.0


def episode_view(episode: Episode) -> list[dict[str, str]]:
    """The episode as the model sees it (quoted by the prompt helper); a message that
    carries its own time shows it, for episodes that span a stretch of conversation."""
    view = []
    for m in episode.messages:
        shown = {"id": m.id, "role": m.role, "speaker": m.name or m.role, "content": m.content}
        if m.at is not None:
            shown["said_at"] = m.at.isoformat()
        view.append(shown)
    return view


def core_view(core: Mapping[str, CoreBlock]) -> dict[str, str]:
    return {label: block.value for label, block in core.items()}


def context_view(context: Sequence[Message]) -> list[dict[str, str]]:
    """Earlier messages of the session, shown for reference only."""
    return [{"role": m.role, "speaker": m.name or m.role, "content": m.content} for m in context]


def facts_view(facts: Sequence[MemoryItem]) -> list[str]:
    """Current graph facts as dated sentences."""
    return [
        f"{item.text} (since {item.valid_at.date().isoformat()})"
        for item in facts
        if item.current and item.invalid_at is None
    ]


def run_writer(
    llm: StructuredLLM,
    *,
    memory_type: MemoryType,
    episode: Episode,
    instruction: str,
    core: Mapping[str, CoreBlock],
    existing: Sequence[MemoryItem],
    facts: Sequence[MemoryItem] = (),
    context: Sequence[Message] = (),
    overrides: Mapping[str, Path] | None = None,
) -> WriterResult:
    table = RefTable.of(existing)
    request = WriteRequest(
        memory_type=memory_type,
        episode=episode,
        instruction=instruction,
        core=core,
        existing=tuple(item.redacted() for item in table.items),
        facts=tuple(facts),
        context=tuple(context),
    )
    inputs: dict[str, object] = {
        "observed_at": episode.observed_at.isoformat(),
        "instruction": instruction,
        "core": core_view(core),
        "existing": table.shown(),
        "context": context_view(context),
        "episode": episode_view(episode),
    }
    if memory_type is MemoryType.SEMANTIC:
        inputs["facts"] = facts_view(facts)
    prompt = render(memory_type.value, inputs, overrides=overrides)
    result = WriterResult(memory_type)
    try:
        reply = llm.ask("writer", prompt, WriterReply, request)
    except ModelOutputError as exc:
        result.ops.append(
            Noop(
                memory_type=memory_type,
                source_episode=episode.id,
                reason=f"model output rejected: {exc}",
            )
        )
        result.rejected.append(str(exc))
        return result
    result.usage, result.latency_s = reply.usage, reply.latency_s
    proposals = reply.value.ops
    if len(proposals) > MAX_OPS_PER_REPLY:
        reason = f"{len(proposals) - MAX_OPS_PER_REPLY} ops over the limit of {MAX_OPS_PER_REPLY}"
        result.rejected.append(reason)
        result.ops.append(
            Noop(memory_type=memory_type, source_episode=episode.id, reason=f"dropped {reason}")
        )
        proposals = proposals[:MAX_OPS_PER_REPLY]
    for proposed in proposals:
        try:
            result.ops.append(to_op(proposed, memory_type, table, episode))
        except (HexamemError, ValidationError, ValueError) as exc:
            reason = f"rejected {proposed.kind}: {exc}"
            result.rejected.append(reason)
            result.ops.append(
                Noop(memory_type=memory_type, source_episode=episode.id, reason=reason[:500])
            )
    return result


def to_op(proposed: ProposedOp, memory_type: MemoryType, table: RefTable, episode: Episode) -> Op:
    """A model's proposal as a typed op, with refs mapped to ids; raises if it cannot be."""

    def target(ref: int | None) -> str:
        item = table.resolve(ref)
        if item is None:
            raise InvalidInput(f"ref {ref!r} was never shown (invented)")
        return item.id

    size = len(json.dumps(proposed.payload, ensure_ascii=False, default=str))
    if size > MAX_PAYLOAD_CHARS:
        raise InvalidInput(f"payload of {size} characters; the limit is {MAX_PAYLOAD_CHARS}")
    valid_at = parse_time(proposed.valid_at, field="valid_at") if proposed.valid_at else None
    invalid_at = (
        parse_time(proposed.invalid_at, field="invalid_at") if proposed.invalid_at else None
    )
    common: dict[str, Any] = {
        "memory_type": memory_type,
        "reason": proposed.reason,
        "source_episode": episode.id,
    }
    if proposed.kind == "ADD":
        return Add.model_validate(
            {
                "payload": proposed.payload,
                "valid_at": valid_at,
                "invalid_at": invalid_at,
                "supersedes": tuple(target(r) for r in proposed.supersedes),
                "message_ids": tuple(m.id for m in episode.messages),
                **common,
            }
        )
    if proposed.kind == "UPDATE":
        return Update(
            target_id=target(proposed.ref), payload=proposed.payload, valid_at=valid_at, **common
        )
    if proposed.kind == "DELETE":
        return Delete(target_id=target(proposed.ref), valid_at=valid_at, **common)
    if proposed.kind == "REASSERT":
        return Reassert(target_id=target(proposed.ref), **common)
    if proposed.kind == "FORGET":
        return Forget(target_id=target(proposed.ref), **common)
    return Noop(target_id=target(proposed.ref) if proposed.ref is not None else None, **common)
