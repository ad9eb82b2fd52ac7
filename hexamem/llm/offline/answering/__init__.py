"""Answers by rule: read the question, weigh the evidence retrieved, say the best of it.

A fact that answers is said directly, with its dates when they matter; an event
or a note is quoted with its day; a procedure comes as its steps; a secret is
never shown unless the caller asked to reveal it. With nothing relevant, the
answer is "I don't know." and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from hexamem.agents.requests import AnswerRequest
from hexamem.agents.schemas import AnswerReply
from hexamem.llm.offline.answering.compose import (
    age_answer,
    events_answer,
    fact_answer,
    procedure_answer,
    quote,
    resource_answer,
    vault_answer,
)
from hexamem.llm.offline.answering.evidence import Evidence, gather
from hexamem.llm.offline.answering.question import Question, read_question
from hexamem.llm.offline.answering.select import Scored, numbers_in, rank, relation_answers
from hexamem.llm.offline.language import lemmas
from hexamem.llm.offline.language.lexicon import KIN, PARTNERS
from hexamem.llm.offline.people import names_in
from hexamem.llm.offline.reading import user_name_in
from hexamem.memory_types import SemanticFact

#: Share of the question's weight the best evidence must match to be an answer.
COVERAGE = 0.34


def answer(request: AnswerRequest) -> AnswerReply:
    question = read_question(request.question, request.window)
    user = user_name_in(request.core) or "User"
    found = gather(request.results, request.asked_at)
    named = _who_is_named(question, found, user, known=user != "User")
    if named is None:
        return AnswerReply(answer="", used=[], abstained=True)
    question = _resolve_roles(named, found, user)
    ranked = rank(question, found, user)
    if (
        question.events
        and request.window is not None
        and any(s.evidence.kind == "event" for s in ranked)
    ):
        listing = events_answer(ranked)
        used = sorted({s.evidence.ref for s in ranked if s.evidence.kind == "event"})
        return AnswerReply(answer=listing, used=used[:5])
    best = _answering(question, ranked, user)
    if best is None:
        return AnswerReply(answer="", used=[], abstained=True)
    text, used = _say(question, best, ranked, request.reveal_secrets, request.asked_at)
    return AnswerReply(answer=text, used=used)


def answers(question: Question, scored: Scored, user: str) -> bool:
    """Whether evidence says enough of what was asked to be an answer.

    It must share one of the question's own words (or the relation it asks about);
    sharing only a name answers nothing, unless the question is only a name ("Who
    is Ines?").
    """
    others = [n for n in question.names if n.lower() != user.lower()]
    total = len(question.words) + len(others) or 1
    related = relation_answers(question, scored.evidence)
    counted = question.wants_number and scored.matched >= 1.0 and numbers_in(scored.evidence.text)
    own = (
        scored.words >= 0.6
        or related
        or (not question.words and scored.matched >= 1.0)
        or bool(counted)
    )
    if question.about_user and _about_someone_else(scored.evidence, user):
        return False
    if question.kind == "when" and scored.evidence.kind not in ("event", "fact", "note"):
        return False  # a procedure or a link has no date to give
    return own and (scored.matched / (total + 1.0) >= COVERAGE or related)


def _about_someone_else(evidence: Evidence, user: str) -> bool:
    payload = evidence.item.payload
    name = payload.name if isinstance(payload, SemanticFact) else None
    return name is not None and name.lower() not in (user.lower(), "user")


def _answering(question: Question, ranked: list[Scored], user: str) -> Scored | None:
    if question.secret and question.kind in ("what", "which", "name"):
        vault = [s for s in ranked if s.evidence.kind == "vault" and s.matched > 0]
        if vault:
            return vault[0]
    return next((s for s in ranked if answers(question, s, user)), None)


def _who_is_named(
    question: Question, found: list[Evidence], user: str, *, known: bool
) -> Question | None:
    """A person named in the question whom no memory mentions: someone this memory knows
    nothing of (no answer), or, while the user's own name is unknown, the user."""
    missing = [
        name
        for name in question.names
        if name.lower() != user.lower() and not any(_mentions(e.text, name) for e in found)
    ]
    if not missing:
        return question
    if known and any(name in question.person_names for name in missing):
        return None
    kept = tuple(n for n in question.names if n not in missing)
    return replace(question, names=kept, about_user=bool(question.person_names & set(missing)))


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name.split()[0].lower())}", text.lower()) is not None


def _resolve_roles(question: Question, found: list[Evidence], user: str) -> Question:
    """'the band's old bassist': who that is, from the evidence that names a person by the role.

    Only when the question names nobody but the user; the person becomes a name of
    the question, and the role stops counting as a word of what is asked.
    """
    others = [n for n in question.names if n.lower() != user.lower()]
    if not question.roles or others:
        return question
    person: str | None = None
    for role in question.roles:  # the owner first: "my sister's husband" is the sister's
        person = _by_fact(role, person, found, user) or _by_text(role, question, found, user)
        if person is None:
            return question
    keep = [w for w in question.words if w not in question.roles]
    return replace(
        question,
        names=(*question.names, person) if person else question.names,
        words=tuple(keep),
        asked_lemmas=tuple(lemmas(w) for w in keep),
        about_user=False,  # the question is about that person now
    )


def _by_fact(role: str, owner: str | None, found: list[Evidence], user: str) -> str | None:
    """The person a fact gives the role to, of `owner` (or of the user): "Maya's husband is Dan"."""
    relation = (
        "partner" if role in PARTNERS else role.rstrip("s") if role.rstrip("s") in KIN else role
    )
    whose = {owner.lower()} if owner else {user.lower(), "user"}
    for evidence in found:
        fact = evidence.fact
        held = fact is not None and fact.relation == relation and evidence.current
        if held and fact and fact.object and (fact.subject or "").lower() in whose:
            return fact.object
    return None


def _by_text(role: str, question: Question, found: list[Evidence], user: str) -> str | None:
    """The person a memory names by the role ("Sam on bass" for "the old bassist")."""
    role_only = replace(
        question,
        words=(role,),
        asked_lemmas=(lemmas(role),),
        relations=frozenset(),
        focus=None,
        kind="who",
    )
    for scored in rank(role_only, found, user)[:3]:
        person = _person_in(scored.evidence, role_only, question, user)
        if scored.words > 0 and person:
            return person
    return None


def _person_in(evidence: Evidence, roles: Question, question: Question, user: str) -> str | None:
    """The person the evidence gives the role to: the name in the same part of the sentence
    as the role's word ('Sam on bass, Jo on drums': Sam plays bass)."""
    fact = evidence.fact
    if fact is not None and fact.object and fact.relation in question.relations | {"partner"}:
        return None  # the role is what is asked about, not who
    skip = (user.lower(), "user")
    for part in re.split(r"[,;]|\band\b", evidence.text):
        if not any(
            _near_word(word.lower(), asked)
            for word in re.findall(r"[\w'-]+", part)
            for asked in roles.asked_lemmas
        ):
            continue
        for name, _ in names_in(" " + part):
            if name.lower() not in skip and name.lower() not in question.text.lower():
                return name
    for name, _ in names_in(evidence.text):
        if name.lower() not in skip and name.lower() not in question.text.lower():
            return name
    return None


def _near_word(word: str, asked: frozenset[str]) -> bool:
    forms = lemmas(word)
    return bool(forms & asked) or any(
        len(a) >= 4 and len(w) >= 4 and (w.startswith(a) or a.startswith(w))
        for a in asked
        for w in forms
    )


def _say(
    question: Question, best: Scored, ranked: list[Scored], reveal: bool, asked_at: datetime
) -> tuple[str, list[int]]:
    evidence = best.evidence
    if evidence.kind == "vault":
        return vault_answer(evidence, reveal), [evidence.ref]
    if evidence.kind == "procedure":
        return procedure_answer(question, evidence), [evidence.ref]
    if evidence.kind == "resource":
        return resource_answer(evidence), [evidence.ref]
    if evidence.kind == "fact":
        fact = evidence.fact
        if question.kind == "how old" and fact is not None and fact.relation == "born_on":
            return age_answer(evidence, asked_at), [evidence.ref]
        return fact_answer(evidence), [evidence.ref]
    if evidence.kind == "core":
        return evidence.text, [evidence.ref]
    if question.wants_number and not numbers_in(evidence.text):
        same_day = _same_occasion(evidence, ranked)
        if same_day is not None:
            return f"{quote(same_day)} {quote(evidence)}", [same_day.ref, evidence.ref]
    return quote(evidence), [evidence.ref]


def _same_occasion(evidence: Evidence, ranked: list[Scored]) -> Evidence | None:
    """Another memory of the same day with the number asked for ('120 came', about the gig)."""
    for scored in ranked:
        other = scored.evidence
        if (
            other.ref != evidence.ref
            and other.when.date() == evidence.when.date()
            and numbers_in(other.text)
        ):
            return other
    return None
