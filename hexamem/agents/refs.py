"""Small integer refs for memories shown to a model, mapped back to real ids.

Models copy short numbers reliably and long ids badly; a ref the table never
showed is an invention and is rejected, never applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hexamem.memory_types import MemoryItem


@dataclass(frozen=True)
class RefTable:
    items: tuple[MemoryItem, ...]

    @classmethod
    def of(cls, items: Sequence[MemoryItem]) -> RefTable:
        return cls(tuple(items))

    def shown(self) -> list[dict[str, object]]:
        """What the model sees: ref, dates and the (redacted) payload; never the real id."""
        return [
            {
                "ref": n,
                "valid_from": item.valid_at.isoformat() if item.start_known else "unknown",
                **({"valid_until": item.invalid_at.isoformat()} if item.invalid_at else {}),
                **item.redacted().payload.model_dump(mode="json", exclude={"type"}),
            }
            for n, item in enumerate(self.items, start=1)
        ]

    def resolve(self, ref: int | None) -> MemoryItem | None:
        """The memory behind `ref`, or None if the model made it up."""
        if ref is None or not 1 <= ref <= len(self.items):
            return None
        return self.items[ref - 1]
