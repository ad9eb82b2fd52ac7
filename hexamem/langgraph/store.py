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
Vectors = list[tuple[str, np.ndarray]]
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
        """Every op in order; the values of all puts are checked, then embedded in one
        call, before the first op runs."""
        ops = list(ops)
        puts = [
            op
            for op in ops
            if isinstance(op, PutOp)
            and op.value is not None
            and not (self._typed is not None and self._typed.owns(op))
        ]
        encoded = [_json(op.value) for op in puts]  # type: ignore[arg-type]
        vectors = self._index.vectors([(op.value, op.index) for op in puts])
        prepared = {id(op): (text, v) for op, text, v in zip(puts, encoded, vectors, strict=True)}
        return [self._one(op, prepared.get(id(op))) for op in ops]

    async def abatch(self, ops: Iterable[Op]) -> list[Result]:
        return await asyncio.to_thread(self.batch, list(ops))

    def sweep_ttl(self) -> int:
        """Delete every expired item now; how many went (also done every few minutes)."""
        self._swept_at = time.monotonic()
        return self._table.sweep(now())

    def _one(self, op: Op, prepared: tuple[str, Vectors] | None = None) -> Result:
        with _our_errors():
            validate_op_namespace(op)
        if self._typed is not None and self._typed.owns(op):
            return self._typed.run(op)
        if isinstance(op, GetOp):
            return self._get(op)
        if isinstance(op, PutOp):
            self._put(op, prepared)
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

    def _put(self, op: PutOp, prepared: tuple[str, Vectors] | None) -> None:
        if not op.namespace:
            raise StoreNamespaceError("Namespace cannot be empty.")
        if op.value is None:
            self._table.delete(op.namespace, str(op.key))
            return
        assert prepared is not None  # `batch` checked and embedded every value put
        self._table.put(
            user_id=user_of(op.namespace, self._user_label),
            namespace=op.namespace,
            key=str(op.key),
            value=prepared[0],
            vectors=prepared[1],
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
        prefix, at, page = op.namespace_prefix, now(), slice(op.offset, op.offset + op.limit)
        if op.filter:  # every value is read to test it, before anything is cut
            kept = [row for row in self._table.under(prefix, at) if matches(row.value, op.filter)]
            by_id = {row.rowid: row for row in kept}
            order = [row.rowid for row in kept]
        else:
            by_id, order = {}, []
        if op.query:
            ranked = self._ranked(op, order if op.filter else None)[page]
        elif op.filter:
            ranked = [(rowid, None) for rowid in order[page]]
        else:
            rows = self._table.under(prefix, at, limit=op.limit, offset=op.offset)
            by_id, ranked = {r.rowid: r for r in rows}, [(r.rowid, None) for r in rows]
        missing = [rowid for rowid, _ in ranked if rowid not in by_id]
        by_id.update((row.rowid, row) for row in self._table.rows(missing))
        if op.refresh_ttl:
            self._table.refresh([rowid for rowid, _ in ranked], at)
        return [
            SearchItem(**_fields(by_id[rowid]), score=score)
            for rowid, score in ranked
            if rowid in by_id
        ]

    def _ranked(self, op: SearchOp, allowed: list[int] | None) -> list[tuple[int, float | None]]:
        """Rowids best first by the closest indexed text (one matrix product over every
        candidate vector), then the candidates with nothing indexed, newest first."""
        assert op.query is not None
        target = self._index.query(op.query)
        ids, matrix = self._table.vectors_under(op.namespace_prefix, now(), target.shape[0])
        if allowed is not None:
            keep = np.isin(ids, np.asarray(allowed, dtype=np.int64))
            ids, matrix = ids[keep], matrix[keep]
        scores = np.clip(matrix @ target, 0.0, 1.0) if len(ids) else np.zeros(0)
        order = np.argsort(-scores, kind="stable")
        _, first = np.unique(ids[order], return_index=True)  # each item's best vector
        best = order[np.sort(first)]
        ranked: list[tuple[int, float | None]] = [(int(ids[i]), float(scores[i])) for i in best]
        if len(ranked) < op.offset + op.limit:
            scored = {rowid for rowid, _ in ranked}
            candidates = (
                allowed
                if allowed is not None
                else self._table.ids_under(op.namespace_prefix, now())
            )
            ranked += [(rowid, None) for rowid in candidates if rowid not in scored]
        return ranked


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
