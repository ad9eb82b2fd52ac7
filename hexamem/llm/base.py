"""The LLM seam: one structured call, a validated pydantic value back, with usage and latency.

Every agent talks to a model only through `StructuredLLM.structured`. Providers
differ in how they get structure out of a model (forced tool use, JSON schema,
rules); callers never see which. Beside the prompt, each call carries the typed
request it was rendered from: models read the prompt, rules read the request.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:
    from hexamem.agents.requests import AgentRequest

T = TypeVar("T", bound=BaseModel)

Role = Literal["manager", "writer", "answer", "chat"]
"""Which agent is calling: providers may use a different model per role."""


class RenderedPrompt(Protocol):
    """What `hexamem.prompts.render` returns: a system prompt and the filled input."""

    @property
    def system(self) -> str: ...

    @property
    def user(self) -> str: ...


@dataclass(frozen=True)
class ChatMessage:
    role: Literal["user", "assistant"]
    content: str


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens, self.output_tokens + other.output_tokens
        )


@dataclass(frozen=True)
class Reply(Generic[T]):
    """A validated value and what it cost."""

    value: T
    usage: Usage
    latency_s: float
    model: str
    attempts: int = 1


class StructuredLLM(ABC):
    """A model that answers in a given pydantic schema."""

    #: Provider name shown to people ("anthropic", "openai", "offline").
    name: str
    #: Whether it reads any prompt (a model), or only the agents' own (the offline
    #: rules): the eval's judge and full-context baseline need the first.
    reads_any_prompt: bool = True

    @abstractmethod
    def structured(
        self,
        *,
        role: Role,
        system: str,
        messages: Sequence[ChatMessage],
        schema: type[T],
        request: AgentRequest | None = None,
    ) -> Reply[T]:
        """One call; raises `ModelOutputError` if no valid value came back.

        `request` is the typed form of what the messages say, for providers that read
        data rather than text; a model provider ignores it.
        """

    def ask(
        self,
        role: Role,
        prompt: RenderedPrompt,
        schema: type[T],
        request: AgentRequest | None = None,
    ) -> Reply[T]:
        """A rendered prompt as one call: its system part, its input as the user message."""
        return self.structured(
            role=role,
            system=prompt.system,
            messages=[ChatMessage("user", prompt.user)],
            schema=schema,
            request=request,
        )

    def model_for(self, role: Role) -> str:
        """The model used for `role`; providers with one model return it for every role."""
        return self.name

    def close(self) -> None:  # noqa: B027 - optional hook, not part of the seam
        """Release clients."""


def models_by_role(defaults: Mapping[Role, str], overrides: Mapping[str, str]) -> dict[Role, str]:
    """Role-to-model table: `defaults`, with any of `overrides` for known roles."""
    table: dict[Role, str] = dict(defaults)
    for role in table:
        if role in overrides and overrides[role]:
            table[role] = overrides[role]
    return table


def sendable(value: Any) -> Any:
    """`value` with every lone surrogate replaced, so it can go back to a model as UTF-8
    (an invalid reply is shown to the model again, and a reply may hold anything)."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, Mapping):
        return {sendable(k): sendable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [sendable(v) for v in value]
    return value
