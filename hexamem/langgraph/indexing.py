"""What the LangGraph store embeds, and with what: `index=` as LangGraph stores take it.

`{"embed": ..., "dims": ..., "fields": [...]}` (SqliteStore's `text_fields` too);
without it the memory's own embedder indexes each whole value (`"$"`), so semantic
search works out of the box. Vectors are kept unit length: a score is the cosine of
the query and the value's closest indexed text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from langchain_core.embeddings import Embeddings
from langgraph.store.base import IndexConfig, ensure_embeddings, get_text_at_path

from hexamem.embedding import Embedder
from hexamem.errors import InvalidInput

WHOLE_VALUE = "$"


@dataclass(frozen=True)
class StoreIndex:
    embed_documents: Callable[[list[str]], Any]
    embed_query: Callable[[str], Any]
    fields: tuple[str, ...]
    dims: int | None = None
    embeddings: Embeddings | None = None

    @classmethod
    def configured(cls, config: IndexConfig | Mapping[str, Any] | None, embedder: Embedder):
        if config is None:
            return cls(embedder.embed, embedder.embed_one, (WHOLE_VALUE,), embedder.dimension)
        if "embed" not in config:
            raise InvalidInput("index= needs an 'embed' (an Embeddings object or a function)")
        embeddings = ensure_embeddings(config["embed"])
        fields: Sequence[str] = (
            config.get("fields") or config.get("text_fields") or [WHOLE_VALUE]  # type: ignore[assignment]
        )
        return cls(
            embeddings.embed_documents,
            embeddings.embed_query,
            tuple(fields),
            config.get("dims"),
            embeddings,
        )

    def vectors(
        self, puts: Sequence[tuple[Mapping[str, Any], Literal[False] | Sequence[str] | None]]
    ) -> list[list[tuple[str, np.ndarray]]]:
        """For each (value, index) of a batch of puts, (field path, unit vector) for every
        text the value has at the indexed paths: one embedding call for the batch."""
        texts = [
            []
            if index is False
            else [
                (path, text)
                for path in (self.fields if index is None else tuple(index))
                for text in get_text_at_path(value, path)
            ]
            for value, index in puts
        ]
        flat = [text for each in texts for _, text in each]
        rows = iter(_unit(self.embed_documents(flat)) if flat else ())
        return [[(path, next(rows)) for path, _ in each] for each in texts]

    def query(self, text: str) -> np.ndarray:
        return _unit(self.embed_query(text)).reshape(-1)


def _unit(vectors: Any) -> np.ndarray:
    array = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(array, axis=-1, keepdims=True)
    return array / np.where(norms == 0, 1, norms)
