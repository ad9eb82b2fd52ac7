"""Core memory: labelled blocks (`persona`, `human`, ...) always in the agent's context."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, StringConstraints, model_validator

from hexamem.llm.tokens import count_tokens
from hexamem.memory_types.base import MemoryType, OptionalText, PayloadModel

Label = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]

DEFAULT_BLOCK_TOKENS = 500


class CoreBlock(PayloadModel):
    """One block of always-present context, kept under a token limit."""

    type: Literal[MemoryType.CORE] = MemoryType.CORE
    label: Label = Field(description="Block name: persona, human, or your own (snake_case).")
    value: OptionalText = Field(description="The block text.")
    limit: int = Field(
        default=DEFAULT_BLOCK_TOKENS, gt=0, le=8000, description="Token limit of `value`."
    )

    @model_validator(mode="after")
    def _fits_limit(self) -> Self:
        used = count_tokens(self.value)
        if used > self.limit:
            raise ValueError(
                f"core block {self.label!r} holds {used} tokens, over its limit of {self.limit}"
            )
        return self

    def index_text(self) -> str:
        return f"{self.label}: {self.value}"
