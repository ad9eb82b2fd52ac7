"""A fact found in what someone said, and how it is written down."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from hexamem.llm.offline.language.lexicon import FRIENDS, KIN
from hexamem.llm.offline.reading import Said


def rule(pattern: str) -> re.Pattern[str]:
    """A pattern for speech: case does not matter unless a group says (?-i:...)."""
    return re.compile(pattern, re.IGNORECASE)


#: Relations that hold one value at a time: a new value supersedes the old one.
SINGLE = frozenset(
    {
        "lives_in",
        "address",
        "works_at",
        "works_as",
        "partner",
        "diet",
        "phone_number",
        "email",
        "born_on",
        "vehicle",
        "from",
        "studies",
        "business_partner",
    }
)
#: Relations that contradict each other for the same object ("used to hate it, now loves it").
OPPOSITE = {"likes": "dislikes", "dislikes": "likes"}


@dataclass(frozen=True)
class Fact:
    """subject, relation, object: one edge of the graph, with where and how it was said.

    `word` is the word the person used for the relation ("wife", "sister", "cat"),
    kept in the summary; `start` is a start that was said; `past` marks what is
    told as over ("my late husband", "I used to live in York"); `ends` a fact
    that says the relation stopped ("we broke up").
    """

    subject: str
    relation: str
    object: str
    said: Said
    word: str = ""
    start: datetime | None = None
    past: bool = False
    ends: bool = False

    @property
    def single(self) -> bool:
        return self.relation in SINGLE or self.relation.startswith("favourite_")


def article(noun: str) -> str:
    first = noun.split()[0] if noun.split() else ""
    if first.isupper() and len(first) > 1:  # said letter by letter: "an MRI", "a UX ..."
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    return "an" if noun[:1].lower() in "aeiou" else "a"


def summary(fact: Fact, who: str) -> str:
    """The fact as a sentence about `who` (the subject's display name)."""
    obj, word, rel = fact.object, fact.word, fact.relation
    past = fact.past or fact.ends
    be = "was" if past else "is"
    if rel == "lives_in":
        return f"{who} {'lived' if past else 'lives'} in {obj}"
    if rel == "address":
        return f"{who}'s address {be} {obj}"
    if rel == "works_at":
        return f"{who} {'worked' if past else 'works'} at {obj}"
    if rel == "works_as":
        return f"{who} {'worked' if past else 'works'} as {article(obj)} {obj}"
    if rel == "child":
        return f"{who}'s {word or 'child'} {be} called {obj}"
    if rel == "partner" or rel in KIN:
        return f"{who}'s {word or rel} {be} {obj}"
    if rel in FRIENDS:
        return f"{obj} {be} {who}'s {word or rel}"
    if rel == "pet":
        return f"{who}'s {word or 'pet'} {be} called {obj}"
    if rel == "called":
        return f"{who}'s {word or 'thing'} {be} called {obj}"
    if rel == "business_partner":
        return f"{who}'s business partner {be} {obj}"
    if rel in ("likes", "dislikes"):
        verb = word or ("likes" if rel == "likes" else "dislikes")
        return f"{who} {'used to ' + _base(verb) if past else verb} {obj}"
    if rel == "diet":
        return f"{who} {'followed' if past else 'follows'} {article(obj)} {obj} diet"
    if rel == "allergic_to":
        return f"{who} {be} allergic to {obj}"
    if rel == "phone_number":
        return f"{who}'s phone number {be} {obj}"
    if rel == "email":
        return f"{who}'s email address {be} {obj}"
    if rel == "studies":
        return f"{who} {'studied' if past else 'studies'} {obj}"
    if rel == "born_on":
        return f"{who} was born {'in' if obj.isdigit() else 'on'} {obj}"
    if rel == "from":
        return f"{who} {be} from {obj}"
    if rel == "vehicle":
        return f"{who}'s {word or 'vehicle'} {be} {article(obj)} {obj}"
    if rel.startswith("favourite_"):
        topic = rel.removeprefix("favourite_").replace("_", " ")
        return f"{who}'s favourite {topic} {be} {obj}"
    return f"{who} {rel.replace('_', ' ')} {obj}"


def _base(verb: str) -> str:
    return verb[:-1] if verb.endswith("s") else verb
