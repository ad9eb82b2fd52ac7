"""`Memory`: the public Python API. It checks arguments and delegates.

Writes go to the one write path (`oplog.Writer`: plan, embed, log ahead,
apply), extraction and answers to the agent graphs (`memory.agents`), reads to
the stores (`memory.reads`); all of them were built once, at `open`.
"""

from __future__ import annotations

import builtins
import logging
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from hexamem.errors import ConfigurationError, InvalidInput
from hexamem.intake.checks import (
    checked_conversation,
    checked_flag,
    checked_optional_id,
    checked_query,
    checked_user,
    everything_of,
    observed_at,
)
from hexamem.intake.messages import MessagesInput, build_episode, raw_message_ops
from hexamem.intake.queues import KeyedSerialQueue
from hexamem.intake.sessions import SessionBuffer
from hexamem.llm import ChatMessage, StructuredLLM
from hexamem.memory.reads import Recall
from hexamem.memory.upkeep import Upkeep
from hexamem.memory_types import OPS_ADAPTER, Delete, Episode, MemoryItem, Op, Update
from hexamem.memory_types.ids import keyed_id
from hexamem.memory_types.time import now, optional_time
from hexamem.results import AnswerResult, BatchResult, UsageRecord
from hexamem.settings import Settings

if TYPE_CHECKING:  # the stores, models and graphs are imported when a memory opens
    from hexamem.embedding import Embedder
    from hexamem.memory.assembly import Components
    from hexamem.stores.graph import GraphStore
    from hexamem.stores.keyvalue import KeyValueStore
    from hexamem.stores.vector import VectorStore

log = logging.getLogger("hexamem")


class Memory(Recall, Upkeep):
    """Long-term memory for one data directory; safe to share between threads."""

    def __init__(self, components: Components) -> None:
        self.settings = components.settings
        self._c = components
        self.llm_provider = components.llm.name
        #: The model its agents use, for tools that ask it beside them (the eval's judge).
        self.llm = components.llm
        self._queue: KeyedSerialQueue[BatchResult] = KeyedSerialQueue()
        self._sessions = SessionBuffer(self.settings.session_batch)

    @classmethod
    def open(
        cls,
        path: str | None = None,
        *,
        settings: Settings | None = None,
        embedder: Embedder | None = None,
        vector_store: VectorStore | None = None,
        graph_store: GraphStore | None = None,
        llm: StructuredLLM | str | None = None,
        **overrides: Any,
    ) -> Memory:
        """Open (creating if needed) the memory in `path`, ``$HEXAMEM_HOME`` or ``~/.hexamem``.

        `settings` is a `Settings` already built (then give neither `path` nor other
        settings); otherwise keyword settings override the environment and TOML. `llm`
        is a provider name ("anthropic", "openai", "offline") or a model object.
        `embedder`, `vector_store` and `graph_store` replace the configured backends
        (tests and embedding applications); they are closed with the memory.
        """
        model = llm if isinstance(llm, StructuredLLM) else None
        if llm is not None and model is None:
            if not isinstance(llm, str):
                raise ConfigurationError(
                    f"llm must be a provider name or a StructuredLLM, not {type(llm).__name__}"
                )
            overrides["llm"] = llm
        if settings is None:
            settings = Settings.load(path, **overrides)
        elif path is not None or overrides:
            raise ConfigurationError(
                "give either settings or a path and keyword settings, not both"
            )
        from hexamem.memory.assembly import open_components

        components = open_components(
            settings,
            embedder=embedder,
            vector_store=vector_store,
            graph_store=graph_store,
            llm=model,
        )
        return cls(components)

    def end_session(
        self, *, user_id: str, session_id: str, wait: bool = True
    ) -> BatchResult | Future[BatchResult] | None:
        """Send what a session still holds to the agents (with ``session_batch`` > 1)."""
        episode = self._sessions.take(checked_user(user_id), session_id)
        return None if episode is None else self._ingest(episode, wait)

    def flush(self, timeout: float | None = None) -> None:
        """Ingest every waiting session batch, wait until all episodes are ingested, and write
        every staged vector (searches do that themselves; this is for timing and shutdown)."""
        leftovers = [self._ingest(episode, wait=False) for episode in self._sessions.take_all()]
        self._queue.flush(timeout)
        for future in leftovers:  # nobody else holds these: say when one failed
            if isinstance(future, Future) and (error := future.exception()) is not None:
                log.error("a session batch could not be ingested: %s", error)
        self._c.vectors.flush()

    def _ingest(self, episode: Episode, wait: bool) -> BatchResult | Future[BatchResult]:
        future = self._queue.submit(episode.user_id, lambda: self._c.agents.ingest(episode))
        return future if not wait else future.result()

    def close(self) -> None:
        """Finish queued ingestion, then release the stores, the model and the directory lock."""
        self.flush()
        self._queue.close()
        self._c.close()

    def answer(
        self,
        question: str,
        *,
        user_id: str,
        as_of: datetime | str | None = None,
        reference_time: datetime | str | None = None,
        reveal_secrets: bool = False,
    ) -> AnswerResult:
        """Answer from memory with the ids used, or abstain when memory does not say.

        `as_of` answers from what was true then; `reference_time` is when the question
        is asked (default now), against which "last week" or "in April" are read. A
        secret is never in an answer unless `reveal_secrets` is True.
        """
        checked_query(question, 1)
        return self._c.agents.answer(
            question,
            checked_user(user_id),
            asked_at=optional_time(reference_time, field="reference_time") or now(),
            as_of=optional_time(as_of, field="as_of"),
            reveal_secrets=checked_flag(reveal_secrets),
        )

    def reply(
        self,
        message: str,
        *,
        user_id: str,
        conversation: Sequence[ChatMessage | Mapping[str, str]] = (),
        as_of: datetime | str | None = None,
        reference_time: datetime | str | None = None,
        reveal_secrets: bool = False,
    ) -> AnswerResult:
        """The assistant's next chat message, from memory, with the ids of the memories used.

        `conversation` is what was said before `message` (oldest first); `as_of`,
        `reference_time` and `reveal_secrets` mean what they mean for `answer`. The
        reply writes nothing: `add` the exchange afterwards to remember it.
        """
        checked_query(message, 1)
        return self._c.agents.reply(
            message,
            checked_user(user_id),
            checked_conversation(conversation),
            asked_at=optional_time(reference_time, field="reference_time") or now(),
            as_of=optional_time(as_of, field="as_of"),
            reveal_secrets=checked_flag(reveal_secrets),
        )

    @property
    def key_values(self) -> KeyValueStore:
        """The namespaced documents behind `HexamemStore`, apart from the typed memories."""
        return self._c.key_values

    @property
    def embedder(self) -> Embedder:
        """The model that embeds this memory's texts (the store's default index uses it)."""
        return self._c.embedder

    @property
    def ingest_graph(self) -> Any:
        """The compiled ingest graph, to use as a subgraph node.

        Inputs: `messages`, `user_id`, optional `session_id` and `observed_at`;
        output: `outcome` (a `BatchResult`).
        """
        return self._c.agents.ingest_graph

    @property
    def answer_graph(self) -> Any:
        """The compiled answer graph, to use as a subgraph node.

        Inputs: `question`, `user_id`, `asked_at`, `as_of`; output: `result` (an `AnswerResult`).
        """
        return self._c.agents.answer_graph

    def usage(self, user_id: str | None = None) -> builtins.list[UsageRecord]:
        """Tokens and latency of every model call (ingest, answers, replies), oldest first.

        Kept in the data directory, so it covers every run of this memory.
        """
        return self._c.usage.select(user_id)

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ------------------------------------------------------------------------------

    def add(
        self,
        messages: MessagesInput,
        *,
        user_id: str,
        session_id: str | None = None,
        timestamp: datetime | str | None = None,
        infer: bool = True,
        agent_id: str | None = None,
        wait: bool = True,
        idempotency_key: str | None = None,
    ) -> BatchResult | Future[BatchResult]:
        """Store an episode; with ``infer=False`` each message becomes an episodic memory.

        `timestamp` is the observation time used for every date (default: now). With
        ``infer=True`` the agents extract memories; episodes of one user are ingested in
        the order added, and ``wait=False`` returns a `Future` of the `BatchResult` at
        once (`flush()` waits for all of them). An `add` retried with the same
        `idempotency_key` (after a `PendingWrite`, a timeout, a crash) stores nothing
        twice: it returns ``duplicate=True`` once the first one is stored.
        """
        user = checked_user(user_id)
        at = observed_at(timestamp)
        key = checked_optional_id(idempotency_key, "idempotency_key")
        if key is not None and infer and self._sessions.size > 1 and session_id is not None:
            raise InvalidInput("idempotency_key names one add; with session_batch > 1 adds merge")
        episode_id = keyed_id("ep", user, key) if key is not None else None
        if episode_id is not None and self._c.writer.has_episode(episode_id):
            return BatchResult(batch_id=None, episode_id=episode_id, duplicate=True)
        episode = build_episode(
            messages,
            user_id=user,
            session_id=session_id,
            at=at,
            max_chars=self.settings.max_message_chars,
            max_messages=self.settings.max_messages,
            episode_id=episode_id,
        )
        if infer:
            if session_id is not None and self._sessions.size > 1:
                batch = self._sessions.collect(episode)
                if batch is None:  # waiting for more of this session
                    return BatchResult(
                        batch_id=None, pending_messages=self._sessions.pending(user, session_id)
                    )
                episode = batch
            return self._ingest(episode, wait)
        agent = checked_optional_id(agent_id, "agent_id")
        ops = raw_message_ops(episode, agent_id=agent)
        return self._c.writer.ops(ops, user_id=user, at=at, actor=agent, episode=episode)

    def apply(
        self,
        ops: Iterable[Op | Mapping[str, Any]],
        *,
        user_id: str,
        timestamp: datetime | str | None = None,
        actor: str | None = None,
    ) -> BatchResult:
        """Apply ops directly, all or nothing."""
        user, at = checked_user(user_id), observed_at(timestamp)
        actor = checked_optional_id(actor, "actor")
        try:
            checked = OPS_ADAPTER.validate_python(list(ops))
        except ValidationError as exc:
            first = exc.errors()[0]["loc"]
            index = first[0] if first and isinstance(first[0], int) else None
            raise InvalidInput(f"ops do not validate: {exc}", op_index=index) from exc
        if not checked:
            return BatchResult(batch_id=None)
        return self._c.writer.ops(checked, user_id=user, at=at, actor=actor)

    def update(
        self,
        id: str,
        *,
        user_id: str | None = None,
        timestamp: datetime | str | None = None,
        valid_at: datetime | str | None = None,
        reason: str = "",
        **fields: Any,
    ) -> MemoryItem:
        """Change fields of a memory; the old version is closed and kept."""
        old = self._owned(id, user_id)
        try:
            op = Update(
                memory_type=old.type,
                target_id=id,
                payload=fields,
                valid_at=optional_time(valid_at, field="valid_at"),
                reason=reason,
            )
        except ValidationError as exc:
            raise InvalidInput(f"update of {id!r}: {exc}") from exc
        self.apply([op], user_id=old.user_id, timestamp=timestamp, actor="api")
        return self.get(id)

    def delete(
        self,
        id: str,
        *,
        user_id: str | None = None,
        timestamp: datetime | str | None = None,
        reason: str = "",
    ) -> MemoryItem:
        """Close a memory; it stays in history and in `as_of` / `include_expired` searches."""
        old = self._owned(id, user_id)
        self.apply(
            [Delete(memory_type=old.type, target_id=id, reason=reason)],
            user_id=old.user_id,
            timestamp=timestamp,
            actor="api",
        )
        return self.get(id)

    def forget(self, id: str | None = None, user_id: str | None = None) -> int:
        """Purge for good: one memory with every version, or all of a user's data.

        Returns the number of memories purged.
        """
        if id is None and user_id is None:
            raise InvalidInput("forget needs an id, a user_id, or both")
        if id is not None:
            owner = self._owned(id, user_id).user_id
            self._c.writer.forget(user_id=owner, item_id=id, at=now())
            return 1
        user = checked_user(user_id)
        count = len({i.id for i in self._c.records.select(everything_of(user))})
        self._c.writer.forget(user_id=user, item_id=None, at=now())
        self._c.usage.forget(user)
        return count
