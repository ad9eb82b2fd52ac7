"""Every public return type besides memories themselves, all pydantic models.

Batch outcomes, answers, search results, history, timelines, stats and model
usage: what `Memory` hands back, in one place, so a caller can see at a glance
what it may receive.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from hexamem.llm.base import Usage
from hexamem.memory_types import MemoryItem, MemoryType

OutcomeKind = Literal[
    "ADD",
    "UPDATE",
    "DELETE",
    "NOOP",
    "REASSERT",
    "FORGET",
    "INVALIDATE",
    "ADD_ENTITY",
    "MERGE_ENTITIES",
]


class OpOutcome(BaseModel):
    """What one op did: the memory and version it produced or touched."""

    model_config = ConfigDict(frozen=True)

    kind: OutcomeKind
    memory_type: MemoryType
    id: str | None = Field(default=None, description="Memory id (None for a NOOP on nothing).")
    version: int | None = Field(default=None, description="Version written or closed.")
    reason: str = ""


class BatchResult(BaseModel):
    """What a write did: one outcome per op, in order."""

    model_config = ConfigDict(frozen=True)

    batch_id: str | None = Field(description="Op-log batch; None when nothing was written.")
    episode_id: str | None = Field(default=None, description="Episode stored by `add`.")
    outcomes: list[OpOutcome] = Field(default_factory=list)
    pending_messages: int = Field(
        default=0, description="Messages of the session still waiting for a full batch."
    )
    duplicate: bool = Field(
        default=False,
        description="An `add` with this idempotency key was stored before; nothing was written.",
    )

    @property
    def ids(self) -> list[str]:
        """Ids of the memories the batch touched, in op order."""
        return [o.id for o in self.outcomes if o.id is not None]


class TypeCount(BaseModel):
    current: int = Field(description="Memories of this type that hold now.")
    versions: int = Field(description="Every version kept, closed ones included.")


class MemoryStats(BaseModel):
    """What one user's memory holds, and what building it has cost."""

    user_id: str
    types: dict[MemoryType, TypeCount]
    episodes: int
    entities: int = Field(description="Entities in the knowledge graph.")
    facts: int = Field(description="Fact edges in the knowledge graph, every version.")
    llm_calls: int
    input_tokens: int
    output_tokens: int


class TimelineEntry(BaseModel):
    """One version of one fact about an entity, and whether it holds now."""

    model_config = ConfigDict(frozen=True)

    item: MemoryItem
    current: bool = Field(description="Not superseded, and not ended in the world.")


class AnswerResult(BaseModel):
    """An answer from memory, the ids of the memories it used, and what it cost."""

    answer: str = Field(description='The answer text; "I don\'t know." when abstaining.')
    used_ids: list[str] = Field(default_factory=list, description="Memories the answer used.")
    abstained: bool = Field(default=False, description="Memory did not say.")
    usage: Usage = Field(default_factory=Usage, description="Tokens of the model call.")
    latency_s: float = Field(default=0.0, description="Seconds the model call took.")


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


class HistoryEntry(BaseModel):
    """One change to a memory, with the versions before and after it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item_id: str
    op: str = Field(description="ADD, UPDATE, DELETE or IMPORT.")
    from_version: int | None = None
    to_version: int | None = None
    at: AwareDatetime = Field(description="Observation time of the change.")
    episode_id: str | None = None
    actor: str | None = Field(default=None, description="Agent or caller that made the change.")
    reason: str = ""
    batch_id: str = ""
    old: MemoryItem | None = Field(default=None, description="Version before (filled on read).")
    new: MemoryItem | None = Field(default=None, description="Version after (filled on read).")


class UsageRecord(BaseModel):
    """One model call: who made it, for which episode, and what it cost."""

    model_config = ConfigDict(frozen=True)

    user_id: str
    episode_id: str = Field(description="The episode ingested; empty for answers and replies.")
    role: str = Field(description="manager, writer, answer or chat.")
    memory_type: str | None = Field(default=None, description="The writer's memory type.")
    model: str
    input_tokens: int
    output_tokens: int
    latency_s: float


class QuarantinedBatch(BaseModel):
    """A logged batch that no store would take, set aside so the memory keeps working."""

    model_config = ConfigDict(frozen=True)

    batch_id: str
    user_id: str
    logged_at: AwareDatetime
    quarantined_at: AwareDatetime
    reason: str = Field(description="What the store said when the batch was applied.")


class StoreCheck(BaseModel):
    """How one user's derived stores agree with the records, version for version."""

    model_config = ConfigDict(frozen=True)

    user_id: str
    versions: int = Field(description="Versions in the record store (the source of truth).")
    missing_vectors: list[str] = Field(default_factory=list, description="Version keys.")
    stray_vectors: list[str] = Field(default_factory=list, description="Keys of no version.")
    missing_lexical: list[str] = Field(default_factory=list, description="Version keys.")
    missing_facts: list[str] = Field(default_factory=list, description="Fact version keys.")
    stray_facts: list[str] = Field(default_factory=list, description="Edges of no version.")

    @property
    def agrees(self) -> bool:
        return not (
            self.missing_vectors
            or self.stray_vectors
            or self.missing_lexical
            or self.missing_facts
            or self.stray_facts
        )


class DoctorReport(BaseModel):
    """What `Memory.doctor` found (and, with ``repair=True``, what it then found)."""

    model_config = ConfigDict(frozen=True)

    users: list[StoreCheck]
    pending: int = Field(description="Batches logged and not applied (replayed first).")
    quarantined: list[QuarantinedBatch]
    repaired: bool = False

    @property
    def healthy(self) -> bool:
        return self.pending == 0 and all(u.agrees for u in self.users)
