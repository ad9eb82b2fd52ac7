"""Facts about the people and pets in a user's life, and how they are related to the user.

"my sister Maya", "Ines is my wife", "his daughter Noor", "Ben's girl Lou",
"my cat Pixel", "Maya's a dentist", "she's a data analyst at Acme up in
Leeds", "he's allergic to nuts", "Ravi and I broke up".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from hexamem.llm.offline.facts.model import Fact, rule
from hexamem.llm.offline.facts.objects import (
    job_at,
    name_at,
    org_at,
    phone_in,
    place_at,
    thing_at,
)
from hexamem.llm.offline.facts.whose import who_is, whose
from hexamem.llm.offline.language.lexicon import (
    FRIENDS,
    KIN,
    ORGANISATIONS,
    PARTNERS,
    PETS,
    species,
)
from hexamem.llm.offline.people import USER
from hexamem.llm.offline.reading import Said

_ROLE_WORDS = sorted(KIN | PARTNERS | FRIENDS | PETS, key=len, reverse=True)
_ROLE = r"(?P<role>" + "|".join(re.escape(w) for w in _ROLE_WORDS) + r")s?"
_ADJ = r"(?:(?:late|new|old|ex-|ex|little|big|older|younger|baby|twin|best|lovely|ginger|black|"
_ADJ += r"white|grey|gray|tabby|rescue|adorable|first)\s*)*"
_CALLED = r"(?:\s+(?:is\s+)?(?:called|named|whose name is)|\s+is)?\s+"
_WHO = (
    r"(?P<owner>(?:my|our)\s+[a-z]+['’]s|my|our|his|her|their"
    r"|(?-i:[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)['’]s)"
)


_POSSESSED = rule(rf"\b{_WHO}\s+{_ADJ}{_ROLE}(?P<called>{_CALLED})(?=(?P<rest>.+))")
_IS_MY = rule(rf"(?P<name>(?-i:[A-Z][\w-]*))\s+(?:is|'s)\s+(?:also\s+)?my\s+{_ADJ}{_ROLE}\b")
_HAS_PET = rule(
    rf"\b(?P<who>i|we|(?-i:[A-Z][\w.-]*(?:\s[A-Z][\w-]*)?)|he|she|they)(?:\s+\w+){{0,4}}?\s+(?:have|has|got|adopted|"
    rf"'ve got)\s+(?:a|an)\s+{_ADJ}(?:\w+\s+)?{_ROLE}\s+(?:called|named)\s+(?P<rest>.+)"
)
_CHILD = rule(
    r"\b(?:a|an)\s+(?:little\s+|baby\s+|beautiful\s+)?(?P<role>boy|girl|son|daughter)\s+"
    r"(?:called|named)\s+(?P<rest>.+)"
)
_FORMER = r"(?P<former>old\s+|former\s+|ex-?\s*)?"
_CO_OWNER = (
    r"(?:business\s+partner|co-?founder|co-?owner|partner\s+in\s+(?:the|my|our)\s+"
    r"(?:business|company|firm|shop|practice|venture|\w+ery))"
)
_BUSINESS_PARTNER = rule(
    rf"\b(?:my|our)\s+(?:new\s+)?{_FORMER}{_CO_OWNER}(?:\s+is|\s+was|,)?\s+(?P<rest>.+)"
)
_IS_BUSINESS_PARTNER = rule(
    rf"(?P<name>(?-i:[A-Z][\w-]*))\s+(?:is|was|'s)\s+(?:now\s+)?my\s+(?:new\s+)?{_FORMER}{_CO_OWNER}"
)
_PROPOSED = rule(r"(?P<name>(?-i:[A-Z][\w-]*))\s+proposed\b")
_BROKE_UP = rule(
    r"\b(?:(?P<name>(?-i:[A-Z][\w-]*))\s+and\s+i|i\s+and\s+(?P<name2>(?-i:[A-Z][\w-]*))|we)\s+"
    r"(?:have\s+|'ve\s+)?(?:broke up|broken up|split up|split|separated|divorced|called it off)"
)
_MARRIED = rule(r"\bi(?:'m| am)?\s+(?:married|engaged|dating|seeing)\s+(?:to\s+)?(?P<rest>.+)")
_SUBJECT = r"(?<!the\s)(?P<who>(?-i:[A-Z][\w-]*)|he|she|they|hes|shes)"
_JOB = rule(
    rf"(?:^|,\s+|\b){_SUBJECT}(?:'s|\s+is|\s+was|\s+works as|(?P<used>\s+used to (?:be|work as)))"
    rf"\s+(?:an?\s+)(?P<rest>.+)"
)
_APPOSITIVE_JOB = rule(r"^(?:he|she|they)(?:'s|\s+is)\s+[^,]+,\s+(?:an?\s+)(?P<rest>.+)")
_WORK_AT = rule(
    rf"\b{_SUBJECT}\s+(?:works|worked|is working|teaches|lectures|is employed|"
    rf"went back to work|started work|started working|"
    rf"got a job|has a job)\b[^.!?]*?\bat\s+(?P<rest>(?-i:[A-Z]).+)"
)
#: "Tom is at Kinetic Labs": at an organisation (not "at the park", not "at Heathrow").
_IS_AT = rule(rf"\b{_SUBJECT}(?:'s|\s+is)\s+(?:now\s+)?(?:at|with)\s+(?P<rest>(?-i:[A-Z]).+)")
_JOB_AT = rule(
    r"\b(?:at|with|for)\s+(?P<org>(?-i:[A-Z])[^,.!?]*?)\s+(?:up|down|over|out)?\s*in\s+(?P<rest>(?-i:[A-Z]).+)"
)
_LIVES = rule(
    rf"\b{_SUBJECT}\s+(?:now\s+)?(?:lives|lived|is living|'s living|is based|moved|is moving|"
    rf"'s moving|are moving|'re moving|relocated|is quitting to move|'s quitting to move|"
    rf"quitting to move)\s+(?:in|to|back to)\s+(?P<rest>.+)"
)
_THEY_MOVE = rule(
    r"\bthe\s+(?P<family>(?-i:[A-Z][\w-]*))s\s+(?:are|were)\s+moving\s+to\s+(?P<rest>.+)"
)
_ALLERGY = rule(rf"\b{_SUBJECT}(?:'s|\s+is|\s+was)\s+(?:\w+\s+)?allergic\s+to\s+(?P<rest>.+)")
_STUDIES = rule(rf"\b{_SUBJECT}(?:'s|\s+is)?\s+(?:studying|studies)\s+(?P<rest>.+)")
_AGE = rule(
    rf"\b{_SUBJECT}(?:'s|\s+is|\s+was)\s+(?:now\s+)?(?:\w+\s+)?\d+\s+(?:day|week|month|year)s?\s+old"
)
#: "my daughter Ola is 7": an age in years, said as a bare number.
_YEARS_OLD = rule(
    rf"\b{_SUBJECT}(?:'s|\s+is|\s+turned|\s+turns)\s+(?:now\s+|just\s+|only\s+)?"
    r"(?P<years>\d{1,2})(?:\s+(?:years?\s+old|yrs?))?(?=\s*(?:[,.!?;]|$|and\b|now\b|today\b))"
)
_PHONE = rule(
    r"\b(?P<owner>his|her|their|(?-i:[A-Z][\w-]*)['’]s)\s+(?:phone\s+|cell\s+|mobile\s+)?number\b"
)


def about_people(said: Said) -> Iterator[Fact]:
    """The facts in one sentence about people other than the user, or linking them to the user."""
    text = said.clause
    yield from _relations(said, text)
    yield from _pets_and_children(said, text)
    yield from _partners(said, text)
    yield from _business_partners(said, text)
    yield from _their_lives(said, text)


def _relations(said: Said, text: str) -> Iterator[Fact]:
    for found in _POSSESSED.finditer(text):
        role = found.group("role").lower()
        if role in PETS:
            continue
        called = found.group("called").strip()
        name = name_at(found.group("rest"), lower_ok=True)
        if name is None or (called == "is" and not found.group("rest")[:1].isupper()):
            continue
        owner = whose(found.group("owner"), said, found.start())
        relation = "partner" if role in PARTNERS else role
        if owner is None or (role in ("girl", "guy", "man") and owner == USER):
            continue
        past = "late" in found.group(0).lower() or "ex" in found.group(0).lower().split()
        yield Fact(owner, relation, name, said, word=role, past=past)
    for found in _IS_MY.finditer(text):
        role = found.group("role").lower()
        relation = "partner" if role in PARTNERS else role
        yield Fact(USER, relation, found.group("name"), said, word=role)


def _pets_and_children(said: Said, text: str) -> Iterator[Fact]:
    for found in _POSSESSED.finditer(text):
        role = found.group("role").lower()
        if role not in PETS:
            continue
        owner = whose(found.group("owner"), said, found.start())
        name = name_at(found.group("rest"))
        if owner is not None and name is not None:
            yield Fact(owner, "pet", name, said, word=species(role))
    for found in _HAS_PET.finditer(text):
        role = found.group("role").lower()
        owner, name = who_is(found.group("who"), said, found.start()), name_at(found.group("rest"))
        if role in PETS and owner is not None and name is not None:
            yield Fact(owner, "pet", name, said, word=species(role))
    for found in _CHILD.finditer(text):
        # the user's own children come as "my son Leo"; here the parent is someone named
        owner = said.subject if said.subject != USER else None
        name = name_at(found.group("rest"))
        word = {"boy": "son", "girl": "daughter"}.get(found.group("role").lower(), "child")
        if owner is not None and name is not None and name != owner:
            yield Fact(owner, "child", name, said, word=word)


def _business_partners(said: Said, text: str) -> Iterator[Fact]:
    """'my business partner is Luis', 'my partner in the shop is Priya', 'Jo is my co-founder'."""
    found = _BUSINESS_PARTNER.search(text)
    name = name_at(found.group("rest")) if found else None
    if found is None:
        found = _IS_BUSINESS_PARTNER.search(text)
        name = found.group("name") if found else None
    if found is not None and name is not None:
        yield Fact(USER, "business_partner", name, said, past=bool(found.group("former")))


def _partners(said: Said, text: str) -> Iterator[Fact]:
    if found := _PROPOSED.search(text):
        yield Fact(USER, "partner", found.group("name"), said, word="fiancé")
    if found := _BROKE_UP.search(text):
        name = found.group("name") or found.group("name2")
        yield Fact(USER, "partner", name or "", said, word="partner", ends=True)
    if (found := _MARRIED.search(text)) and (name := name_at(found.group("rest"))):
        word = "fiancé" if "engaged" in found.group(0).lower() else "partner"
        yield Fact(USER, "partner", name, said, word=word)


def _their_lives(said: Said, text: str) -> Iterator[Fact]:
    for pattern in (_JOB, _APPOSITIVE_JOB):
        for found in pattern.finditer(text):
            who = who_is(found.groupdict().get("who") or "he", said, found.start())
            if who is not None and who != USER and (job := job_at(found.group("rest"))):
                past = bool(found.groupdict().get("used"))  # "she used to be a pastry chef"
                yield Fact(who, "works_as", job, said, past=past)
                if (at := _JOB_AT.search(found.group("rest"))) and (
                    place := place_at(at.group("rest"))
                ):
                    yield Fact(who, "works_at", at.group("org").strip(), said, past=past)
                    if not past:
                        yield Fact(who, "lives_in", place, said)
                elif (
                    rest := re.search(
                        r"\b(?:at|for|with)\s+(?P<rest>(?:the\s+)?[A-Z].+)", found.group("rest")
                    )
                ) and (org := org_at(rest.group("rest"))):
                    yield Fact(who, "works_at", org, said, past=past)
    for found in _WORK_AT.finditer(text):
        who = who_is(found.group("who"), said, found.start())
        if who not in (None, USER) and (org := org_at(found.group("rest"))):
            yield Fact(who, "works_at", org, said)
    for found in _IS_AT.finditer(text):
        who = who_is(found.group("who"), said, found.start())
        org = org_at(found.group("rest"))
        if who not in (None, USER) and org and org.split()[-1].lower() in ORGANISATIONS:
            yield Fact(who, "works_at", org, said)
    for found in _LIVES.finditer(text):
        who = who_is(found.group("who"), said, found.start())
        if who not in (None, USER) and (place := place_at(found.group("rest"))):
            yield Fact(who, "lives_in", place, said, start=_start(said))
    if (family := _THEY_MOVE.search(text)) and (place := place_at(family.group("rest"))):
        yield Fact(f"The {family.group('family')}s", "lives_in", place, said, start=_start(said))
    for pattern, relation in ((_ALLERGY, "allergic_to"), (_STUDIES, "studies")):
        for found in pattern.finditer(text):
            who = who_is(found.group("who"), said, found.start())
            if who not in (None, USER) and (thing := thing_at(found.group("rest"))):
                yield Fact(who, relation, thing, said)
    aged = _AGE.search(text) or _AGE.search(text[:1].upper() + text[1:])
    if aged and (who := who_is(aged.group("who"), said, aged.start())) not in (None, USER):
        born = next((m for m in said.dates if m.kind == "age"), None)
        if born is not None:
            yield Fact(
                who, "born_on", f"{born.start.day} {born.start:%B %Y}", said, start=born.start
            )
    elif (years := _YEARS_OLD.search(text)) and (who := who_is(years.group("who"), said)) not in (
        None,
        USER,
    ):
        born_in = said.observed.year - int(years.group("years"))
        yield Fact(who, "born_on", str(born_in), said, start=datetime(born_in, 1, 1, tzinfo=UTC))
    number, value = _PHONE.search(text), phone_in(text)
    owner = whose(number.group("owner"), said, number.start()) if number else None
    if value and owner not in (None, USER):
        yield Fact(owner, "phone_number", value, said)


def _start(said: Said) -> datetime | None:
    when = said.when
    return when.start if when is not None else None
