"""The offline engine: deterministic rules that answer the agents' structured calls.

It is a `StructuredLLM` like any other, but it reads the typed request each
call carries (the episode, the stored memories, the question, the retrieved
results) rather than the rendered prompt, so the agents, graphs and prompt
overrides run unchanged with or without a model. No weights, no network: the
language work is spaCy's tokenizer and sentencizer, lemminflect's lemma
tables and dateutil's calendar arithmetic.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel

from hexamem.errors import ModelOutputError
from hexamem.llm.base import ChatMessage, Reply, Role, StructuredLLM, T, Usage

if TYPE_CHECKING:
    from hexamem.agents.requests import AgentRequest

MODEL = "offline-rules"


class OfflineLLM(StructuredLLM):
    name = "offline"
    reads_any_prompt = False

    def model_for(self, role: Role) -> str:
        return MODEL

    def structured(
        self,
        *,
        role: Role,
        system: str,
        messages: Sequence[ChatMessage],
        schema: type[T],
        request: AgentRequest | None = None,
    ) -> Reply[T]:
        started = time.perf_counter()
        value = _respond(request)
        if not isinstance(value, schema):
            raise ModelOutputError(
                f"the offline engine answers a {type(request).__name__} with "
                f"{type(value).__name__}, not {schema.__name__}"
            )
        return Reply(value, Usage(), time.perf_counter() - started, MODEL)


def _respond(request: AgentRequest | None) -> BaseModel:
    # Imported here: the language tables load on first use, not when hexamem starts.
    from hexamem.agents.requests import AnswerRequest, ChatRequest, RouteRequest, WriteRequest
    from hexamem.llm.offline.answering import answer
    from hexamem.llm.offline.reply import reply
    from hexamem.llm.offline.route import route
    from hexamem.llm.offline.writers import write

    if isinstance(request, RouteRequest):
        return route(request)
    if isinstance(request, WriteRequest):
        return write(request)
    if isinstance(request, AnswerRequest):
        return answer(request)
    if isinstance(request, ChatRequest):
        return reply(request)
    raise ModelOutputError(
        "the offline engine reads the typed request beside the prompt, and this call has none"
    )
