"""The OpenAI-compatible provider against the fake chat-completions endpoint."""

from __future__ import annotations

import pytest

from hexamem.errors import ModelOutputError
from hexamem.llm import ChatMessage
from hexamem.llm.openai import OpenAICompatibleLLM
from tests.fakes.messages_api import fake_messages_api
from tests.llm.test_anthropic import Route


def ask(llm: OpenAICompatibleLLM):
    return llm.structured(
        role="writer", system="Route it.", messages=[ChatMessage("user", "I moved.")], schema=Route
    )


def test_json_schema_output_then_json_mode_when_the_server_rejects_it() -> None:
    with fake_messages_api() as api:
        llm = OpenAICompatibleLLM(base_url=api.url + "/v1", model="local-model", api_key="k")
        api.reply({"types": ["semantic"], "why": "move"})
        assert ask(llm).value.types == ["semantic"]
        assert api.requests[0].body["response_format"]["type"] == "json_schema"
        assert api.requests[0].headers["authorization"] == "Bearer k"

        api.reply(status=400, text="unsupported response_format json_schema")
        api.reply({"types": ["episodic"], "why": "event"})
        assert ask(llm).value.types == ["episodic"]
        fallback = api.requests[2].body
        assert fallback["response_format"] == {"type": "json_object"}
        assert '"types"' in fallback["messages"][0]["content"]  # the schema is in the prompt
        api.reply({"types": ["core"], "why": "remembered"})
        ask(llm)
        assert api.requests[3].body["response_format"] == {"type": "json_object"}
        llm.close()


def test_invalid_json_is_retried_once_then_refused() -> None:
    with fake_messages_api() as api:
        llm = OpenAICompatibleLLM(base_url=api.url, model="m", max_retries=1)
        api.reply(text="not json at all")
        api.reply({"types": ["procedural"], "why": "steps"})
        reply = ask(llm)
        assert reply.attempts == 2 and reply.value.types == ["procedural"]
        assert "did not validate" in api.requests[1].body["messages"][-1]["content"]
        api.reply(text="{}")
        api.reply(text="[]")
        with pytest.raises(ModelOutputError):
            ask(llm)
        api.reply(status=503)
        api.reply({"types": ["resource"], "why": "retried"})
        assert ask(llm).value.types == ["resource"]
        llm.close()
