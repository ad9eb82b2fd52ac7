"""`HexamemStore`: hexamem as a LangGraph `BaseStore`, for `graph.compile(store=...)`.

A namespace's last element is the user id (the scope); the elements before it
are kept as the memory's `agent_id`, so items come back with their namespace.
A value with a `type` field is stored as that memory type; any other dict is
kept verbatim as a semantic memory (its text is `value["content"]`, or the
JSON of the value), so `get` returns exactly what was `put`. `put(..., None)`
closes the memory (it stays in history); `search(query=...)` is the hybrid search.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable, Mapping
from typing import Any

from langgraph.store.base import (
    BaseStore,
    GetOp,
    InvalidNamespaceError,
    Item,
    ListNamespacesOp,
    Op,
    PutOp,
    Result,
    SearchItem,
    SearchOp,
)

from hexamem.errors import NotFound
from hexamem.memory import Memory
from hexamem.memory_types import MemoryItem, MemoryType, SemanticFact

VERBATIM = "langgraph-store"  # `source` of semantic memories that hold a raw value


class HexamemStore(BaseStore):
    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def batch(self, ops: Iterable[Op]) -> list[Result]:
        return [self._one(op) for op in ops]

    async def abatch(self, ops: Iterable[Op]) -> list[Result]:
        return await asyncio.to_thread(self.batch, list(ops))

    def _one(self, op: Op) -> Result:
        if isinstance(op, GetOp):
            return self._get(op.namespace, op.key)
        if isinstance(op, PutOp):
            self._put(op.namespace, op.key, op.value)
            return None
        if isinstance(op, SearchOp):
            return self._search(op)
        if isinstance(op, ListNamespacesOp):
            return self._namespaces(op)
        raise TypeError(f"unknown store op {type(op).__name__}")

    # -- operations ----------------------------------------------------------------------------

    def _get(self, namespace: tuple[str, ...], key: str) -> Item | None:
        user = _user(namespace)
        try:
            item = self.memory.get(key, user_id=user)
        except NotFound:
            return None
        if not item.current or _namespace(item) != namespace:
            return None
        return Item(
            value=_value(item),
            key=key,
            namespace=namespace,
            created_at=item.created_at,
            updated_at=item.updated_at,
        )

    def _put(self, namespace: tuple[str, ...], key: str, value: Mapping[str, Any] | None) -> None:
        user, agent = _user(namespace), "/".join(namespace[:-1]) or None
        current = self._get(namespace, key)
        if value is None:
            if current is not None:
                self.memory.delete(key, user_id=user, reason="deleted through the store")
            return
        memory_type, payload = _payload(namespace, key, value)
        if current is None:
            self.memory.apply(
                [
                    {
                        "kind": "ADD",
                        "id": key,
                        "memory_type": memory_type.value,
                        "payload": payload,
                        "agent_id": agent,
                    }
                ],
                user_id=user,
            )
        else:
            payload.pop("type", None)
            self.memory.update(key, user_id=user, reason="put through the store", **payload)

    def _search(self, op: SearchOp) -> list[SearchItem]:
        user = _user(op.namespace_prefix)
        wanted = op.limit + op.offset
        found: list[tuple[MemoryItem, float | None]]
        if op.query:
            found = [
                (r.item, r.score)
                for r in self.memory.search(op.query, user_id=user, k=min(100, wanted * 3))
            ]
        else:
            found = [(item, None) for item in self.memory.list(user)]
        items = []
        for item, score in found:
            namespace = _namespace(item)
            value = _value(item)
            if namespace[: len(op.namespace_prefix)] != op.namespace_prefix:
                continue
            if op.filter and any(value.get(k) != v for k, v in op.filter.items()):
                continue
            items.append(
                SearchItem(
                    namespace=namespace,
                    key=item.id,
                    value=value,
                    created_at=item.created_at,
                    updated_at=item.updated_at,
                    score=score,
                )
            )
        return items[op.offset : wanted]

    def _namespaces(self, op: ListNamespacesOp) -> list[tuple[str, ...]]:
        spaces = sorted(self.memory.namespaces())
        for condition in op.match_conditions or ():
            size = len(condition.path)
            spaces = [
                s
                for s in spaces
                if all(
                    c in ("*", p)
                    for c, p in zip(
                        condition.path,
                        s[:size] if condition.match_type == "prefix" else s[-size:],
                        strict=False,
                    )
                )
            ]
        if op.max_depth is not None:
            spaces = sorted({s[: op.max_depth] for s in spaces})
        return spaces[op.offset : op.offset + op.limit]


def _user(namespace: tuple[str, ...]) -> str:
    if not namespace or not all(isinstance(part, str) and part for part in namespace):
        raise InvalidNamespaceError(f"namespace {namespace!r} must end with a user id")
    return namespace[-1]


def _namespace(item: MemoryItem) -> tuple[str, ...]:
    return (*(item.agent_id.split("/") if item.agent_id else ()), item.user_id)


def _payload(
    namespace: tuple[str, ...], key: str, value: Mapping[str, Any]
) -> tuple[MemoryType, dict[str, Any]]:
    kind = value.get("type")
    if kind in {t.value for t in MemoryType}:
        return MemoryType(kind), dict(value)
    content = value.get("content")
    text = content if isinstance(content, str) and content.strip() else json.dumps(dict(value))
    # Only a value with more than `content` needs its JSON kept to come back whole.
    details = "" if set(value) == {"content"} else json.dumps(dict(value))
    name = namespace[-2] if len(namespace) > 1 else key
    return MemoryType.SEMANTIC, {
        "name": name[:200],
        "summary": text,
        "details": details,
        "source": VERBATIM,
    }


def _value(item: MemoryItem) -> dict[str, Any]:
    payload = item.redacted().payload
    if isinstance(payload, SemanticFact) and payload.source == VERBATIM:
        if not payload.details:
            return {"content": payload.summary}
        loaded: dict[str, Any] = json.loads(payload.details)
        return loaded
    return payload.model_dump(mode="json")
