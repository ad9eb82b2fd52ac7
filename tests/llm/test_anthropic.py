"""The Anthropic provider, driving the real SDK against the fake Messages API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import BaseModel, Field

from hexamem.errors import ConfigurationError, ModelOutputError, ModelUnavailable
from hexamem.llm import ChatMessage
from hexamem.llm.anthropic import AnthropicLLM
from tests.fakes.messages_api import FakeMessagesAPI


class Route(BaseModel):
    """Which memory types an episode touches."""

    types: list[str] = Field(min_length=1)
    why: str


@pytest.fixture
def llm(api: FakeMessagesAPI) -> Iterator[AnthropicLLM]:
    provider = AnthropicLLM(
        api_key="sk-test-key",
        base_url=api.url,
        models={"manager": "claude-test-fast"},
        max_retries=3,
    )
    yield provider
    provider.close()


def ask(llm: AnthropicLLM):
    return llm.structured(
        role="manager",
        system="Route the episode.",
        messages=[ChatMessage("user", "I moved to Berlin.")],
        schema=Route,
    )


def test_a_forced_tool_call_comes_back_validated_with_usage(api, llm) -> None:
    api.reply({"types": ["semantic", "episodic"], "why": "a move"})
    reply = ask(llm)
    assert reply.value == Route(types=["semantic", "episodic"], why="a move")
    assert reply.model == "claude-test-fast" and reply.attempts == 1
    assert reply.usage.input_tokens > 0 and reply.usage.output_tokens > 0
    assert reply.latency_s > 0
    [request] = api.requests
    assert request.headers["authorization"] == "Bearer sk-test-key"
    assert request.body["tool_choice"] == {"type": "tool", "name": "record"}
    assert request.body["tools"][0]["input_schema"]["required"] == ["types", "why"]
    assert request.body["system"] == "Route the episode."


def test_rate_limits_and_overload_are_retried(api, llm) -> None:
    api.reply(status=429)
    api.reply(status=529)
    api.reply({"types": ["core"], "why": "name"})
    assert ask(llm).value.types == ["core"]
    assert len(api.requests) == 3


def test_an_invalid_reply_is_retried_once_with_the_error_shown(api, llm) -> None:
    api.reply({"types": [], "why": "nothing"})
    api.reply({"types": ["semantic"], "why": "fixed"})
    reply = ask(llm)
    assert reply.value.types == ["semantic"] and reply.attempts == 2
    retry = api.requests[1].body["messages"]
    assert retry[-1]["content"][0]["type"] == "tool_result"
    assert retry[-1]["content"][0]["is_error"] is True
    assert "types" in retry[-1]["content"][0]["content"]


def test_an_invalid_reply_holding_a_lone_surrogate_can_be_shown_back(api, llm) -> None:
    api.reply({"types": "\ud800", "why": "bad \udfff text"})  # JSON may carry these
    api.reply({"types": ["semantic"], "why": "fixed"})
    assert ask(llm).value.types == ["semantic"]
    shown = api.requests[1].body["messages"][-2]["content"][0]["input"]
    assert shown == {"types": "?", "why": "bad ? text"}


def test_two_invalid_replies_are_a_model_output_error(api, llm) -> None:
    api.reply({"why": "missing types"})
    api.reply({"types": "not a list", "why": "still wrong"})
    with pytest.raises(ModelOutputError, match="no valid Route"):
        ask(llm)


def test_a_reply_without_the_tool_call_is_a_model_output_error(api, llm) -> None:
    api.reply(text="I'd rather chat.")
    with pytest.raises(ModelOutputError, match="did not call the tool"):
        ask(llm)


def test_a_refused_key_and_an_exhausted_retry_budget_are_clear_errors(api, llm) -> None:
    api.reply(status=401)
    with pytest.raises(ConfigurationError, match="refused the API key"):
        ask(llm)
    for _ in range(4):
        api.reply(status=529)
    with pytest.raises(ModelUnavailable):
        ask(llm)


def test_a_missing_key_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="ANTHROPIC_API_KEY"):
        AnthropicLLM(api_key="")


def test_provider_selection_and_models_per_role_from_settings(tmp_path, api) -> None:
    from hexamem.llm import models_setting, open_llm, provider_name
    from hexamem.settings import Settings

    keyed = Settings.load(
        tmp_path,
        environ={
            "ANTHROPIC_API_KEY": "sk-env",
            "HEXAMEM_ANTHROPIC_BASE_URL": api.url,
            "HEXAMEM_MODELS": "answer=claude-opus-5-5",
        },
    )
    assert provider_name(keyed) == "anthropic"
    llm = open_llm(keyed)
    assert llm.model_for("answer") == "claude-opus-5-5"
    assert llm.model_for("writer") == "claude-haiku-5-5"
    llm.close()
    assert provider_name(Settings.load(tmp_path, environ={})) == "offline"
    assert (
        provider_name(
            Settings.load(tmp_path, environ={"ANTHROPIC_API_KEY": "k", "HEXAMEM_LLM": "offline"})
        )
        == "offline"
    )
    with pytest.raises(ConfigurationError, match="role=model"):
        models_setting("boss=claude")
