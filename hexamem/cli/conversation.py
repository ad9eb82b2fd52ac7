"""One chat between a user and their memory: replies now, memory updates in the background.

The reply is computed from memory as it stands; the exchange is then queued
for ingestion (one user's episodes are ingested in order), so the person never
waits for the agents that file it.
"""

from __future__ import annotations

import secrets
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field

from hexamem.errors import HexamemError, InvalidInput
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
    #: For each UPDATE, the memory's whole text before and after (secrets redacted).
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)


class Conversation:
    """Safe to use from two threads: one saying, one collecting what was filed."""

    def __init__(self, memory: Memory, user: str, session_id: str) -> None:
        self.memory, self.user, self.session_id = memory, user, session_id
        self.history: list[ChatMessage] = []
        self.turns = 0
        self._pending: list[tuple[int, Future[BatchResult]]] = []
        self._lock = threading.Lock()

    @property
    def max_chars(self) -> int:
        """Longest message the memory accepts."""
        return self.memory.settings.max_message_chars

    def too_long(self, text: str) -> str | None:
        """Why `text` is refused, if it is: a message longer than the memory takes is not
        cut short behind the person's back."""
        if len(text) <= self.max_chars:
            return None
        return (
            f"not sent: the message has {len(text):,} characters and one message holds at "
            f"most {self.max_chars:,}. Send it in parts, or save it to a file and add it "
            "as a resource."
        )

    def say(self, text: str) -> AnswerResult:
        """The assistant's reply; the exchange is queued for the memory agents."""
        refused = self.too_long(text)
        if refused:
            raise InvalidInput(refused)
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
        with self._lock:
            self._pending.append(
                (self.turns, queued if isinstance(queued, Future) else _done(queued))
            )
        return reply

    @property
    def pending(self) -> int:
        with self._lock:
            return sum(not future.done() for _, future in self._pending)

    def finished(self) -> list[Filed]:
        """Turns whose ingestion is done, in order (a later one waits for an earlier one)."""
        done = []
        with self._lock:
            while self._pending and self._pending[0][1].done():
                done.append(self._pending.pop(0))
        filed = []
        for turn, future in done:
            error = future.exception()
            if error is not None:
                filed.append(Filed(turn, [], error))
                continue
            ops = op_records(future.result().outcomes, self._get)
            filed.append(Filed(turn, ops, changes=self._changes(ops)))
        return filed

    def _changes(self, ops: list[OpRecord]) -> dict[str, tuple[str, str]]:
        changes = {}
        for op in ops:
            if op.kind != "UPDATE" or op.id is None:
                continue
            try:
                entries = self.memory.history(op.id, user_id=self.user)
            except HexamemError:
                continue  # forgotten since
            for entry in entries:
                if entry.to_version == op.version and entry.old and entry.new:
                    changes[op.id] = (entry.old.text, entry.new.text)
        return changes

    def wait(self, timeout: float | None = None) -> None:
        """Until every queued turn is filed, or `timeout` seconds pass."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            waiting = [future for _, future in self._pending]
        for future in waiting:
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
