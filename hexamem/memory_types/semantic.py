"""Semantic memory: facts and concepts, independent of when they were learned."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hexamem.memory_types.base import MemoryType, OptionalText, PayloadModel, Text


class SemanticFact(PayloadModel):
    """A fact or concept about a named subject."""

    type: Literal[MemoryType.SEMANTIC] = MemoryType.SEMANTIC
    name: Text = Field(description="The subject: a person, place, thing or idea.")
    summary: Text = Field(description="The fact, one sentence.")
    details: OptionalText = Field(default="", description="Supporting detail.")
    source: OptionalText = Field(default="", description="Who or what said so.")

    def index_text(self) -> str:
        return f"{self.name}: {self.summary}\n{self.details}".strip()
