"""Facts, names and secrets found in sentences: the shared extraction the writers build on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hexamem.llm.offline import patterns
from hexamem.llm.offline.reading import Said

_CUT = re.compile(
    r"\s+(?:and|but|because|since|so|with|where|which|who|last|this|next|"
    r"yesterday|today|now|for|from|these|lately|nowadays|currently|at the moment)\b.*$"
    r"|[,.;:!?].*$",
    re.IGNORECASE,
)
PHRASES = {
    "lives_in": "lives in",
    "works_at": "works at",
    "works_as": "works as",
    "age": "is aged",
    "partner": "has a partner called",
    "likes": "likes",
    "dislikes": "dislikes",
    "allergic_to": "is allergic to",
    "has_pet": "has a",
}


@dataclass(frozen=True)
class Fact:
    subject: str
    relation: str
    object: str
    single: bool
    said: Said

    @property
    def summary(self) -> str:
        if self.relation.startswith("favourite_"):
            topic = self.relation.removeprefix("favourite_").replace("_", " ")
            return f"{self.subject}'s favourite {topic} is {self.object}"
        return f"{self.subject} {PHRASES.get(self.relation, self.relation)} {self.object}"


def clean(value: str) -> str:
    return _CUT.sub("", value.strip()).strip(" '\"")


def user_name(said: Iterable[Said], core: dict[str, Any]) -> str:
    """The user's name: the core block, a self-introduction, the speaker name, or 'User'."""
    found = re.search(r"\bName:\s*([^;\n]+)", str(core.get("human", "")))
    if found:
        return found.group(1).strip()
    for sentence in said:
        if match := patterns.NAME.search(sentence.text):
            return match.group(1)
    for sentence in said:
        if sentence.speaker not in ("user", ""):
            return sentence.speaker
    return "User"


def facts_in(said: list[Said], subject: str) -> list[Fact]:
    found: list[Fact] = []
    for sentence in said:
        for pattern, relation, single in patterns.FACTS:
            for match in pattern.finditer(sentence.text):
                value = clean(match.group("object"))
                if not value or value.lower() in {"it", "that", "this", "them", "there"}:
                    continue
                name = relation
                if relation == "favourite":
                    topic = re.sub(r"\W+", "_", match.group("topic").lower()).strip("_")
                    name = f"favourite_{topic}"
                found.append(Fact(subject, name, value, single, sentence))
        for pattern, relation, single in patterns.THIRD_PERSON:
            for match in pattern.finditer(sentence.text):
                who, value = match.group("subject"), clean(match.group("object"))
                if who.lower() not in {"i", "we", "it", "she", "he", "they"} and value:
                    found.append(Fact(who, relation, value, single, sentence))
    unique: dict[tuple[str, str, str], Fact] = {}
    for fact in found:
        unique.setdefault((fact.subject, fact.relation, fact.object.lower()), fact)
    return list(unique.values())


@dataclass(frozen=True)
class Secret:
    entry_type: str
    sensitivity: str
    caption: str
    value: str
    said: Said


def secrets_in(said: list[Said]) -> list[Secret]:
    found: dict[str, Secret] = {}
    for sentence in said:
        for pattern, entry_type, sensitivity in patterns.SECRETS:
            for match in pattern.finditer(sentence.text):
                value = match.group("secret").strip().rstrip(".,;!")
                what = (match.group("what") or "").strip().lower()
                caption = f"{what} {entry_type.replace('_', ' ')}".strip()
                found.setdefault(value, Secret(entry_type, sensitivity, caption, value, sentence))
    return list(found.values())


def without_secrets(text: str, secrets: Iterable[Secret]) -> str:
    """The text with every secret value replaced: only the vault may hold them."""
    for secret in secrets:
        text = text.replace(secret.value, "[kept in the vault]")
    return text
