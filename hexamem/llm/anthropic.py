"""Claude through the official `anthropic` SDK, structured output by forced tool use.

The schema becomes the input schema of one tool the model must call. Rate
limits (429), overload (529) and server errors are retried by the SDK with
backoff. A tool input that fails validation is sent back once as an error
tool result so the model can correct it; a second failure is a
`ModelOutputError`, and nothing unvalidated is ever returned.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import anthropic
from anthropic.types import MessageParam, ToolChoiceToolParam, ToolParam
from pydantic import ValidationError

from hexamem.errors import ConfigurationError, ModelOutputError, ModelUnavailable
from hexamem.llm.base import (
    ChatMessage,
    Reply,
    Role,
    StructuredLLM,
    T,
    Usage,
    models_by_role,
    sendable,
)

if TYPE_CHECKING:
    from hexamem.agents.requests import AgentRequest

DEFAULT_MODELS: dict[Role, str] = {
    "manager": "claude-haiku-5-5",
    "writer": "claude-haiku-5-5",
    "answer": "claude-sonnet-5-5",
    "chat": "claude-sonnet-5-5",
}
TOOL_NAME = "record"


class AnthropicLLM(StructuredLLM):
    name = "anthropic"

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None = None,
        models: Mapping[str, str] | None = None,
        max_tokens: int = 4096,
        max_retries: int = 4,
        timeout_s: float = 60.0,
    ) -> None:
        if not api_key:
            raise ConfigurationError("the anthropic provider needs ANTHROPIC_API_KEY")
        self._client = anthropic.Anthropic(
            api_key=api_key, base_url=base_url, max_retries=max_retries, timeout=timeout_s
        )
        self._models = models_by_role(DEFAULT_MODELS, models or {})
        self._max_tokens = max_tokens

    def model_for(self, role: Role) -> str:
        return self._models[role]

    def structured(
        self,
        *,
        role: Role,
        system: str,
        messages: Sequence[ChatMessage],
        schema: type[T],
        request: AgentRequest | None = None,
    ) -> Reply[T]:
        model = self._models[role]
        tool: dict[str, Any] = {
            "name": TOOL_NAME,
            "description": (schema.__doc__ or schema.__name__).strip(),
            "input_schema": schema.model_json_schema(),
        }
        conversation: list[dict[str, Any]] = [
            {"role": m.role, "content": m.content} for m in messages
        ]
        usage, started = Usage(), time.perf_counter()
        for attempt in (1, 2):
            response = self._call(model, system, conversation, tool)
            usage = usage + Usage(response.usage.input_tokens, response.usage.output_tokens)
            call = next((b for b in response.content if b.type == "tool_use"), None)
            if call is None:
                problem = "the reply did not call the tool"
            else:
                try:
                    value = schema.model_validate(call.input)
                except ValidationError as exc:
                    problem = str(exc)
                else:
                    return Reply(value, usage, time.perf_counter() - started, model, attempt)
            if attempt == 2 or call is None:
                raise ModelOutputError(f"{model} gave no valid {schema.__name__}: {problem}")
            conversation += sendable(
                [
                    {
                        "role": "assistant",
                        "content": [
                            {
                                "type": "tool_use",
                                "id": call.id,
                                "name": call.name,
                                "input": call.input,
                            }
                        ],
                    },
                    {
                        "role": "user",
                        "content": [
                            {
                                "type": "tool_result",
                                "tool_use_id": call.id,
                                "is_error": True,
                                "content": f"The input did not validate:\n{problem}\n"
                                "Call the tool again with corrected input.",
                            }
                        ],
                    },
                ]
            )
        raise AssertionError("unreachable")

    def _call(
        self, model: str, system: str, conversation: list[dict[str, Any]], tool: dict[str, Any]
    ) -> Any:
        try:
            return self._client.messages.create(
                model=model,
                max_tokens=self._max_tokens,
                system=system,
                # The SDK's TypedDicts are a union mypy cannot pick from a plain dict.
                messages=cast("list[MessageParam]", conversation),
                tools=[cast(ToolParam, tool)],
                tool_choice=ToolChoiceToolParam(type="tool", name=TOOL_NAME),
            )
        except anthropic.AuthenticationError as exc:
            raise ConfigurationError(f"Anthropic refused the API key: {exc}") from exc
        except (
            anthropic.APIConnectionError,
            anthropic.RateLimitError,
            anthropic.InternalServerError,
            anthropic.APIStatusError,
        ) as exc:
            raise ModelUnavailable(f"Anthropic call failed after retries: {exc}") from exc

    def close(self) -> None:
        self._client.close()
