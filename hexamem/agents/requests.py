"""What each agent asks of its model, as typed data: the same inputs its prompt quotes.

A model reads the rendered prompt. A rules engine (the offline one) reads these
instead, so replacing a prompt file can never change what the rules see. Refs
are positions: ref n is the n-th item shown (`existing` for writers, `results`
for answers and replies).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from hexamem.llm import ChatMessage
from hexamem.memory_types import CoreBlock, Episode, MemoryItem, MemoryType, Message
from hexamem.results import SearchResult
from hexamem.retrieval.when import TimeWindow


@dataclass(frozen=True)
class RouteRequest:
    """The memory manager's inputs: which kinds of memory does this episode touch?"""

    episode: Episode
    core: Mapping[str, CoreBlock]
    context: tuple[Message, ...] = ()


@dataclass(frozen=True)
class WriteRequest:
    """One writer's inputs: the episode, what is already stored, and what came before."""

    memory_type: MemoryType
    episode: Episode
    instruction: str
    core: Mapping[str, CoreBlock]
    existing: tuple[MemoryItem, ...] = ()
    facts: tuple[MemoryItem, ...] = ()
    #: Earlier messages of the same session, oldest first: context, not new information.
    context: tuple[Message, ...] = ()


@dataclass(frozen=True)
class AnswerRequest:
    """The answer agent's inputs: the question, when it is asked, and what was retrieved."""

    question: str
    asked_at: datetime
    results: tuple[SearchResult, ...]
    core: Mapping[str, CoreBlock] = field(default_factory=dict)
    window: TimeWindow | None = None
    reveal_secrets: bool = False


@dataclass(frozen=True)
class ChatRequest:
    """The chat agent's inputs: the latest message, the conversation, and what was retrieved."""

    message: str
    asked_at: datetime
    results: tuple[SearchResult, ...]
    core: Mapping[str, CoreBlock] = field(default_factory=dict)
    conversation: tuple[ChatMessage, ...] = ()
    window: TimeWindow | None = None
    reveal_secrets: bool = False


AgentRequest = RouteRequest | WriteRequest | AnswerRequest | ChatRequest
"""Any agent's typed inputs."""
