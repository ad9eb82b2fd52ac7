"""One chat between a user and their memory: replies now, memory updates in the background.

The reply is computed from memory as it stands; the exchange is then queued
for ingestion (one user's episodes are ingested in order), so the person never
waits for the agents that file it.
"""

from __future__ import annotations

import secrets
import time
from concurrent.futures import Future
from dataclasses import dataclass

from hexamem.llm import ChatMessage
from hexamem.memory import Memory
from hexamem.memory_types import MemoryItem
from hexamem.memory_types.time import now
from hexamem.results import AnswerResult, BatchResult
from hexamem.simulation import OpRecord, op_records


def new_session_id() -> str:
    return f"chat-{now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


@dataclass
class Filed:
    """What the memory did with one turn, once its ingestion finished."""

    turn: int
    ops: list[OpRecord]
    error: BaseException | None = None


class Conversation:
    def __init__(self, memory: Memory, user: str, session_id: str) -> None:
        self.memory, self.user, self.session_id = memory, user, session_id
        self.history: list[ChatMessage] = []
        self.turns = 0
        self._pending: list[tuple[int, Future[BatchResult]]] = []

    def say(self, text: str) -> AnswerResult:
        """The assistant's reply; the exchange is queued for the memory agents."""
        reply = self.memory.reply(text, user_id=self.user, conversation=self.history)
        exchange = [ChatMessage("user", text), ChatMessage("assistant", reply.answer)]
        self.history += exchange
        self.turns += 1
        queued = self.memory.add(
            [{"role": m.role, "content": m.content} for m in exchange],
            user_id=self.user,
            session_id=self.session_id,
            wait=False,
        )
        self._pending.append((self.turns, queued if isinstance(queued, Future) else _done(queued)))
        return reply

    @property
    def pending(self) -> int:
        return sum(not future.done() for _, future in self._pending)

    def finished(self) -> list[Filed]:
        """Turns whose ingestion is done, in order (a later one waits for an earlier one)."""
        filed = []
        while self._pending and self._pending[0][1].done():
            turn, future = self._pending.pop(0)
            error = future.exception()
            ops = [] if error else op_records(future.result().outcomes, self._get)
            filed.append(Filed(turn, ops, error))
        return filed

    def wait(self, timeout: float | None = None) -> None:
        """Until every queued turn is filed, or `timeout` seconds pass."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for _, future in list(self._pending):
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                future.exception(timeout=left)
            except TimeoutError:
                return

    def new_session(self) -> str:
        """Close this session (its waiting batch is ingested) and start an empty one."""
        self.memory.end_session(user_id=self.user, session_id=self.session_id, wait=False)
        self.session_id, self.history = new_session_id(), []
        return self.session_id

    def _get(self, memory_id: str) -> MemoryItem:
        return self.memory.get(memory_id, user_id=self.user)


def _done(result: BatchResult) -> Future[BatchResult]:
    future: Future[BatchResult] = Future()
    future.set_result(result)
    return future
