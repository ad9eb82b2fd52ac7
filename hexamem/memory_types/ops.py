"""The one contract between agents and stores: typed memory operations.

Writers only emit ops, the op log and stores only apply them, the CLI and logs
only render them. `Op` is a union tagged by `kind`:

- ADD: a new memory; `supersedes` closes the memories it contradicts.
- UPDATE: a changed memory; the old version is closed and kept.
- DELETE: a memory that stopped being true; closed, kept for `as_of` and history.
- REASSERT: the same memory stated again; nothing changes but its provenance.
- FORGET: the user asked for it to be forgotten; every version is purged.
- NOOP: nothing to do, with the reason on record.
- ADD_ENTITY, MERGE_ENTITIES: the graph's people, places and things.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    model_validator,
)

from hexamem.memory_types.base import MemoryType, payload_fields
from hexamem.memory_types.item import PAYLOAD_MODELS, Payload

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$"


class _Op(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    memory_type: MemoryType = Field(description="Type of the memory the op touches.")
    reason: str = Field(default="", description="Why the writer chose this op (for review).")
    source_episode: str | None = Field(default=None, description="Episode that caused the op.")


class Add(_Op):
    """Create a memory. `id` may be pinned by the caller; otherwise hexamem assigns one."""

    kind: Literal["ADD"] = "ADD"
    payload: Payload = Field(description="The full typed content.")
    id: str | None = Field(default=None, pattern=ID_PATTERN, description="Optional fixed id.")
    valid_at: AwareDatetime | None = Field(
        default=None,
        description="When it became true, if that was said; default: the payload's own time, "
        "else the observation time (then only 'known since').",
    )
    invalid_at: AwareDatetime | None = Field(
        default=None,
        description="When it stopped being true, for what is told as past ('I used to live in "
        "Leeds'): it is stored closed and supersedes nothing.",
    )
    agent_id: str | None = Field(default=None, description="Agent that wrote it.")
    message_ids: tuple[str, ...] = Field(default=(), description="Source messages.")
    supersedes: tuple[str, ...] = Field(
        default=(),
        description="Memories this one contradicts. Each is closed from this one's valid_at; "
        "one that started later stays open and closes this one instead (out-of-order input).",
    )

    @model_validator(mode="before")
    @classmethod
    def _tag_payload(cls, data: Any) -> Any:
        """Let callers give a plain dict payload and a `memory_type`, or only a typed payload."""
        if not isinstance(data, dict):
            return data
        payload, kind = data.get("payload"), data.get("memory_type")
        if isinstance(payload, dict) and "type" not in payload and kind is not None:
            data = {**data, "payload": {**payload, "type": kind}}
        elif kind is None and payload is not None:
            tag = (
                payload.get("type") if isinstance(payload, dict) else getattr(payload, "type", None)
            )
            data = {**data, "memory_type": tag}
        return data

    @model_validator(mode="after")
    def _type_matches(self) -> Self:
        if self.payload.type != self.memory_type:
            raise ValueError(
                f"payload is {self.payload.type.value} but memory_type is {self.memory_type.value}"
            )
        if self.invalid_at is not None:
            if self.supersedes:
                raise ValueError("a memory told as past (invalid_at) supersedes nothing")
            if self.valid_at is not None and self.valid_at >= self.invalid_at:
                raise ValueError("valid_at must be before invalid_at")
        return self


class Update(_Op):
    """Supersede the current version of `target_id` with changed fields."""

    kind: Literal["UPDATE"] = "UPDATE"
    target_id: str = Field(description="Memory to update.")
    payload: dict[str, Any] = Field(min_length=1, description="Only the fields that change.")
    valid_at: AwareDatetime | None = Field(
        default=None,
        description="When the new value became true; the old one is invalid from then on.",
    )

    @model_validator(mode="after")
    def _known_fields(self) -> Self:
        allowed = payload_fields(PAYLOAD_MODELS[self.memory_type])
        unknown = sorted(set(self.payload) - set(allowed))
        if unknown:
            raise ValueError(
                f"{self.memory_type.value} has no field(s) {unknown}; fields: {sorted(allowed)}"
            )
        return self


class Delete(_Op):
    """Close a memory: it stays in history and in `as_of` searches, but is no longer current."""

    kind: Literal["DELETE"] = "DELETE"
    target_id: str = Field(description="Memory to close.")
    valid_at: AwareDatetime | None = Field(
        default=None, description="When it stopped being true; default: the observation time."
    )


class Reassert(_Op):
    """The same memory stated again: it stays as it is and remembers the new episode."""

    kind: Literal["REASSERT"] = "REASSERT"
    target_id: str = Field(description="Memory stated again.")


class Forget(_Op):
    """Purge a memory for good (every version, its index entries and graph edge).

    For when the user asks for something to be forgotten; DELETE keeps history.
    """

    kind: Literal["FORGET"] = "FORGET"
    target_id: str = Field(description="Memory to purge.")


class Noop(_Op):
    """Nothing to do; kept so a writer's decision (and its reason) is on record."""

    kind: Literal["NOOP"] = "NOOP"
    target_id: str | None = Field(default=None, description="Memory the writer looked at.")


class AddEntity(_Op):
    """Declare an entity (a person, place, organisation ...) with its type and aliases."""

    kind: Literal["ADD_ENTITY"] = "ADD_ENTITY"
    memory_type: MemoryType = MemoryType.SEMANTIC
    name: str = Field(min_length=1, max_length=200, description="Full name as people use it.")
    entity_type: str = Field(default="entity", description="person, place, organization ...")
    summary: str = Field(default="", description="One line about the entity.")
    aliases: tuple[str, ...] = Field(default=(), description="Other names for the same entity.")


class MergeEntities(_Op):
    """Declare two entities the same; `merge_id` becomes an alias of `into_id` (reversible)."""

    kind: Literal["MERGE_ENTITIES"] = "MERGE_ENTITIES"
    memory_type: MemoryType = MemoryType.SEMANTIC
    into_id: str = Field(description="Entity that stays.")
    merge_id: str = Field(description="Entity folded into it; its facts follow it.")


Op = Annotated[
    Add | Update | Delete | Reassert | Forget | Noop | AddEntity | MergeEntities,
    Field(discriminator="kind"),
]
"""Any memory operation."""

OPS_ADAPTER: TypeAdapter[list[Op]] = TypeAdapter(list[Op])
