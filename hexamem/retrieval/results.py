"""What a search returns: the memory version plus how it was found."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from hexamem.memory_types import MemoryItem, MemoryType


class SearchResult(BaseModel):
    """A ranked memory version; dates and provenance are on `item`."""

    model_config = ConfigDict(frozen=True)

    item: MemoryItem
    score: float = Field(description="Fused reciprocal-rank score; higher is better.")
    vector_rank: int | None = Field(default=None, description="1-based rank by similarity.")
    lexical_rank: int | None = Field(default=None, description="1-based rank by BM25.")
    graph_rank: int | None = Field(
        default=None, description="1-based rank among facts near the entities the query names."
    )
    similarity: float | None = Field(default=None, description="Cosine similarity to the query.")

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def type(self) -> MemoryType:
        return self.item.type

    @property
    def text(self) -> str:
        return self.item.text
