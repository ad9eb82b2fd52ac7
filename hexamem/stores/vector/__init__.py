"""Vector stores: the `VectorStore` seam and the ChromaDB backend."""

from hexamem.stores.vector.base import VectorHit, VectorStore
from hexamem.stores.vector.chroma import ChromaVectorStore

__all__ = ["ChromaVectorStore", "VectorHit", "VectorStore"]
