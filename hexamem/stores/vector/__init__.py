"""Vector stores: the `VectorStore` seam and the ChromaDB backend, imported when chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hexamem.stores.vector.base import VectorHit, VectorStore

if TYPE_CHECKING:
    from hexamem.settings import Settings

__all__ = ["VectorHit", "VectorStore", "open_vector_store"]


def open_vector_store(settings: Settings) -> VectorStore:
    """A Chroma server when `settings.chroma_url` is set, else embedded Chroma in the home."""
    from hexamem.stores.vector.chroma import ChromaVectorStore

    if settings.chroma_url:
        return ChromaVectorStore.remote(settings.chroma_url)
    return ChromaVectorStore.embedded(settings.home / "chroma")
