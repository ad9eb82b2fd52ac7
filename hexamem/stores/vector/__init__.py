"""Vector stores: the `VectorStore` seam and the ChromaDB backend, imported when chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hexamem.stores.vector.base import VectorHit, VectorStore

if TYPE_CHECKING:
    from hexamem.settings import Settings
    from hexamem.stores.dialect import Database

__all__ = ["VectorHit", "VectorStore", "open_vector_store"]


def open_vector_store(settings: Settings, db: Database, dimension: int) -> VectorStore:
    """A Chroma server when `settings.chroma_url` is set, else embedded Chroma in the home;
    with records on PostgreSQL and no Chroma server, pgvector in the same database. A
    Chroma server beside PostgreSQL is shared by every instance: its collections are
    named within the memory's namespace."""
    from hexamem.stores.vector.chroma import ChromaVectorStore

    if settings.database_url is not None and not settings.chroma_url:
        from hexamem.stores.vector.pgvector import PgVectorStore

        return PgVectorStore(db, dimension)
    if settings.chroma_url:
        if settings.database_url is not None:
            return ChromaVectorStore.remote(
                settings.chroma_url, namespace=settings.namespace, shared=True
            )
        return ChromaVectorStore.remote(settings.chroma_url)
    return ChromaVectorStore.embedded(settings.home / "chroma")
