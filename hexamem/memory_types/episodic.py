"""Episodic memory: time-stamped events (what happened, who did it, when)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, Field

from hexamem.memory_types.base import MemoryType, OptionalText, PayloadModel, Text

#: Actors that are roles, not names: they add nothing a search could match on.
ROLE_ACTORS = frozenset({"", "user", "assistant", "system", "tool", "the user", "the assistant"})


class EpisodicEvent(PayloadModel):
    """Something that happened at a point in time."""

    type: Literal[MemoryType.EPISODIC] = MemoryType.EPISODIC
    occurred_at: AwareDatetime = Field(description="When the event happened (world time).")
    actor: Text = Field(description="Who acted: the user, the assistant, a named person.")
    event_type: Text = Field(description="Kind of event: message, meeting, trip, purchase ...")
    summary: Text = Field(description="One-line account of the event.")
    details: OptionalText = Field(default="", description="Anything longer.")

    def index_text(self) -> str:
        """The account, led by the actor's name when it is a person's and not in it yet:
        who said or did something is half of what a question about it asks."""
        text = f"{self.summary}\n{self.details}".strip()
        actor = self.actor.strip()
        if actor.lower() in ROLE_ACTORS or actor.lower() in text.lower():
            return text
        return f"{actor}: {text}"

    def world_time(self) -> datetime:
        return self.occurred_at
