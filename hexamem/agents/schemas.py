"""What each agent asks the model for: the output schemas of the structured calls."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from hexamem.memory_types import MemoryType


class Assignment(BaseModel):
    memory_type: MemoryType = Field(description="A kind of memory this episode changes.")
    instruction: str = Field(description="One line for that kind's writer: what to record.")


class RouteDecision(BaseModel):
    """The kinds of memory this episode changes, each with an instruction; empty for none."""

    assignments: list[Assignment] = Field(default_factory=list)


class ProposedOp(BaseModel):
    kind: Literal["ADD", "UPDATE", "DELETE", "REASSERT", "FORGET", "NOOP"]
    ref: int | None = Field(
        default=None, description="Existing memory's ref (UPDATE, DELETE, REASSERT, FORGET)."
    )
    payload: dict[str, Any] = Field(default_factory=dict, description="Fields (ADD: all).")
    supersedes: list[int] = Field(default_factory=list, description="Refs this ADD replaces.")
    valid_at: str | None = Field(
        default=None, description="ISO date-time it became true, only when the episode says."
    )
    invalid_at: str | None = Field(
        default=None, description="ISO date-time it stopped being true, for what is told as past."
    )
    reason: str = Field(default="", description="Why, in a few words.")


class WriterReply(BaseModel):
    """Operations on one kind of memory for this episode."""

    ops: list[ProposedOp] = Field(default_factory=list)


class ChatReply(BaseModel):
    """The assistant's next message in the conversation, and the refs of the memories it used."""

    reply: str
    used: list[int] = Field(default_factory=list)


class AnswerReply(BaseModel):
    """The answer, the refs of the memories it used, and whether it abstained."""

    answer: str
    used: list[int] = Field(default_factory=list)
    abstained: bool = False
