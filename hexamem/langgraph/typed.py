"""Typed memories seen through the LangGraph store, when a root label is mapped to them.

With `HexamemStore(memory, memories="hexamem")`, `("hexamem", <user>)` holds that
user's current memories (keys are memory ids, values the memory's fields with its
`text` and `memory_type`). They are read-only here: what the memory files goes
through its agents or `Memory.apply`, never a raw put.
"""

from __future__ import annotations

from typing import Any

from langgraph.store.base import GetOp, Item, Op, PutOp, Result, SearchItem, SearchOp

from hexamem.errors import InvalidInput, NotFound
from hexamem.langgraph.filters import check_filter, matches
from hexamem.memory import Memory
from hexamem.memory_types import MemoryItem


class TypedMemories:
    def __init__(self, memory: Memory, root: str) -> None:
        self._memory = memory
        self._root = root

    def owns(self, op: Op) -> bool:
        namespace = (
            op.namespace_prefix if isinstance(op, SearchOp) else getattr(op, "namespace", ())
        )
        return bool(namespace) and namespace[0] == self._root

    def run(self, op: Op) -> Result:
        if isinstance(op, PutOp):
            raise InvalidInput(
                f"namespace {op.namespace!r} shows hexamem's typed memories and is read-only; "
                "write them with Memory.add or Memory.apply"
            )
        if isinstance(op, GetOp):
            return self._get(op)
        if isinstance(op, SearchOp):
            return self._search(op)
        return []

    def _user(self, namespace: tuple[str, ...]) -> str:
        if len(namespace) != 2:
            raise InvalidInput(f"typed memories live at ({self._root!r}, <user_id>)")
        return namespace[1]

    def _get(self, op: GetOp) -> Item | None:
        try:
            item = self._memory.get(op.key, user_id=self._user(op.namespace))
        except NotFound:
            return None
        return Item(**self._fields(item)) if item.current else None

    def _search(self, op: SearchOp) -> list[SearchItem]:
        check_filter(op.filter)
        user = self._user(op.namespace_prefix)
        wanted = op.offset + op.limit
        if op.query:
            items = [
                r.item for r in self._memory.search(op.query, user_id=user, k=max(wanted, 1) * 3)
            ]
        else:
            items = self._memory.list(user)
        kept = [i for i in items if matches(self._value(i), op.filter)]
        return [SearchItem(**self._fields(i)) for i in kept[op.offset : wanted]]

    def _fields(self, item: MemoryItem) -> dict[str, Any]:
        return {
            "namespace": (self._root, item.user_id),
            "key": item.id,
            "value": self._value(item),
            "created_at": item.created_at,
            "updated_at": item.updated_at,
        }

    @staticmethod
    def _value(item: MemoryItem) -> dict[str, Any]:
        fields = item.payload.model_dump(mode="json")
        fields.pop("type", None)
        return {"memory_type": item.type.value, "text": item.text, **fields}
