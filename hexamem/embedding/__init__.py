"""Embedders: the `Embedder` seam (a model, like the LLM) and the offline MiniLM model.

The model itself is imported and loaded only when `open_embedder` is first called.
"""

from __future__ import annotations

from functools import lru_cache

from hexamem.embedding.base import Embedder, Vectors

__all__ = ["Embedder", "Vectors", "open_embedder"]


@lru_cache(maxsize=1)
def open_embedder() -> Embedder:
    """The offline all-MiniLM-L6-v2 model, loaded once per process."""
    from hexamem.embedding.minilm import MiniLMEmbedder

    return MiniLMEmbedder()
