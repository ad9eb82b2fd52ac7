"""Choosing the evidence that answers: shared words (rarer ones count more), names, the
relation the question points at, the kind of answer it wants, and time.

A question about now prefers what still holds and, among near equals, what was
said last: the latest word wins. Nothing is chosen unless it shares a word of
the question's own, or the relation it asks about, beyond the names in it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hexamem.entities import normalize_name
from hexamem.llm.offline.answering.evidence import Evidence
from hexamem.llm.offline.answering.question import Question
from hexamem.llm.offline.language.lexicon import CATS, DOGS, PETS, species


def _group(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words near enough in meaning that one in a question finds the other in a memory.
RELATED = [
    _group(
        "partner girlfriend boyfriend girl guy wife husband fiance fiancé fiancee spouse "
        "dating date married engaged propose"
    ),
    _group("neighbour neighbor neighbours neighbors next-door door"),
    _group("people ppl person folk folks crowd"),
    _group("mum mom mother mam mummy"),
    _group("dad father daddy papa"),
    _group("kid child baby son daughter boy girl"),
    _group("job work occupation profession career employ"),
    _group("home house flat apartment live"),
    _group("practise practice rehearse rehearsal"),
    _group("stay hotel hostel airbnb inn book rebook accommodation lodge"),
    _group("go come join travel trip fly"),
    _group("play gig show concert perform"),
    _group("car vehicle truck pickup drive"),
    _group("phone cell mobile number"),
    frozenset({"dog", *DOGS}),
    frozenset({"cat", *CATS}),
    _group("enjoy love like adore"),
    _group("hate dislike detest"),
    _group("leave mat maternity"),
    _group("release drop out come"),
]
_DATE = re.compile(
    r"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?\d{1,2}\s+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)(?:\s+\d{4})?|\b(?:19|20)\d{2}\b"
)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_PLACE = re.compile(r"\b(?:in|at|to|from|near|outside|into)\s+(?:the\s+)?[A-Z]")
_PERSON = re.compile(r"\b[A-Z][a-z][\w-]+\b")


@dataclass(frozen=True)
class Scored:
    evidence: Evidence
    score: float
    matched: float
    """How much of the question it matched: its words (rarer ones more), names, relation."""
    words: float
    """The part of `matched` that is the question's own words (not names)."""


def numbers_in(text: str) -> list[str]:
    """Numbers that are not part of a date ('120 ppl', '5.2 kg'; not '15 September 2023')."""
    return _NUMBER.findall(_DATE.sub(" ", text))


def rank(question: Question, found: Sequence[Evidence], user: str) -> list[Scored]:
    """Evidence best first."""
    if not found:
        return []
    spread = {w: sum(1 for e in found if _match(lem, e) > 0) for w, lem in _asked(question)}
    span = (min(e.when for e in found), max(e.when for e in found))
    scored = [_score(question, e, spread, len(found), user, span) for e in found]
    return sorted(scored, key=lambda s: (-s.score, -s.evidence.when.timestamp()))


def _asked(question: Question) -> list[tuple[str, frozenset[str]]]:
    return list(zip(question.words, question.asked_lemmas, strict=True))


def _match(asked: frozenset[str], evidence: Evidence) -> float:
    if evidence.has(asked):
        return 1.0
    for group in RELATED:
        if asked & group and evidence.has(group):
            return 0.7
    for word in asked:
        if len(word) >= 4 and any(
            len(other) >= 4 and (other.startswith(word) or word.startswith(other))
            for other in evidence.words
        ):
            return 0.6
    return 0.0


def _score(
    question: Question,
    evidence: Evidence,
    spread: dict[str, int],
    total: int,
    user: str,
    span: tuple[datetime, datetime],
) -> Scored:
    words = 0.0
    for word, asked in _asked(question):
        weight = 1 + math.log((1 + total) / (1 + spread.get(word, 0)))
        if word == question.focus:
            weight *= 2
        words += weight * _match(asked, evidence)
        if evidence.head & asked:
            words += 0.5 * weight  # what a procedure is for counts more than one of its steps
    names = _names(question, evidence, user)
    matched = words + max(names, 0.0)
    score = words + names
    fact = evidence.fact
    if relation_answers(question, evidence):
        score += 2.5
        matched += 1.0
    score += _fits(question, evidence)
    if not question.words and fact is not None and names > 0:
        score += 2.0  # "Who is Ines?": what a fact about her says
    if evidence.has(question.opposite):
        score -= 0.6 * words + 1.0  # "the new neighbours" when the old ones were asked about
    if not evidence.current:
        score -= 0.2 if question.past else 2.0
    elif not question.past:
        earliest, latest = span
        if latest > earliest:
            score += (
                (1.5 if question.now else 0.6) * (evidence.when - earliest) / (latest - earliest)
            )
    score += 0.8 * max(evidence.similarity, 0.0)
    return Scored(evidence, score, matched, words)


#: Relations whose object is a place: they answer "where", never "who".
PLACE_RELATIONS = frozenset({"lives_in", "works_at", "from", "address"})


def kind_fits(question: Question, relation: str) -> bool:
    """Whether a relation gives the kind of answer asked: a place for "where", a date for "when"."""
    if question.kind == "who":
        return relation not in PLACE_RELATIONS
    if question.kind == "where":
        return relation in PLACE_RELATIONS
    if question.kind == "when":
        return relation == "born_on"
    return True


def relation_answers(question: Question, evidence: Evidence) -> bool:
    """Whether evidence is a fact of the relation asked about, giving the kind of answer asked."""
    fact = evidence.fact
    if fact is None or fact.relation not in question.relations:
        return False
    if not kind_fits(question, fact.relation):
        return False
    if fact.relation == "called":  # the boat's name does not answer for the band
        return any(evidence.has(asked) for _, asked in _asked(question))
    if fact.relation != "pet":
        return True
    # a question about a cat is not answered by the dog
    asked = {species(w) for w in question.words if w in PETS}
    kept = {species(w) for w in evidence.words if w in PETS}
    return not asked or not kept or bool(asked & kept)


def _placed_in(question: Question, text: str) -> bool:
    """Whether the thing asked about is where something else is: "my partner in the bakery"
    does not say where the bakery is."""
    return any(
        re.search(
            rf"\b(?:in|at|into)\s+(?:the|my|our|his|her|their)\s+{re.escape(w)}\b", text, re.I
        )
        for w in question.words
    )


def _names(question: Question, evidence: Evidence, user: str) -> float:
    """Naming the person or place asked about helps; being about someone else hurts."""
    others = [n for n in question.names if normalize_name(n) != normalize_name(user)]
    if not others:
        return 0.0
    text = normalize_name(evidence.text)
    hits = sum(1 for name in others if _named(name, text))
    if hits:
        return 1.5 * hits
    fact = evidence.fact
    if fact is not None and fact.subject and normalize_name(fact.subject) != normalize_name(user):
        return -1.5
    return -0.3


def _named(name: str, text: str) -> bool:
    """'Ana Silva' is named by 'the Silvas'; 'The Crown' by 'the crown'."""
    parts = [p for p in normalize_name(name).split() if len(p) >= 3] or normalize_name(name).split()
    return any(re.search(rf"\b{re.escape(part)}", text) for part in parts)


def _fits(question: Question, evidence: Evidence) -> float:
    """The kind of answer asked for: steps, a place for 'where', a date for 'when', a number."""
    text = evidence.text
    if question.step is not None or question.last_step or question.whole:
        return 2.5 if evidence.kind == "procedure" else 0.0
    asked = set(question.words) | {n.lower() for n in question.names}
    if question.kind == "where" and (_PLACE.search(text) or evidence.kind == "resource"):
        return 0.8 - 0.8 * _placed_in(question, text)
    if question.kind == "when":  # a date answers: an event, or a fact with its start
        return 0.8 if evidence.kind == "event" else -1.0 if evidence.kind != "fact" else 0.0
    if question.wants_number:
        return 1.2 if [n for n in numbers_in(text) if n not in question.text] else -0.5
    if question.kind in ("who", "name"):
        names = [n for n in _PERSON.findall(text) if n.lower() not in asked]
        return 0.6 if names else -0.3
    return 0.0
