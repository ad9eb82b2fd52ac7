"""Vector stores: the `VectorStore` seam and the ChromaDB backend, imported when chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hexamem.stores.vector.base import VectorHit, VectorStore

if TYPE_CHECKING:
    from hexamem.settings import Settings

__all__ = ["VectorHit", "VectorStore", "open_vector_store"]


def open_vector_store(settings: Settings) -> VectorStore:
    """A Chroma server when `settings.chroma_url` is set, else embedded Chroma in the home.
    With records on PostgreSQL the server is shared by every instance: collections are
    named within the memory's namespace and nothing is cached between calls."""
    from hexamem.stores.vector.chroma import ChromaVectorStore

    if settings.chroma_url:
        if settings.database_url is not None:
            return ChromaVectorStore.remote(
                settings.chroma_url, namespace=settings.namespace, shared=True
            )
        return ChromaVectorStore.remote(settings.chroma_url)
    return ChromaVectorStore.embedded(settings.home / "chroma")
