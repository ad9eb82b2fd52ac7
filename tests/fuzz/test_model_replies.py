"""Model replies, generated and served by the fake Messages API to the real anthropic
SDK: whatever a model proposes, only valid ops are applied and every refusal is on
record; the episode lands and the memory keeps working."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hexamem import HexamemError, Memory, MemoryType
from hexamem.llm.anthropic import AnthropicLLM
from hexamem.llm.base import StructuredLLM
from hexamem.memory_types import PAYLOAD_MODELS
from tests.fakes.messages_api import FakeMessagesAPI, Scripted
from tests.fuzz.scale import fuzzed

TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
VALUE = st.one_of(TEXT, st.integers(), st.none(), st.lists(TEXT, max_size=3), st.booleans())
FIELDS = st.sampled_from(
    [
        "name",
        "summary",
        "subject",
        "relation",
        "object",
        "label",
        "value",
        "title",
        "steps",
        "secret_value",
        "caption",
        "entry_type",
        "sensitivity",
        "content",
        "url",
        "type",
    ]
)
PROPOSAL = st.fixed_dictionaries(
    {"kind": st.sampled_from(["ADD", "UPDATE", "DELETE", "REASSERT", "FORGET", "NOOP", "BOOM"])},
    optional={
        "ref": st.one_of(st.integers(-2, 5), st.none(), TEXT),
        "payload": st.dictionaries(FIELDS, VALUE, max_size=6),
        "supersedes": st.lists(st.integers(-1, 5), max_size=2),
        "valid_at": st.one_of(TEXT, st.just("9999-12-31T23:00:00-14:00"), st.none()),
        "invalid_at": st.one_of(TEXT, st.just("2024-01-01T00:00:00Z"), st.none()),
        "reason": TEXT,
    },
)
REPLY = st.one_of(
    st.fixed_dictionaries({"ops": st.lists(PROPOSAL, max_size=6)}),
    st.dictionaries(TEXT, VALUE, max_size=2),  # not a writer reply at all
)
TYPES = [t.value for t in MemoryType]
moments = count()


@pytest.fixture
def served(api: FakeMessagesAPI) -> dict[str, Any]:
    """What the fake API answers: the manager routes to `served["type"]`, every writer
    request gets `served["reply"]` (an invalid one twice, since it is retried once)."""
    served: dict[str, Any] = {"type": "semantic", "reply": {}}

    def answer(body: dict[str, Any]) -> Scripted:
        if body["model"] == "fuzz-manager":
            route = {"memory_type": served["type"], "instruction": "file it"}
            return Scripted(tool_input={"assignments": [route]})
        return Scripted(tool_input=served["reply"])

    api.respond_with(answer, times=100_000)
    return served


@pytest.fixture
def fuzzed_memory(
    api: FakeMessagesAPI, open_memory: Callable[[StructuredLLM], Memory]
) -> Iterator[Memory]:
    models = {role: f"fuzz-{role}" for role in ("manager", "writer", "answer", "chat")}
    llm = AnthropicLLM(api_key="sk-fuzz", base_url=api.url, models=models, max_retries=0)
    yield open_memory(llm)
    llm.close()


@fuzzed(100)
@given(reply=REPLY, memory_type=st.sampled_from(TYPES))
def test_only_valid_ops_are_applied_and_refusals_are_recorded(
    fuzzed_memory: Memory, served: dict[str, Any], reply, memory_type
) -> None:
    served.update(type=memory_type, reply=reply)
    memory = fuzzed_memory
    at = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=next(moments))
    try:
        result = memory.add("I moved to Lyon; my pin is 4711.", user_id="ana", timestamp=at)
    except HexamemError:
        return  # a refusal of the whole call is allowed, as long as it is ours
    assert result.episode_id is not None
    proposed = reply.get("ops") if isinstance(reply.get("ops"), list) else []
    own_noops = sum(1 for p in proposed if isinstance(p, dict) and p.get("kind") == "NOOP")
    silent = [o for o in result.outcomes if o.kind == "NOOP" and not o.reason]
    assert len(silent) <= own_noops  # every refusal says why; only the model's NOOPs may not
    for item in memory.list("ana", include_expired=True, reveal_secrets=True):
        PAYLOAD_MODELS[item.type].model_validate(item.payload.model_dump())  # every field valid
    assert memory.doctor().healthy
