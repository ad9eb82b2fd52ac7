"""The envelope every memory shares, whatever its type.

A memory has a stable `id` and a chain of versions. Each version carries two
time axes: world time (`valid_at`/`invalid_at`, when it is true) and system
time (`created_at`/`updated_at`/`expired_at`, when hexamem learned or dropped it).
"""

from __future__ import annotations

from abc import abstractmethod
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from hexamem.memory_types.storable import STORABLE

UNKNOWN_START = datetime(1, 1, 2, tzinfo=UTC)
"""`valid_at` of a version whose start nobody knows: told as past, or found to have ended
before the time it was first heard of."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), STORABLE]
"""A non-blank string, stripped."""

OptionalText = Annotated[str, StringConstraints(strip_whitespace=True), STORABLE]


class MemoryType(StrEnum):
    """The six kinds of memory, after MIRIX."""

    CORE = "core"
    EPISODIC = "episodic"
    SEMANTIC = "semantic"
    PROCEDURAL = "procedural"
    RESOURCE = "resource"
    KNOWLEDGE_VAULT = "knowledge_vault"


class PayloadModel(BaseModel):
    """Base of the per-type payloads: frozen, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    @abstractmethod
    def index_text(self) -> str:
        """The text that the vector and lexical indexes see."""

    def world_time(self) -> datetime | None:
        """When the content happened, if the payload itself says so."""
        return None

    def redacted(self) -> PayloadModel:
        """A copy that is safe to show anyone; only the vault hides anything."""
        return self


class Provenance(BaseModel):
    """Where a memory came from: the episode and the messages in it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    episode_id: str | None = Field(default=None, description="Episode the memory came from.")
    message_ids: tuple[str, ...] = Field(default=(), description="Source messages in it.")
    reasserted_in: tuple[str, ...] = Field(
        default=(), description="Later episodes that stated the same fact again."
    )

    def episodes(self) -> tuple[str, ...]:
        """Every episode that stated this memory, first one first."""
        first = (self.episode_id,) if self.episode_id else ()
        return first + self.reasserted_in


class MemoryItemBase(BaseModel):
    """Envelope fields; `MemoryItem` adds the typed payload."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(description="Stable id shared by every version of the memory.")
    user_id: str = Field(description="Owner; every read is scoped to it.")
    agent_id: str | None = Field(default=None, description="Agent that wrote it, if any.")
    text: str = Field(description="The indexed text (for the vault: the caption only).")
    provenance: Provenance = Field(default_factory=Provenance)
    created_at: AwareDatetime = Field(description="When hexamem first learned the memory.")
    updated_at: AwareDatetime = Field(description="When hexamem learned this version.")
    valid_at: AwareDatetime = Field(description="When this version became true in the world.")
    valid_at_stated: bool = Field(
        default=False,
        description="True when `valid_at` was said; False when it is only when hexamem heard "
        "of it (the observation time), which a later, explicit change may predate.",
    )
    invalid_at: AwareDatetime | None = Field(
        default=None, description="When it stopped being true in the world; None while true."
    )
    expired_at: AwareDatetime | None = Field(
        default=None, description="When hexamem superseded or deleted it; None while current."
    )
    version: int = Field(default=1, ge=1, description="1 for the first version, +1 per update.")
    entity_ids: tuple[str, ...] = Field(
        default=(), description="Graph entities a fact connects (subject, object); set by hexamem."
    )

    @property
    def start_known(self) -> bool:
        """False for a version whose start nobody knows (see `UNKNOWN_START`)."""
        return self.valid_at > UNKNOWN_START

    @property
    def current(self) -> bool:
        """True for the live version of a memory that was not deleted."""
        return self.expired_at is None


def version_key(item_id: str, version: int) -> str:
    """`id:version`, the per-version key the indexes use."""
    return f"{item_id}:{version}"


def parse_version_key(key: str) -> tuple[str, int]:
    """The inverse of `version_key`."""
    item_id, _, version = key.rpartition(":")
    return item_id, int(version)


def payload_fields(model: type[BaseModel]) -> dict[str, Any]:
    """Field names a caller may change on a payload (everything but `type`)."""
    return {name: info for name, info in model.model_fields.items() if name != "type"}
