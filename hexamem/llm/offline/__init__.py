"""The offline engine: deterministic rules that answer the agents' structured calls.

It is a `StructuredLLM` like any other: it reads the quoted inputs of the
rendered prompt and fills the requested schema, so the agents, prompts and
graphs run unchanged with or without a model. No weights, no network.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from hexamem.agents.schemas import AnswerReply, ChatReply, RouteDecision, WriterReply
from hexamem.errors import ModelOutputError
from hexamem.llm.base import ChatMessage, Reply, Role, StructuredLLM, T, Usage
from hexamem.llm.offline.answer import answer
from hexamem.llm.offline.reading import quoted_inputs, writer_type
from hexamem.llm.offline.reply import reply
from hexamem.llm.offline.route import route
from hexamem.llm.offline.write import write

MODEL = "offline-rules"


class OfflineLLM(StructuredLLM):
    name = "offline"

    def model_for(self, role: Role) -> str:
        return MODEL

    def structured(
        self, *, role: Role, system: str, messages: Sequence[ChatMessage], schema: type[T]
    ) -> Reply[T]:
        started = time.perf_counter()
        inputs = quoted_inputs(messages[-1].content if messages else "")
        value: RouteDecision | WriterReply | AnswerReply | ChatReply
        if schema is RouteDecision:
            value = route(inputs)
        elif schema is WriterReply and (memory_type := writer_type(system)) is not None:
            value = write(memory_type, inputs)
        elif schema is AnswerReply:
            value = answer(inputs)
        elif schema is ChatReply:
            value = reply(inputs)
        else:
            raise ModelOutputError(f"the offline engine cannot fill {schema.__name__}")
        return Reply(
            schema.model_validate(value.model_dump()), Usage(), time.perf_counter() - started, MODEL
        )
