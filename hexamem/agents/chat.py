"""The chat agent: the assistant's next message, grounded in core blocks and retrieved memories.

Unlike the answer agent it always replies (a greeting or an acknowledgement is
a fine reply); it cites the memories it used the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from hexamem.agents.answer import memory_lines, redacted_results, used_ids
from hexamem.agents.requests import ChatRequest
from hexamem.agents.schemas import ChatReply
from hexamem.llm import ChatMessage, StructuredLLM
from hexamem.memory_types import CoreBlock
from hexamem.prompts import render
from hexamem.results import AnswerResult, SearchResult
from hexamem.retrieval.when import TimeWindow

#: Earlier messages shown to the model; older ones live in memory, not in the prompt.
CONVERSATION_WINDOW = 12


def run_chat(
    llm: StructuredLLM,
    *,
    message: str,
    conversation: Sequence[ChatMessage],
    core: Mapping[str, CoreBlock],
    results: Sequence[SearchResult],
    asked_at: datetime,
    window: TimeWindow | None = None,
    reveal_secrets: bool = False,
    overrides: Mapping[str, Path] | None = None,
) -> AnswerResult:
    """Raises `ModelOutputError` when no valid reply comes back: a chat must say so."""
    request = ChatRequest(
        message=message,
        asked_at=asked_at,
        results=tuple(results if reveal_secrets else (redacted_results(r) for r in results)),
        core=core,
        conversation=tuple(conversation[-CONVERSATION_WINDOW:]),
        window=window,
        reveal_secrets=reveal_secrets,
    )
    prompt = render(
        "chat",
        {
            "asked_at": asked_at.isoformat(),
            "core": {label: block.value for label, block in core.items()},
            "conversation": [
                {"role": m.role, "content": m.content} for m in conversation[-CONVERSATION_WINDOW:]
            ],
            "memories": memory_lines(results, asked_at, reveal_secrets=reveal_secrets),
            "message": message,
        },
        overrides=overrides,
    )
    reply = llm.ask("chat", prompt, ChatReply, request)
    return AnswerResult(
        answer=reply.value.reply.strip(),
        used_ids=used_ids(results, reply.value.used),
        usage=reply.usage,
        latency_s=reply.latency_s,
    )
