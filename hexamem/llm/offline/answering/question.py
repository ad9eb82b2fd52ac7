"""What a question asks: its kind (who, where, when, how many ...), its words, whom it is about,
which relations would answer it, and whether it asks about now or the past.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hexamem.llm.offline.language import content_words, lemmas
from hexamem.llm.offline.language.lexicon import FRIENDS, KIN, OCCUPATIONS, PARTNERS, PETS
from hexamem.llm.offline.people import names_in
from hexamem.retrieval.when import TimeWindow

#: Question words that ask for something rather than name it ("what's the name of ...").
GENERIC = frozenset(
    "name names called call thing things do does did doing done get got go going happen "
    "happened tell know remember kind sort type one ones say said use used way like usually "
    "currently now still these days again ever".split()
)
#: Words in a question that point at relations of the graph.
RELATION_WORDS: dict[str, tuple[str, ...]] = {
    "live": ("lives_in", "address"),
    "home": ("lives_in", "address"),
    "address": ("address",),
    "neighbourhood": ("lives_in",),
    "neighborhood": ("lives_in",),
    "city": ("lives_in",),
    "town": ("lives_in",),
    "job": ("works_as",),
    "occupation": ("works_as",),
    "profession": ("works_as",),
    "career": ("works_as",),
    "work": ("works_at", "works_as"),
    "employer": ("works_at",),
    "company": ("works_at",),
    "partner": ("partner",),
    "dating": ("partner",),
    "date": ("partner",),
    "married": ("partner",),
    "engaged": ("partner",),
    "phone": ("phone_number",),
    "number": ("phone_number",),
    "cell": ("phone_number",),
    "mobile": ("phone_number",),
    "email": ("email",),
    "allergic": ("allergic_to",),
    "allergy": ("allergic_to",),
    "diet": ("diet",),
    "study": ("studies",),
    "born": ("born_on",),
    "birthday": ("born_on",),
    "drive": ("vehicle",),
    "ride": ("vehicle",),
    "car": ("vehicle",),
    "bike": ("vehicle",),
    "bicycle": ("vehicle",),
    "motorbike": ("vehicle",),
    "truck": ("vehicle",),
    "van": ("vehicle",),
    "from": ("from",),
    "like": ("likes",),
    "love": ("likes",),
    "enjoy": ("likes",),
    "hate": ("dislikes",),
    "dislike": ("dislikes",),
    "pet": ("pet",),
    "child": ("child", "son", "daughter"),
    "baby": ("child",),
    "move": ("lives_in",),
}
#: Nouns for a person's role, which describe whom a question is about ("the drummer's ...").
ROLES = frozenset(KIN | PARTNERS | FRIENDS | OCCUPATIONS)
_SECRET = re.compile(
    r"\b(?:password|passcode|pin|passport number|door code|entry code|alarm code|access code|"
    r"building code|iban|account number|api key|code)\b",
    re.IGNORECASE,
)
_WHOLE = re.compile(
    r"\b(?:walk me through|all (?:the )?steps|every step|whole|entire|full|how do (?:i|you|we)|"
    r"how to|what are the steps|steps (?:for|to))\b",
    re.IGNORECASE,
)
_STEP = re.compile(
    r"\bstep\s+(?P<n>\d{1,2})\b|\b(?P<ord>first|second|third|fourth|fifth|last|final)\s+(?:step|thing)\b",
    re.I,
)
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_NOW = re.compile(r"\b(?:now|currently|these days|nowadays|at the moment|still|today)\b", re.I)
_PAST = re.compile(r"\b(?:did|was|were|used to|before|previously|formerly|old|former|had)\b", re.I)
_EVENTS = re.compile(
    r"^\s*what\s+(?:did|have)\s+(?:i|we|you|[A-Z]\w*)\s+(?:do|done|get up to|been up to)\b"
    r"|^\s*what\s+(?:happened|went on)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Question:
    text: str
    kind: str
    words: tuple[str, ...]
    names: tuple[str, ...]
    relations: frozenset[str]
    now: bool
    past: bool
    secret: bool
    step: int | None
    last_step: bool
    whole: bool
    events: bool
    window: TimeWindow | None = None
    asked_lemmas: tuple[frozenset[str], ...] = field(default=())
    focus: str | None = None
    """The noun right after 'what' or 'which' ("what coffee", "which herb"): the kind of
    thing asked for, so it weighs double."""
    roles: tuple[str, ...] = ()
    """Role nouns that say whom the question is about rather than what it asks ("the
    choir's old pianist", "Sam's sister"): resolved to a name when none is given."""
    opposite: frozenset[str] = frozenset()
    """Words that mark evidence about something else ('new' when 'old' was asked)."""
    about_user: bool = False
    """A name in the question was taken to be the user's (nobody else has it)."""
    person_names: frozenset[str] = frozenset()
    """Names used as people: "Nina's", "does Nina live", "with Nina"."""

    @property
    def wants_number(self) -> bool:
        return self.kind in ("how many", "how much", "how long", "how old")


def read_question(text: str, window: TimeWindow | None) -> Question:
    asked = text
    if window is not None and window.phrase and not window.anchor:
        asked = asked.replace(window.phrase, " ")
    named = {part.lower() for name, _ in names_in(" " + asked) for part in name.split()}
    words = tuple(w for w in content_words(asked) if w not in GENERIC and w not in named)
    roles = tuple(dict.fromkeys(w for w in _descriptors(asked) if w in words))
    relations = {
        relation
        for word in words
        for lemma in lemmas(word)
        for relation in RELATION_WORDS.get(lemma, ())
    }
    kinship: set[str] = set()
    for word in words:
        if word in KIN or word.rstrip("s") in KIN or word in FRIENDS:
            kinship.add(word.rstrip("s") if word.rstrip("s") in KIN else word)
        if word in PARTNERS:
            kinship.add("partner")
        if word in PETS:
            relations.add("pet")
    if _DOES_WHAT.search(text):
        relations.add("works_as")
    if _kind(text) == "how old":
        relations.add("born_on")
    if _kind(text) == "name":
        relations.add("called")  # "What is Hana's bakery called?"
    if _CO_OWNER.search(text):
        relations.add("business_partner")
        relations.discard("partner")
        kinship.discard("partner")
    for favourite in _FAVOURITE.finditer(text):
        relations.add(f"favourite_{favourite.group('topic').lower()}")
    described = {r for r in kinship if r in roles or (r == "partner" and set(roles) & PARTNERS)}
    if relations or kinship - described:
        kinship -= described  # "where does Sam's sister live": the sister is who, not what
    relations |= kinship
    step = _STEP.search(text)
    number = None
    if step:
        number = (
            int(step.group("n")) if step.group("n") else _ORDINAL.get(step.group("ord").lower())
        )
    first_thing = re.search(r"\bfirst (?:thing|step)\b", text, re.I) is not None
    return Question(
        text=text,
        kind=_kind(text),
        words=words,
        names=tuple(name for name, _ in names_in(" " + text)),
        relations=frozenset(relations),
        now=bool(_NOW.search(text)),
        past=bool(_PAST.search(text)) or (window is not None and window.end is not None),
        secret=bool(_SECRET.search(text)),
        step=1 if first_thing else number,
        last_step=bool(step and (step.group("ord") or "").lower() in ("last", "final")),
        whole=bool(_WHOLE.search(text)),
        events=bool(_EVENTS.search(text)),
        window=window,
        asked_lemmas=tuple(lemmas(w) for w in words),
        focus=_focus(text, words),
        roles=roles,
        opposite=frozenset(_OPPOSITES[w] for w in words if w in _OPPOSITES),
        person_names=frozenset(
            m.group("name") or m.group("name2") for m in _PERSON_NAME.finditer(text)
        ),
    )


_POSSESSOR = re.compile(
    r"\b(?P<role>[a-z]+)['’]s\s+(?=(?P<head>[a-z-]+)(?:\s+(?P<next>[a-z-]+))?)", re.I
)
_OF = re.compile(
    r"\b(?P<head>[a-z-]+)\s+of\s+(?:the\s+|my\s+|[A-Z][\w-]*['’]s\s+)?(?:\w+\s+)?(?P<role>[a-z-]+)\b",
    re.I,
)
_THE_ROLE = re.compile(
    r"\b(?:the|my|his|her|their)\s+(?:(?:old|former|new|current|ex|late|previous)\s+)?(?P<head>[a-z-]+)\b",
    re.I,
)
_DOES_WHAT = re.compile(
    r"^\s*what\s+(?:does|do|did)\s+.+\s+do(?:\s+(?:for work|for a living|now|before|then|"
    r"back then|previously|before that))?\s*\??\s*$",
    re.I,
)
_PERSON_NAME = re.compile(
    r"\b(?P<name>[A-Z][\w-]+)['’]s\b|\b(?:does|did|is|was|has|had|do|with|about)\s+"
    r"(?P<name2>[A-Z][\w-]+)\b(?!\s+[A-Z])"
)
_FAVOURITE = re.compile(r"\bfavou?rite\s+(?P<topic>[a-z]+)", re.IGNORECASE)
_OPPOSITES = {"old": "new", "former": "new", "previous": "new", "new": "old", "current": "former"}


def _descriptors(text: str) -> list[str]:
    """Role nouns in the phrases that say whom a question is about.

    The owner in "the drummer's girlfriend" always is one; the head ("girlfriend")
    only when the question asks something else of that person ("where does Sam's
    sister live"), not when it asks who the person is.
    """
    asks_person = _kind(text) in ("who", "name", "which")
    found: list[str] = []
    for pattern in (_POSSESSOR, _OF, _THE_ROLE):
        for match in pattern.finditer(text):
            for group in ("role", "head", "next"):
                word = (match.groupdict().get(group) or "").lower()
                is_head = group != "role" if pattern is _POSSESSOR else group == "head"
                if pattern is _OF:
                    is_head = group == "head"
                if is_head and asks_person and pattern is not _THE_ROLE:
                    continue
                if word in ROLES or word.rstrip("s") in ROLES:
                    found.append(word)
    return found


def _kind(text: str) -> str:
    lower = text.lower().strip()
    for kind in ("how many", "how much", "how long", "how old"):
        if kind in lower:
            return kind
    if re.search(r"\b(?:what'?s|what is|what are)\s+(?:the\s+)?names?\b|\bcalled\b", lower):
        return "name"
    for kind in ("who", "where", "when", "which", "why", "how", "what"):
        if re.search(rf"\b{kind}\b", lower):
            return kind
    return "what"


_CO_OWNER = re.compile(r"\bbusiness\s+partner|\bco-?founder|\bco-?owner", re.IGNORECASE)
_FOCUS = re.compile(r"\b(?:what|which)\s+(?P<noun>[a-z]+)\b", re.IGNORECASE)


def _focus(text: str, words: tuple[str, ...]) -> str | None:
    found = _FOCUS.search(text)
    noun = found.group("noun").lower() if found else None
    return noun if noun in words else None
