"""Any OpenAI-compatible chat-completions endpoint: vLLM, Ollama, llama.cpp server, LM Studio.

Structure comes from `response_format: json_schema` where the server supports
it; a server that rejects that gets JSON mode with the schema in the system
prompt instead (remembered for later calls). A reply that fails validation is
sent back once with the error; a second failure is a `ModelOutputError`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import httpx
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

RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})


class OpenAICompatibleLLM(StructuredLLM):
    name = "openai"

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str | None = None,
        models: Mapping[str, str] | None = None,
        max_retries: int = 3,
        timeout_s: float = 120.0,
    ) -> None:
        if not base_url or not model:
            raise ConfigurationError("the openai provider needs a base URL and a model name")
        headers = {"authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(base_url=base_url.rstrip("/"), headers=headers, timeout=timeout_s)
        self._models = models_by_role(
            {"manager": model, "writer": model, "answer": model, "chat": model}, models or {}
        )
        self._max_retries = max_retries
        self._json_schema = True  # switched off for good once the server rejects it

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
        conversation: list[dict[str, Any]] = [
            {"role": m.role, "content": m.content} for m in messages
        ]
        usage, started = Usage(), time.perf_counter()
        for attempt in (1, 2):
            content, spent = self._complete(model, system, conversation, schema)
            usage = usage + spent
            try:
                value = schema.model_validate_json(content)
            except ValidationError as exc:
                if attempt == 2:
                    raise ModelOutputError(
                        f"{model} gave no valid {schema.__name__}: {exc}"
                    ) from exc
                conversation += sendable(
                    [
                        {"role": "assistant", "content": content},
                        {
                            "role": "user",
                            "content": f"That JSON did not validate:\n{exc}\n"
                            "Reply again with corrected JSON only.",
                        },
                    ]
                )
            else:
                return Reply(value, usage, time.perf_counter() - started, model, attempt)
        raise AssertionError("unreachable")

    def _complete(
        self, model: str, system: str, conversation: list[dict[str, Any]], schema: type[T]
    ) -> tuple[str, Usage]:
        shape = json.dumps(schema.model_json_schema())
        if self._json_schema:
            response = self._post(
                model,
                system,
                conversation,
                {
                    "type": "json_schema",
                    "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema()},
                },
            )
            if response.status_code in (400, 422) and "response_format" in response.text:
                self._json_schema = False
        if not self._json_schema:
            instructed = f"{system}\n\nReply with one JSON object matching this schema:\n{shape}"
            response = self._post(model, instructed, conversation, {"type": "json_object"})
        if response.status_code in (401, 403):
            raise ConfigurationError(f"the endpoint refused the key ({response.status_code})")
        if response.status_code != 200:
            raise ModelUnavailable(
                f"chat completion failed: {response.status_code} {response.text[:300]}"
            )
        data = response.json()
        usage = data.get("usage") or {}
        content = data["choices"][0]["message"].get("content") or ""
        return content, Usage(
            int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0))
        )

    def _post(
        self,
        model: str,
        system: str,
        conversation: list[dict[str, Any]],
        response_format: dict[str, Any],
    ) -> httpx.Response:
        body = {
            "model": model,
            "messages": [{"role": "system", "content": system}, *conversation],
            "response_format": response_format,
            "temperature": 0,
        }
        for attempt in range(self._max_retries + 1):
            try:
                response = self._http.post("/chat/completions", json=body)
            except httpx.HTTPError as exc:
                if attempt == self._max_retries:
                    raise ModelUnavailable(f"chat completion endpoint unreachable: {exc}") from exc
            else:
                if response.status_code not in RETRY_STATUSES or attempt == self._max_retries:
                    return response
            time.sleep(min(8.0, 0.25 * 2**attempt))
        raise AssertionError("unreachable")

    def close(self) -> None:
        self._http.close()
