"""Graph stores: the `GraphStore` seam, FalkorDB (embedded or server) and Neo4j."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hexamem.errors import ConfigurationError
from hexamem.stores.graph.base import (
    EntityNode,
    FactEdge,
    GraphBatch,
    GraphStore,
    Hit,
    Mention,
    NamedFact,
)

if TYPE_CHECKING:
    from hexamem.settings import Settings

__all__ = [
    "EntityNode",
    "FactEdge",
    "GraphBatch",
    "GraphStore",
    "Hit",
    "Mention",
    "NamedFact",
    "open_graph_store",
]


def open_graph_store(settings: Settings, dimension: int) -> GraphStore:
    """The backend named by `settings.graph`, imported only when chosen."""
    choice = settings.graph
    if choice == "falkordb":
        from hexamem.stores.graph.falkordb import FalkorDBGraphStore

        return FalkorDBGraphStore.embedded(settings.home / "graph", dimension)
    if choice.startswith("falkordb://"):
        from hexamem.stores.graph.falkordb import FalkorDBGraphStore

        return FalkorDBGraphStore.remote(choice, dimension, namespace=settings.namespace)
    if choice.startswith(("neo4j://", "neo4j+s://", "bolt://", "bolt+s://")):
        from hexamem.stores.graph.neo4j import Neo4jGraphStore

        return Neo4jGraphStore.connect(choice, dimension, namespace=settings.namespace)
    raise ConfigurationError(
        f"graph {choice!r}: use falkordb, falkordb://host:port or neo4j://user:pass@host:port"
    )
