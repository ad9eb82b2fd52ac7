"""The embedder seam: texts in, unit-length float32 vectors out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


class Embedder(ABC):
    """Turns texts into vectors of a fixed dimension; cosine is the dot product."""

    #: Length of every vector.
    dimension: int
    #: Name stored beside the vectors, so a model change can be detected.
    model_id: str

    @abstractmethod
    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed `texts` as a (len(texts), dimension) array of unit vectors."""

    def embed_one(self, text: str) -> Vectors:
        """One text, one vector."""
        return self.embed([text])[0]
