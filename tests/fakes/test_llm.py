"""The in-process fake models: replies in order, every request recorded, clear failures."""

from __future__ import annotations

import pytest

from hexamem.agents import run_router, run_writer
from hexamem.agents.requests import RouteRequest
from hexamem.agents.schemas import RouteDecision
from hexamem.errors import ModelOutputError, ModelUnavailable
from hexamem.llm import ChatMessage
from hexamem.memory_types import Episode, MemoryType, Message
from tests.fakes.llm import FunctionLLM, Request, ScriptedLLM, ScriptExhausted
from tests.helpers import JUNE

EPISODE = Episode(
    id="ep-1",
    user_id="alice",
    observed_at=JUNE,
    messages=(Message(id="m1", role="user", content="I moved to Berlin."),),
)


def route(llm: ScriptedLLM | FunctionLLM) -> list[str]:
    decision = run_router(llm, episode=EPISODE, core={}).decision
    return [a.memory_type.value for a in decision.assignments]


def test_replies_come_in_order_and_each_request_is_recorded() -> None:
    llm = ScriptedLLM({"assignments": [{"memory_type": "semantic", "instruction": "the move"}]})
    llm.reply(RouteDecision())
    assert route(llm) == ["semantic"] and route(llm) == []
    first, second = llm.requests
    assert first.role == "manager" and first.model == "fake-manager" == llm.model_for("manager")
    assert first.schema is RouteDecision and "I moved to Berlin." in first.user
    assert first.system == second.system and "memory manager" in first.system
    assert isinstance(first.agent_request, RouteRequest) and first.agent_request.episode == EPISODE
    assert first.started <= first.ended <= second.started and llm.pending == 0


def test_a_reply_that_does_not_fit_the_schema_is_a_model_output_error() -> None:
    llm = ScriptedLLM({"assignments": "everything"})
    with pytest.raises(ModelOutputError, match="no valid RouteDecision"):
        llm.structured(
            role="manager", system="s", messages=[ChatMessage("user", "u")], schema=RouteDecision
        )


def test_a_scripted_failure_is_raised_and_agents_handle_it_as_from_a_provider() -> None:
    llm = ScriptedLLM()
    llm.fail(ModelUnavailable("overloaded"))
    with pytest.raises(ModelUnavailable, match="overloaded"):
        route(llm)
    llm.fail(ModelOutputError("garbled"))
    result = run_writer(
        llm,
        memory_type=MemoryType.EPISODIC,
        episode=EPISODE,
        instruction="the move",
        core={},
        existing=[],
    )
    assert [op.kind for op in result.ops] == ["NOOP"] and "garbled" in result.ops[0].reason


def test_running_out_of_replies_fails_the_test_and_no_agent_swallows_it() -> None:
    llm = ScriptedLLM()
    with pytest.raises(ScriptExhausted, match="no reply left for call 1 .role writer"):
        run_writer(
            llm,
            memory_type=MemoryType.EPISODIC,
            episode=EPISODE,
            instruction="the move",
            core={},
            existing=[],
        )
    assert len(llm.requests) == 1  # the call that found no reply is recorded too


def test_a_function_computes_each_reply_from_the_request() -> None:
    def by_message(request: Request) -> dict:
        moved = "Berlin" in request.user
        return {"assignments": [{"memory_type": "semantic", "instruction": "x"}] if moved else []}

    llm = FunctionLLM(by_message, models={"manager": "small"})
    assert route(llm) == ["semantic"] and route(llm) == ["semantic"]
    assert [r.model for r in llm.requests] == ["small", "small"]
    llm.close()
    assert llm.closed
