"""Episodic memory: time-stamped events (what happened, who did it, when)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, Field

from hexamem.memory_types.base import MemoryType, OptionalText, PayloadModel, Text


class EpisodicEvent(PayloadModel):
    """Something that happened at a point in time."""

    type: Literal[MemoryType.EPISODIC] = MemoryType.EPISODIC
    occurred_at: AwareDatetime = Field(description="When the event happened (world time).")
    actor: Text = Field(description="Who acted: the user, the assistant, a named person.")
    event_type: Text = Field(description="Kind of event: message, meeting, trip, purchase ...")
    summary: Text = Field(description="One-line account of the event.")
    details: OptionalText = Field(default="", description="Anything longer.")

    def index_text(self) -> str:
        return f"{self.summary}\n{self.details}".strip()

    def world_time(self) -> datetime:
        return self.occurred_at
