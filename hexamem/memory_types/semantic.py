"""Semantic memory: facts and concepts, independent of when they were learned."""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import Field, field_validator, model_validator

from hexamem.memory_types.base import MemoryType, OptionalText, PayloadModel, Text
from hexamem.memory_types.storable import StorableStr


class SemanticFact(PayloadModel):
    """A fact or concept about a named subject."""

    type: Literal[MemoryType.SEMANTIC] = MemoryType.SEMANTIC
    name: Text = Field(description="The subject: a person, place, thing or idea.")
    summary: Text = Field(description="The fact, one sentence.")
    details: OptionalText = Field(default="", description="Supporting detail.")
    source: OptionalText = Field(default="", description="Who or what said so.")
    subject: StorableStr | None = Field(
        default=None, description="Fact triple: the entity the fact is about (a name)."
    )
    relation: StorableStr | None = Field(
        default=None, description="Fact triple: snake_case relation, e.g. lives_in, works_at."
    )
    object: StorableStr | None = Field(
        default=None, description="Fact triple: the other entity (a name)."
    )

    @field_validator("subject", "relation", "object", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        """A blank part is no part: `relation=""` makes no graph edge (and no half-fact)."""
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _whole_triple(self) -> Self:
        parts = (self.subject, self.relation, self.object)
        if any(parts) and not all(p and p.strip() for p in parts):
            raise ValueError("a fact needs all of subject, relation and object, or none")
        return self

    @property
    def is_fact(self) -> bool:
        """True when the memory is also an edge of the knowledge graph."""
        return self.relation is not None

    def index_text(self) -> str:
        """The summary, after the name unless it already opens with it ("Ana lives in Rome")."""
        named = self.summary.lower().startswith(self.name.lower())
        head = self.summary if named else f"{self.name}: {self.summary}"
        return f"{head}\n{self.details}".strip()
