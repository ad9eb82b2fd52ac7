"""Entities: the people, places and things that facts connect."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

PERSON = "person"
_NOT_WORD = re.compile(r"[^\w\s]+")


def normalize_name(name: str) -> str:
    """Case, accents, punctuation and spacing folded: 'Zoë  O'Neil' -> 'zoe o neil'."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    words = _NOT_WORD.sub(" ", folded).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Entity(BaseModel):
    """One entity of one user; `merged_into` points at the entity it was folded into."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    user_id: str
    name: str = Field(description="Display name.")
    type: str = Field(default="entity", description="person, place, organization ...")
    summary: str = ""
    aliases: tuple[str, ...] = ()
    merged_into: str | None = None
    created_at: AwareDatetime

    @property
    def normalized(self) -> str:
        return normalize_name(self.name)

    def names(self) -> list[str]:
        """Normalised name and aliases, the keys it is found under."""
        return list(dict.fromkeys(normalize_name(n) for n in (self.name, *self.aliases)))


def merge_root(entity: Entity, lookup: Callable[[str], Entity | None]) -> Entity:
    """The entity a chain of merges ends at; a broken or circular chain stops where it breaks."""
    seen = {entity.id}
    while entity.merged_into:
        target = lookup(entity.merged_into)
        if target is None or target.id in seen:
            break
        seen.add(target.id)
        entity = target
    return entity
