"""The read side of a memory: get, list, history, core, search, context, timeline.

`Memory` adds the writes, the agents and the lifecycle on top; everything here
only reads, through the record store, the indexes and the graph.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from hexamem.errors import InvalidInput, NotFound
from hexamem.intake.checks import (
    DEFAULT_K,
    checked_query,
    checked_types,
    checked_user,
    search_filter,
)
from hexamem.memory_types import CoreBlock, MemoryItem, MemoryType
from hexamem.memory_types.storable import MAX_NAME, text_problem
from hexamem.memory_types.time import now, optional_time, to_epoch
from hexamem.results import (
    HistoryEntry,
    MemoryStats,
    QuarantinedBatch,
    SearchResult,
    TimelineEntry,
    TypeCount,
)
from hexamem.retrieval.context import pack_context
from hexamem.retrieval.when import parse_window
from hexamem.stores.recall_filter import RecallFilter
from hexamem.vault.protect import opened

if TYPE_CHECKING:
    from hexamem.memory.assembly import Components


class Recall:
    """Reads over one memory's stores; every read is scoped to a user."""

    _c: Components

    def get(
        self,
        id: str,
        *,
        user_id: str | None = None,
        version: int | None = None,
        reveal_secrets: bool = False,
    ) -> MemoryItem:
        """The latest version of a memory (or `version`), current or closed."""
        item = self._owned(id, user_id)
        if version is not None:
            matches = [v for v in self._c.records.versions(id) if v.version == version]
            if not matches:
                raise NotFound(f"memory {id!r} has no version {version}")
            item = matches[0]
        return self._shown(item, reveal_secrets)

    def list(
        self,
        user_id: str,
        type: MemoryType | str | None = None,
        *,
        include_expired: bool = False,
        reveal_secrets: bool = False,
    ) -> builtins.list[MemoryItem]:
        """A user's memories, newest first; current versions unless `include_expired`."""
        where = RecallFilter(
            user_id=checked_user(user_id),
            types=checked_types([type]) if type is not None else None,
            include_expired=include_expired,
            now=to_epoch(now()),
        )
        return [self._shown(i, reveal_secrets) for i in self._c.records.select(where)]

    def history(self, id: str, *, user_id: str | None = None) -> builtins.list[HistoryEntry]:
        """Every change to a memory, oldest first, with the versions before and after."""
        self._owned(id, user_id)
        return [
            e.model_copy(
                update={
                    "old": e.old.redacted() if e.old else None,
                    "new": e.new.redacted() if e.new else None,
                }
            )
            for e in self._c.records.history(id)
        ]

    def core(self, user_id: str) -> dict[str, CoreBlock]:
        """The user's live core blocks by label."""
        return self._c.reads.core(checked_user(user_id))

    def search(
        self,
        query: str,
        *,
        user_id: str,
        types: Sequence[MemoryType | str] | None = None,
        k: int | None = DEFAULT_K,
        since: datetime | str | None = None,
        until: datetime | str | None = None,
        as_of: datetime | str | None = None,
        include_expired: bool = False,
        reveal_secrets: bool = False,
        reference_time: datetime | str | None = None,
        time_hints: bool = True,
    ) -> builtins.list[SearchResult]:
        """Hybrid search (vectors, BM25, graph hops) over one user's memories, best first.

        `k` results at most (default 10, at most 100); None ranks every memory that
        passes the filters, however many. Default: current versions only. `as_of`
        returns what was true at that time, superseded versions included; `since`/`until`
        bound when memories became true. With `time_hints`, expressions such as "last
        week", "in May 2023" or "before she moved" narrow the window, resolved against
        `reference_time` (default: `as_of`, else now).
        """
        checked_query(query, k)
        where = search_filter(user_id, types, include_expired, as_of, since, until)
        reference = optional_time(reference_time, field="reference_time")
        if reference is None:
            reference = optional_time(as_of, field="as_of") or now()
        window = parse_window(query, reference) if time_hints else None
        if k is None:
            k = max(1, self._c.records.count(where))
        results = self._c.search.search(query, where, k, window=window)
        return [r.model_copy(update={"item": self._shown(r.item, reveal_secrets)}) for r in results]

    def context(
        self,
        query: str,
        *,
        user_id: str,
        budget_tokens: int = 1500,
        k: int = 30,
        as_of: datetime | str | None = None,
        reference_time: datetime | str | None = None,
    ) -> str:
        """The packed context block for `query`: core blocks, then the best memories."""
        if not isinstance(budget_tokens, int) or budget_tokens < 50:
            raise InvalidInput("budget_tokens must be an integer of at least 50")
        results = self.search(
            query, user_id=user_id, k=k, as_of=as_of, reference_time=reference_time
        )
        reference = optional_time(as_of, field="as_of") or now()
        return pack_context(
            results, budget_tokens=budget_tokens, now=reference, core=self.core(user_id)
        )

    def timeline(self, entity: str, *, user_id: str) -> builtins.list[TimelineEntry]:
        """Every fact about an entity (by name or alias), oldest first, current ones marked."""
        user = checked_user(user_id)
        if not isinstance(entity, str) or not entity.strip():
            raise InvalidInput("entity must be a non-empty name")
        if len(entity) > MAX_NAME or text_problem(entity) is not None:
            raise InvalidInput(f"entity must be a name of at most {MAX_NAME} plain characters")
        ids = self._c.search.entities_in(entity, user)
        if not ids:
            raise NotFound(f"no entity {entity!r} for user {user!r}")
        items = self._c.search.facts_about(user, ids, limit=10_000)
        moment = now()
        return [
            TimelineEntry(
                item=item,
                current=item.expired_at is None
                and (item.invalid_at is None or item.invalid_at > moment),
            )
            for item in items
        ]

    def users(self) -> builtins.list[str]:
        """Every user this memory holds anything for (memories of any version, or episodes)."""
        return self._c.records.users()

    def stats(self, user_id: str) -> MemoryStats:
        """Counts per memory type, episodes, graph size, and the tokens spent on the user."""
        user = checked_user(user_id)
        moment = to_epoch(now())
        entities, facts = self._c.graph.size(user)
        calls = self._c.usage.select(user)
        return MemoryStats(
            user_id=user,
            types={
                t: TypeCount(
                    current=self._c.records.count(RecallFilter(user, types=(t,), now=moment)),
                    versions=self._c.records.count(
                        RecallFilter(user, types=(t,), include_expired=True)
                    ),
                )
                for t in MemoryType
            },
            episodes=self._c.records.episode_count(user),
            entities=entities,
            facts=facts,
            llm_calls=len(calls),
            input_tokens=sum(c.input_tokens for c in calls),
            output_tokens=sum(c.output_tokens for c in calls),
        )

    def quarantined(self, user_id: str | None = None) -> builtins.list[QuarantinedBatch]:
        """Logged batches that no store would take, set aside with the reason (oldest first).

        They are never retried; the memory kept working without them.
        """
        return self._c.log.quarantined(None if user_id is None else checked_user(user_id))

    def _shown(self, item: MemoryItem, reveal_secrets: bool) -> MemoryItem:
        """What a caller sees of a stored memory: vault values opened only on request."""
        return opened(item, self._c.vault) if reveal_secrets else item.redacted()

    def _owned(self, item_id: str, user_id: str | None) -> MemoryItem:
        if not isinstance(item_id, str) or not item_id:
            raise InvalidInput("id must be a non-empty string")
        item = self._c.records.latest(item_id)
        if item is None or (user_id is not None and item.user_id != user_id):
            owner = f" for user {user_id!r}" if user_id is not None else ""
            raise NotFound(f"no memory {item_id!r}{owner}")
        return item
