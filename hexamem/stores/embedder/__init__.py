"""Embedders: the `Embedder` seam and the offline MiniLM model."""

from hexamem.stores.embedder.base import Embedder, Vectors
from hexamem.stores.embedder.minilm import MiniLMEmbedder

__all__ = ["Embedder", "MiniLMEmbedder", "Vectors"]
