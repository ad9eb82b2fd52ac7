"""The raw input: an episode is the messages of one `add` call and when they were observed.

Episodes are kept as they came, beside the memories extracted from them, so a
memory's provenance can always be followed back to what was said.
"""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from hexamem.memory_types.storable import StorableStr


class Message(BaseModel):
    """One message of an episode, as the caller gave it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: StorableStr = Field(
        description="Message id, given by the caller or derived from the episode."
    )
    role: str = Field(description="user, assistant, system or tool.")
    content: StorableStr = Field(description="The text.")
    name: StorableStr | None = Field(default=None, description="Speaker name, when known.")
    at: AwareDatetime | None = Field(
        default=None, description="When it was said, if the caller knows; else the episode's time."
    )


class Episode(BaseModel):
    """The raw input unit: the messages of one `add` call and when they were observed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    user_id: StorableStr
    session_id: StorableStr | None = None
    observed_at: AwareDatetime
    messages: tuple[Message, ...]

    @property
    def text(self) -> str:
        """Every message's content, one per line: what retrieval matches an episode by."""
        return "\n".join(m.content for m in self.messages)

    def said_at(self, message: Message) -> AwareDatetime:
        """When `message` was said: its own time, or the episode's."""
        return message.at or self.observed_at
