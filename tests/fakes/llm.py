"""In-process fake models behind the `StructuredLLM` seam: scripted replies, or a function's.

`ScriptedLLM` answers each call with the next reply queued by the test;
`FunctionLLM` answers with whatever its function returns for the request.
Both record every request (role, system prompt, messages, schema, model, the
agent's typed request, start and end times) in `.requests`, so a test can
assert on what the agents sent. No HTTP and no SDK: the provider adapters are
tested against `tests/fakes/messages_api.py` instead.

A reply is a dict (validated against the schema the agent asked for; one that
does not validate is a `ModelOutputError`, as from a provider that gave up), an
instance of that schema, an exception to raise, or (scripted only) a function
of the request returning one of those. Running out of scripted replies raises
`ScriptExhausted`, an `AssertionError` the agents never swallow.
"""

from __future__ import annotations

import threading
import time
from abc import abstractmethod
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from pydantic import BaseModel, ValidationError

from hexamem.errors import ModelOutputError
from hexamem.llm import ChatMessage, Reply, Role, StructuredLLM, Usage
from hexamem.llm.base import T

if TYPE_CHECKING:
    from hexamem.agents.requests import AgentRequest

ROLES: tuple[Role, ...] = ("manager", "writer", "answer", "chat")

Value: TypeAlias = Mapping[str, Any] | BaseModel | BaseException
"""What a fake model gives back for one request."""


class ScriptExhausted(AssertionError):
    """The code under test made a call the test did not script."""


@dataclass
class Request:
    """One call as the agent made it."""

    role: Role
    system: str
    messages: tuple[ChatMessage, ...]
    schema: type[BaseModel]
    model: str
    agent_request: AgentRequest | None
    started: float
    ended: float = 0.0

    @property
    def user(self) -> str:
        """The last user message: for `ask`, the rendered input of the prompt."""
        return next(m.content for m in reversed(self.messages) if m.role == "user")


class _RecordingLLM(StructuredLLM):
    """Records each request, turns the fake's answer into a validated `Reply`."""

    def __init__(self, models: Mapping[str, str] | None = None) -> None:
        self.requests: list[Request] = []
        self.closed = False
        self._models: dict[str, str] = {role: f"fake-{role}" for role in ROLES}
        self._models.update(models or {})
        self._lock = threading.Lock()

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
        record = Request(
            role, system, tuple(messages), schema, self.model_for(role), request, time.monotonic()
        )
        with self._lock:
            self.requests.append(record)
        started = time.perf_counter()
        try:
            value = _validated(self._answer(record), schema, record.model)
        finally:
            record.ended = time.monotonic()
        sent = len(system) + sum(len(m.content) for m in messages)
        usage = Usage(max(1, sent // 4), max(1, len(value.model_dump_json()) // 4))
        return Reply(value, usage, time.perf_counter() - started, record.model)

    @abstractmethod
    def _answer(self, request: Request) -> Value:
        """What the fake model gives back for `request`."""

    def close(self) -> None:
        self.closed = True


def _validated(answer: Value, schema: type[T], model: str) -> T:
    if isinstance(answer, BaseException):
        raise answer
    if isinstance(answer, schema):
        return answer
    if isinstance(answer, BaseModel):
        raise AssertionError(
            f"the fake was asked for a {schema.__name__} but gave a {type(answer).__name__}"
        )
    try:
        return schema.model_validate(answer)
    except ValidationError as exc:
        raise ModelOutputError(f"{model} gave no valid {schema.__name__}: {exc}") from exc


@dataclass
class _Scripted:
    answer: Value | Callable[[Request], Value]
    delay_s: float = 0.0


class ScriptedLLM(_RecordingLLM):
    """Replies in the order they were queued; `requests` holds what each call sent.

    `llm.reply({"assignments": []})` queues the next call's reply and
    `llm.fail(ModelOutputError("garbled"))` makes the one after raise.
    """

    name = "scripted"

    def __init__(self, *replies: Value, models: Mapping[str, str] | None = None) -> None:
        super().__init__(models)
        self._queue: deque[_Scripted] = deque(_Scripted(r) for r in replies)

    def reply(self, answer: Value | Callable[[Request], Value], *, delay_s: float = 0.0) -> None:
        """Queue one reply: a dict, a schema instance, or a function of the request."""
        with self._lock:
            self._queue.append(_Scripted(answer, delay_s))

    def fail(self, error: BaseException) -> None:
        """Queue a call that raises `error` (a `ModelOutputError`, a `ModelUnavailable` ...)."""
        self.reply(error)

    @property
    def pending(self) -> int:
        """Replies queued and not yet used."""
        return len(self._queue)

    def _answer(self, request: Request) -> Value:
        with self._lock:
            if not self._queue:
                raise ScriptExhausted(
                    f"{type(self).__name__} has no reply left for call {len(self.requests)} "
                    f"(role {request.role}, schema {request.schema.__name__}); "
                    f"queue one with .reply(...)"
                )
            scripted = self._queue.popleft()
        if scripted.delay_s:
            time.sleep(scripted.delay_s)
        answer = scripted.answer
        return answer(request) if callable(answer) else answer


class FunctionLLM(_RecordingLLM):
    """Every reply is `function(request)`: for tests whose replies depend on the prompt."""

    name = "function"

    def __init__(
        self, function: Callable[[Request], Value], *, models: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(models)
        self.function = function

    def _answer(self, request: Request) -> Value:
        return self.function(request)
