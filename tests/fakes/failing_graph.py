"""A real graph store whose writes can be made to fail the two ways a store fails."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from hexamem import Memory, StoreError
from hexamem.stores.graph import GraphStore
from hexamem.stores.graph.base import GraphBatch, Hit


class FailingGraph(GraphStore):
    """Delegates to `inner`; while `failure` is set, every write raises it (refused: the
    store answered and said no; not refused: the store is down)."""

    def __init__(self, inner: GraphStore) -> None:
        self._inner = inner
        self.failure: StoreError | None = None

    def write(self, scope: str, batch: GraphBatch) -> None:
        if self.failure is not None:
            raise self.failure
        self._inner.write(scope, batch)

    def nearest_entities(self, scope: str, vector: Sequence[float], k: int) -> list[Hit]:
        return self._inner.nearest_entities(scope, vector, k)

    def matching_entities(self, scope: str, text: str, k: int) -> list[Hit]:
        return self._inner.matching_entities(scope, text, k)

    def drop(self, scope: str) -> None:
        self._inner.drop(scope)

    def _rows(self, scope: str, statement: str, params: dict[str, Any]) -> list[list[Any]]:
        return self._inner._rows(scope, statement, params)

    def close(self) -> None:
        self._inner.close()


@pytest.fixture
def failing_memory(
    tmp_path: Path, embedder: Any, graph_store: GraphStore
) -> Iterator[tuple[Memory, FailingGraph]]:
    """A memory over the session's graph server whose graph writes fail on demand."""
    graph = FailingGraph(graph_store)
    with Memory.open(str(tmp_path / "home"), embedder=embedder, graph_store=graph) as memory:
        yield memory, graph
