"""An episode read once for every rule: the user's sentences, what each does, when, and about whom.

The earlier messages of the session are read first (so "he" can mean someone
named a turn ago); the assistant's own words only lend names to pronouns the
user's text leaves open, and never become memories.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from hexamem.dates import DateMention, Tense, find_dates, mention_text, named
from hexamem.llm.offline.language import (
    Kind,
    known_word,
    lemmas,
    sentence_kind,
    sentences,
    tense,
)
from hexamem.llm.offline.language.kinds import told_as_past
from hexamem.llm.offline.language.lexicon import PETS, STOP, VEHICLES
from hexamem.llm.offline.people import (
    CALENDAR_WORDS,
    USER,
    People,
    gender_of,
    names_in,
    person_word,
)
from hexamem.memory_types import CoreBlock, Episode, Message

_OPENERS = re.compile(
    r"^(?:(?:ok|okay|so|and|also|but|yes|yeah|yep|well|anyway|honestly|btw|oh|ugh|lol|"
    r"mostly|basically|actually|plus|then|now|hey|right|sadly|luckily|unrelated|random|"
    r"update|news)\b[,!.]*\s+)+|^[^:]{0,30}:\s+",
    re.IGNORECASE,
)
_SELF = re.compile(
    r"^(?:i|i'm|im|i've|ive|i'd|i'll|me|we|we're|we've|we'll|we'd|myself)\b|^\w+ and (?:i|me)\b",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|these|those|it|its|it's|there|here)\b", re.I)
_PRONOUN_START = re.compile(r"^(he|she|they|him|her|his|their)\b(?:'s|s)?", re.IGNORECASE)
_POSSESSED_PERSON = re.compile(
    r"^(?:(?i:my|our|his|her|their)|[A-Z][\w-]*'s)\s+(?:\w+\s+)?(?P<role>\w+)\s+"
    r"(?P<name>[A-Z][\w-]*)"
)
_NAME_VERB = re.compile(r"^\s*(?:and (?:i|me)\b|(?P<verb>[a-z']+))", re.IGNORECASE)
#: Verbs that follow a person's name ("Maya opened", "Ines made", "Sam went").
_PERSON_VERBS = frozenset(
    "be have say go get make move open arrive come propose call send weigh love like hate "
    "live work play study tell text start finish quit leave book drive fly visit marry meet "
    "buy give take bring want need think know see eat cook help lend fix do dig sleep cry "
    "laugh teach run sing join win lose adopt pass plan stay book drop ask".split()
)
#: Clauses of a sentence, each with its own tense ("we finished the EP, it drops in May").
_CLAUSES = re.compile(r"[^,;]+(?:[,;]|$)")
#: A day named with its month ("October 10", "2024-10-15"): later bare days follow it.
_EXPLICIT = re.compile(
    r"\d{4}-\d\d-\d\d|\b(?:" + "|".join(named.FULL_MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sep"
    r"|sept|oct|nov|dec)\b.*\d|\d.*\b(?:" + "|".join(named.FULL_MONTHS) + r")\b",
    re.IGNORECASE,
)
_VEHICLE = re.compile(r"\b(?:" + "|".join(VEHICLES) + r")s?\b", re.IGNORECASE)
_MY_ROLE = re.compile(r"\b(?i:my|our)\s+(?P<role>[a-z]+)\s+(?P<name>[A-Z][\w-]+)")
_PET_NAMED = re.compile(
    r"\b(?i:" + "|".join(sorted(PETS, key=len, reverse=True)) + r")s?\s+(?:(?i:called|named)\s+)?"
    r"(?P<name>[A-Z][\w-]+)"
)
_ENDS = re.compile(r"^\s*(?:[,.!?;:)]|$|and\b|for\b|to\b)")
_LOWER_NAME = re.compile(r"^[a-z]{3,}\s+(?:is|was|has|had|and i|and me)\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|to|from|near|outside|around|into|at|up in|down in)\s+$", re.I)
_NAME_INTRO = re.compile(
    r"\b(?:i'm|i am|im|my name is|call me|this is)\s+(?P<name>[A-ZÀ-Þ][\w-]+)\b"
    r"|^(?P<here>[A-ZÀ-Þ][\w-]+) here\b"
    r"|^(?:hi|hey|hello|hiya|yo|morning|evening)[,!.]*\s+(?P<signed>(?-i:[A-ZÀ-Þ][\w-]+))[.!,]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Said:
    """One sentence the user said, read."""

    text: str
    message_id: str
    kind: Kind
    tense: Tense
    past: bool
    dates: tuple[DateMention, ...]
    subject: str | None
    people: tuple[str, ...]
    places: tuple[str, ...]
    clause: str
    """The sentence without its opening words ('ok so', 'news:'), where patterns start."""
    pronouns: tuple[tuple[str, str], ...] = ()
    """Whom 'he', 'she', 'they' (and 'his', 'her' for kin) meant as the sentence began."""
    pets: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    """The user's people known by role so far ("sister", "Maya"), for "my sister's husband"."""
    observed: datetime = datetime.min
    """When it was said."""

    def refers(self, pronoun: str) -> str | None:
        return dict(self.pronouns).get(pronoun.lower())

    @property
    def tells(self) -> bool:
        return self.kind == "statement"

    def dated(self) -> str:
        """The sentence with every date rewritten as the day it names."""
        text = self.text
        kept = [m for m in self.dates if m.kind == "when"]
        # "on Good Friday this year": the second only qualifies the first
        kept = [m for n, m in enumerate(kept) if not (n and m.begin - kept[n - 1].end <= 1)]
        for mention in sorted(kept, key=lambda m: -m.begin):
            text = text[: mention.begin] + mention_text(mention) + text[mention.end :]
        return text

    inherited: DateMention | None = None
    """The date of the sentence before in the same message, for a past event that names
    none itself ("friday was wild. 120 people came")."""

    @property
    def when(self) -> DateMention | None:
        """The date the sentence is about, if it names one (or follows one that does)."""
        return next((m for m in self.dates if m.kind == "when"), self.inherited)


@dataclass(frozen=True)
class Reading:
    observed_at: datetime
    said: tuple[Said, ...]
    user_name: str | None
    genders: tuple[tuple[str, str], ...] = ()
    vehicle: str | None = None
    """The kind of vehicle the conversation talks about ("bike", "car"), if any."""

    @property
    def subject_name(self) -> str:
        """How facts about the user are filed: their name, or 'User' until it is known."""
        return self.user_name or "User"

    def who(self, subject: str | None) -> str | None:
        return self.subject_name if subject == USER else subject

    def told(self) -> list[Said]:
        """The sentences that tell something (not questions, small talk or requests)."""
        return [s for s in self.said if s.tells]


def user_name_in(core: Mapping[str, CoreBlock]) -> str | None:
    block = core.get("human")
    found = re.search(r"^Name:\s*(.+)$", block.value, re.MULTILINE) if block else None
    return found.group(1).strip() if found else None


def introduced_name(text: str) -> str | None:
    """The name a user gives themself: "I'm Ana", "Sam here", "my name is ..."."""
    for sentence in sentences(text):
        found = _NAME_INTRO.search(sentence.strip())
        if found:
            name = found.group("name") or found.group("here") or found.group("signed")
            if found.group("here") or (name[0].isupper() and not _describes(name)):
                return name
    return None


def _describes(word: str) -> bool:
    """'Tired', 'Sorry', 'Back': words that say how someone is, not who ('Sam', 'Rose')."""
    import lemminflect

    kinds = lemminflect.getAllLemmas(word.lower())
    return bool(kinds.get("ADJ") or kinds.get("ADV")) or word.lower() in STOP


def read(episode: Episode, context: Sequence[Message], core: Mapping[str, CoreBlock]) -> Reading:
    """The reading of an episode (cached: the manager and every writer share it)."""
    return _read(episode, tuple(context), user_name_in(core))


@lru_cache(maxsize=64)
def _read(episode: Episode, context: tuple[Message, ...], known_name: str | None) -> Reading:
    people = People()
    days = _Days()
    for message in context:
        for sentence in sentences(message.content):
            if message.role == "user":  # read as the episode is, so its people are met the same
                _said(sentence, message.id, days, episode.said_at(message), people, known_name, [])
            else:
                _meet(sentence, people)
    user_text = "\n".join(m.content for m in episode.messages if m.role == "user")
    name = known_name or introduced_name(user_text)
    echoes = [n for m in episode.messages if m.role == "assistant" for n, _ in _persons(m.content)]
    said: list[Said] = []
    for message in episode.messages:
        if message.role != "user":
            continue
        told = sentences(message.content)
        for n, sentence in enumerate(told):
            if _introduces(sentence, told[n + 1 : n + 2]):
                people.meet(sentence.strip(" .!"))  # "Luca. he's a baker ..."
            said.append(
                _said(sentence, message.id, days, episode.said_at(message), people, name, echoes)
            )
    talk = " ".join([*(m.content for m in context), user_text])
    vehicle = _VEHICLE.findall(talk)
    return Reading(
        episode.observed_at,
        tuple(said),
        name,
        tuple(people.gender.items()),
        vehicle[-1].lower().rstrip("s") if vehicle else None,
    )


class _Days:
    """Dates read clause by clause, each by its own tense, remembering the last day named."""

    def __init__(self) -> None:
        self.last: datetime | None = None

    def read(self, sentence: str, at: datetime) -> list[DateMention]:
        found: list[DateMention] = []
        for clause in _CLAUSES.finditer(sentence):
            offset = clause.start()
            for mention in find_dates(
                clause.group(0), at, tense=tense(clause.group(0)), last_day=self.last
            ):
                found.append(
                    dataclasses.replace(
                        mention, begin=mention.begin + offset, end=mention.end + offset
                    )
                )
                if (
                    mention.grain == "day"
                    and mention.kind == "when"
                    and _EXPLICIT.search(mention.phrase)
                ):
                    self.last = mention.start
        return found


def _said(
    sentence: str,
    message_id: str,
    days: _Days,
    at: datetime,
    people: People,
    user: str | None,
    echoes: list[str],
) -> Said:
    kind, when = sentence_kind(sentence), tense(sentence)
    clause = _OPENERS.sub("", sentence).strip()
    subject = _subject(clause, people, user, echoes)
    fallback = next(iter(echoes), None)
    pronouns = tuple(
        (word, found)
        for word, found in (
            ("he", people.pronoun("he") or fallback),
            ("she", people.pronoun("she") or fallback),
            ("they", people.pronoun("they") or fallback),
            ("owner", people.pronoun("he", people_only=True) or fallback),
        )
        if found
    )
    named = _meet(sentence, people)
    if subject is not None and subject != USER and kind != "small_talk":
        people.meet(subject)
    places = tuple(sorted(people.places & {n for n, _ in names_in(sentence)}))
    return Said(
        text=sentence,
        message_id=message_id,
        kind=kind,
        tense=when,
        past=told_as_past(sentence),
        dates=tuple(days.read(sentence, at)),
        subject=subject,
        people=tuple(dict.fromkeys([*([subject] if subject and subject != USER else []), *named])),
        places=places,
        clause=clause,
        pronouns=pronouns,
        pets=tuple(sorted(people.pets)),
        roles=tuple(people.roles.items()),
        observed=at,
    )


def _subject(clause: str, people: People, user: str | None, echoes: list[str]) -> str | None:
    if _SELF.match(clause) or (user and clause.lower().startswith(user.lower() + " ")):
        return USER
    if (owned := _POSSESSED_PERSON.match(clause)) and person_word(owned.group("role")):
        return owned.group("name")
    if pronoun := _PRONOUN_START.match(clause):
        return people.pronoun(pronoun.group(1)) or next(iter(echoes), None)
    first = clause.split()[0] if clause.split() else ""
    word = first.strip(",.!?")
    found = names_in(clause)
    if found and found[0][1] == 0 and _verb_follows(clause[len(found[0][0]) :]):
        return found[0][0]
    if known := people.known(word):
        return known
    if _LOWER_NAME.match(clause) and not known_word(word) and word not in CALENDAR_WORDS:
        return word.capitalize()  # "noor is 6 weeks old": a name typed in lower case
    if _DETERMINER.match(clause) or not word:
        return None
    return USER  # "sold the Fiesta yesterday": casual speech drops the "I"


def _persons(sentence: str) -> list[tuple[str, str | None]]:
    """Names used as people in the sentence, with a gender when a kin word gives one."""
    found: list[tuple[str, str | None]] = []
    for name, at in names_in(sentence):
        before = sentence[:at].rstrip()
        after = sentence[at + len(name) :]
        role = before.split()[-1].strip(",.") if before.split() else ""
        titled = name.split()[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Dr", "Miss")
        joined = before.lower().endswith(("with", "and")) and _ENDS.match(after)
        acronym = name.isupper() and len(name) <= 4
        cued = person_word(role) or titled or _verb_follows(after) or joined
        if cued and not acronym and not _PLACE_BEFORE.search(before + " "):
            found.append((name, gender_of(role) or gender_of(name.split()[0])))
    return found


def _introduces(sentence: str, following: list[str]) -> bool:
    """A name said alone, then talked about: 'Luca. he's a baker'."""
    word = sentence.strip(" .!")
    return (
        bool(following)
        and word[:1].isupper()
        and " " not in word
        and not known_word(word)
        and _PRONOUN_START.match(following[0].strip()) is not None
    )


def _verb_follows(after: str) -> bool:
    found = _NAME_VERB.match(after)
    if found is None:
        return False
    if found.group("verb") is None:
        return True
    word = found.group("verb").lower().replace("'s", "is")
    return bool(lemmas(word) & _PERSON_VERBS) or word in ("is", "'s", "was", "has")


def _meet(sentence: str, people: People) -> list[str]:
    """Remember the people and places the sentence names; returns the people."""
    persons = _persons(sentence)
    for name, gender in persons:
        people.meet(name, gender)
    for pet in _PET_NAMED.finditer(sentence):
        people.pets.add(pet.group("name"))
    for kin in _MY_ROLE.finditer(sentence):
        if person_word(kin.group("role")):
            people.roles[kin.group("role").lower()] = kin.group("name")
    for name, at in names_in(sentence):
        if name not in people.names and _PLACE_BEFORE.search(sentence[:at]):
            people.places.add(name)
    for word in sentence.split():  # "noor is 6 weeks old": someone met before, in lower case
        if (met := people.known(word.strip(",.!?"))) and met not in [p for p, _ in persons]:
            persons.append((met, None))
    pronoun = _PRONOUN_START.match(_OPENERS.sub("", sentence).strip())
    if pronoun and (target := people.pronoun(pronoun.group(1))):
        people.meet(target, {"he": "m", "she": "f"}.get(pronoun.group(1).lower()))
    return [name for name, _ in persons]
