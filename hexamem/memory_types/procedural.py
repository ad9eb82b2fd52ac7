"""Procedural memory: how to do things, as ordered steps."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hexamem.memory_types.base import MemoryType, PayloadModel, Text


class Procedure(PayloadModel):
    """A workflow, guide or script the agent can follow again."""

    type: Literal[MemoryType.PROCEDURAL] = MemoryType.PROCEDURAL
    entry_type: Literal["workflow", "guide", "script"] = Field(description="Kind of procedure.")
    summary: Text = Field(description="What the procedure achieves.")
    steps: list[Text] = Field(min_length=1, description="The steps, in order.")

    def index_text(self) -> str:
        numbered = "\n".join(f"{n}. {step}" for n, step in enumerate(self.steps, 1))
        return f"{self.summary}\n{numbered}"
