"""`HexamemStore`: a LangGraph `BaseStore` kept in the memory's data directory.

It behaves as LangGraph's own stores do: `(namespace, key)` is an item's identity,
values come back exactly as put, `index=` and `ttl=` take the same configs, filters
(with `$eq $ne $gt $gte $lt $lte` and dotted paths) apply before ranking, and
prefixes and namespace listings work label by label. What hexamem adds:

* **Users.** Each namespace belongs to a user: the label at `user_label`; by default
  the second label (the only one of a one-label namespace), so `("memories", "kim")`
  and `("memories", "kim", "profile")` are Kim's. Forgetting a user
  (`Memory.forget(user_id=...)`) removes their store items too.
* **Kept apart.** Store items never mix with the typed memories `Memory.add` files.
  To read those through the store, map a root label on purpose: with
  `memories="hexamem"`, `("hexamem", <user>)` lists and searches that user's typed
  memories (read-only; keys are memory ids).
* **Scores** are the cosine of the query and the item's closest indexed text, floored
  at 0: 1 is the same meaning, 0 unrelated. Without `index=`, each whole value is
  embedded with the memory's own model.
"""

from __future__ import annotations

import asyncio
import functools
import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import numpy as np
from langgraph.store.base import (
    BaseStore,
    GetOp,
    IndexConfig,
    InvalidNamespaceError,
    Item,
    ListNamespacesOp,
    Op,
    PutOp,
    Result,
    SearchItem,
    SearchOp,
    TTLConfig,
    validate_op_namespace,
)

from hexamem.errors import InvalidInput
from hexamem.langgraph.filters import check_filter, matches
from hexamem.langgraph.indexing import StoreIndex
from hexamem.langgraph.namespaces import listed, user_of
from hexamem.langgraph.typed import TypedMemories
from hexamem.memory import Memory
from hexamem.memory_types.time import now
from hexamem.stores.keyvalue import StoredValue

F = TypeVar("F", bound=Callable[..., Any])
#: How often expired items are deleted, unless the TTL config says.
SWEEP_MINUTES = 5.0


class StoreNamespaceError(InvalidInput, InvalidNamespaceError):
    """A namespace LangGraph refuses: caught as either error."""


class HexamemStore(BaseStore):
    supports_ttl = True

    def __init__(
        self,
        memory: Memory,
        *,
        index: IndexConfig | None = None,
        ttl: TTLConfig | None = None,
        user_label: int | None = None,
        memories: str | None = None,
    ) -> None:
        self.memory = memory
        self.index_config = index
        self.ttl_config = ttl
        self._index = StoreIndex.configured(index, memory.embedder)
        #: The configured LangChain embeddings (None: the memory's own model).
        self.embeddings = self._index.embeddings
        self._table = memory.key_values
        self._user_label = user_label
        self._typed = TypedMemories(memory, memories) if memories else None
        self._swept_at = time.monotonic()

    def batch(self, ops: Iterable[Op]) -> list[Result]:
        return [self._one(op) for op in ops]

    async def abatch(self, ops: Iterable[Op]) -> list[Result]:
        return await asyncio.to_thread(self.batch, list(ops))

    def sweep_ttl(self) -> int:
        """Delete every expired item now; how many went (also done every few minutes)."""
        self._swept_at = time.monotonic()
        return self._table.sweep(now())

    def _one(self, op: Op) -> Result:
        with _our_errors():
            validate_op_namespace(op)
        if self._typed is not None and self._typed.owns(op):
            return self._typed.run(op)
        if isinstance(op, GetOp):
            return self._get(op)
        if isinstance(op, PutOp):
            self._put(op)
            return None
        if isinstance(op, SearchOp):
            return self._search(op)
        if isinstance(op, ListNamespacesOp):
            return listed(self._table.namespaces(now()), op)
        raise InvalidInput(f"unknown store op {type(op).__name__}")

    def _get(self, op: GetOp) -> Item | None:
        found = self._table.get(op.namespace, str(op.key), now())
        if found is None:
            return None
        if op.refresh_ttl:
            self._table.refresh([found.rowid], now())
        return _item(found)

    def _put(self, op: PutOp) -> None:
        if not op.namespace:
            raise StoreNamespaceError("Namespace cannot be empty.")
        if op.value is None:
            self._table.delete(op.namespace, str(op.key))
            return
        self._table.put(
            user_id=user_of(op.namespace, self._user_label),
            namespace=op.namespace,
            key=str(op.key),
            value=_json(op.value),
            vectors=self._index.vectors(op.value, op.index),
            ttl_minutes=op.ttl,
            at=now(),
        )
        interval = (self.ttl_config or {}).get("sweep_interval_minutes") or SWEEP_MINUTES
        if time.monotonic() - self._swept_at > interval * 60:
            self.sweep_ttl()

    def _search(self, op: SearchOp) -> list[SearchItem]:
        check_filter(op.filter)
        if op.limit < 0 or op.offset < 0:
            raise InvalidInput("limit and offset must not be negative")
        rows = [
            r for r in self._table.under(op.namespace_prefix, now()) if matches(r.value, op.filter)
        ]
        if op.query:
            ranked = self._ranked(rows, op.query)[op.offset : op.offset + op.limit]
        else:
            ranked = [(row, None) for row in rows[op.offset : op.offset + op.limit]]
        if op.refresh_ttl:
            self._table.refresh([row.rowid for row, _ in ranked], now())
        return [SearchItem(**_fields(row), score=score) for row, score in ranked]

    def _ranked(
        self, rows: list[StoredValue], query: str
    ) -> list[tuple[StoredValue, float | None]]:
        """Best first by the closest indexed text; rows with nothing indexed come last."""
        vectors = self._table.vectors([row.rowid for row in rows])
        target = self._index.query(query)
        scored = [
            (row, float(np.clip(np.max(np.stack(vectors[row.rowid]) @ target), 0.0, 1.0)))
            for row in rows
            if row.rowid in vectors
        ]
        scored.sort(key=lambda pair: pair[1], reverse=True)
        unscored: list[tuple[StoredValue, float | None]] = [
            (row, None) for row in rows if row.rowid not in vectors
        ]
        return [*scored, *unscored]


def _json(value: Mapping[str, Any]) -> str:
    if not isinstance(value, Mapping):
        raise InvalidInput(f"a store value must be a dict, not {type(value).__name__}")
    try:
        text = json.dumps(dict(value), ensure_ascii=False, allow_nan=False)
        text.encode("utf-8")
    except (TypeError, ValueError) as exc:  # UnicodeEncodeError is a ValueError
        raise InvalidInput(f"a store value must be plain JSON: {exc}") from exc
    return text


def _fields(row: StoredValue) -> dict[str, Any]:
    return {
        "namespace": row.namespace,
        "key": row.key,
        "value": row.value,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def _item(row: StoredValue) -> Item:
    return Item(**_fields(row))


@contextmanager
def _our_errors() -> Iterator[None]:
    """LangGraph's namespace errors, raised again inside hexamem's error tree."""
    try:
        yield
    except InvalidNamespaceError as error:
        if isinstance(error, InvalidInput):
            raise
        raise StoreNamespaceError(str(error)) from error


def _translated(method: F) -> F:
    if asyncio.iscoroutinefunction(method):

        @functools.wraps(method)
        async def checked_async(self: HexamemStore, *args: Any, **kwargs: Any) -> Any:
            with _our_errors():
                return await method(self, *args, **kwargs)

        return checked_async  # type: ignore[return-value]

    @functools.wraps(method)
    def checked(self: HexamemStore, *args: Any, **kwargs: Any) -> Any:
        with _our_errors():
            return method(self, *args, **kwargs)

    return checked  # type: ignore[return-value]


# BaseStore checks namespaces before batching; its errors join hexamem's tree here.
for _name in ("get", "search", "put", "delete", "list_namespaces"):
    for _method in (_name, f"a{_name}"):
        setattr(HexamemStore, _method, _translated(getattr(BaseStore, _method)))
