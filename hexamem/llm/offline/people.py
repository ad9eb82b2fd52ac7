"""Who a sentence is about: names, kin words and pronouns, resolved in reading order.

A capitalised word is a name unless it is an ordinary English word opening the
sentence; a lower-case word is a name when it was seen as one before ("noor"
after "Noor"). 'he', 'she' and 'they' go to the last person named, of the
right gender when a kin word told it ("my sister" is she).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hexamem.llm.offline.language import known_word
from hexamem.llm.offline.language.lexicon import FRIENDS, KIN, PARTNERS, PETS

USER = "\x00user"
"""The subject marker for the user themself, replaced by their name when it is known."""

_FEMALE = frozenset(
    "sister mum mom mother mam mummy mommy daughter granddaughter grandma grandmother granny "
    "nan nana aunt auntie niece wife girlfriend gf fiancee fiancée stepmum stepmom "
    "stepdaughter girl mrs ms miss".split()
)
_MALE = frozenset(
    "brother dad father daddy papa son grandson grandpa grandfather grandad uncle nephew "
    "husband boyfriend bf fiance fiancé stepdad stepson guy man mr".split()
)
_TITLES = ("Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Miss", "Prof.")
_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’]*(?:-[A-Za-zÀ-ÿ][\w]*)*"
_NAME = re.compile(
    rf"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+|Miss\s+)?{_WORD}"
    rf"(?:\s+(?:(?:Mr|Mrs|Ms|Dr|Prof)\.(?=\s)|(?!I\b){_WORD}(?=\s|$|[,.!?;:)'’])"
    rf"|\d{{1,3}}\b|(?:de|da|van|von|del|la|le|of|the)(?=\s)))*"
)
_NOT_NAMES = frozenset(
    "I I'm I've I'll I'd Im Ive Ill Id It's Its That's There's Here's What's OK Ok Okay Hi "
    "Hey Hello Yes No Step Steps My Our The A An And But So Also Then First Second Third "
    "Fourth Fifth Finally Next Lol Oh Ah Ugh Well Yeah Sure "
    "Thanks Please Great Perfect "
    "Good Happy New Old".split()
)
_PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "they": None,
    "them": None,
    "their": None,
}
CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december christmas easter halloween "
    "new year year".split()
)
"""Words that open a capitalised run but name a day, not a person ("Easter Monday")."""


@dataclass
class People:
    """The people met so far while reading, latest last; their genders where told."""

    names: list[str] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    places: set[str] = field(default_factory=set)
    pets: set[str] = field(default_factory=set)
    roles: dict[str, str] = field(default_factory=dict)
    """Who the user's kin and friends are, by the word used ("sister": "Maya")."""

    def meet(self, name: str, gender: str | None = None) -> None:
        if name in self.names:
            self.names.remove(name)
        self.names.append(name)
        if gender and name not in self.gender:
            self.gender[name] = gender

    def pronoun(self, word: str, *, people_only: bool = False) -> str | None:
        """The person 'he', 'she', 'his', 'her' ... stands for, if anyone.

        Among the last few people met, one known to be of the right gender wins over a
        later one whose gender nobody told. Pets count unless `people_only`.
        """
        want = _PRONOUNS.get(word.lower(), "?")
        if want == "?":
            return None
        recent = [n for n in reversed(self.names) if not (people_only and n in self.pets)]
        if want is not None:
            for name in recent[:3]:
                if self.gender.get(name) == want:
                    return name
        for name in recent:
            if want is None or self.gender.get(name, want) == want:
                return name
        return None

    def known(self, word: str) -> str | None:
        """A lower-case mention of someone met before ('noor' for Noor)."""
        for name in self.names:
            if name.lower() == word.lower() or name.split()[0].lower() == word.lower():
                return name
        return None


def gender_of(word: str) -> str | None:
    lower = word.lower().rstrip(".")
    return "f" if lower in _FEMALE else "m" if lower in _MALE else None


def person_word(word: str) -> bool:
    """A word that names a relation to a person: kin, partner, friend."""
    lower = word.lower()
    return lower in KIN or lower in PARTNERS or lower in FRIENDS or lower.rstrip("s") in KIN


def names_in(sentence: str) -> list[tuple[str, int]]:
    """Capitalised names in a sentence with their offsets ('Anne-Marie Roy', 'Mrs. Lee')."""
    found: list[tuple[str, int]] = []
    if len(sentence.split()) == 1:
        return found
    for match in _NAME.finditer(sentence):
        words = re.sub(r"['’]s$", "", match.group(0).strip()).split()
        while words and words[-1] in ("of", "the", "de", "la", "le"):
            words.pop()
        opening = sentence[: match.start()].strip(" \"'(") == "" or sentence[
            : match.start()
        ].rstrip().endswith(":")
        # drop words that only open the run: "And", "Especially", "It's", a weekday ...
        while words and (
            words[0] in _NOT_NAMES
            or words[0].lower() in CALENDAR_WORDS
            or (opening and len(words) > 1 and known_word(words[0]) and words[0] not in _TITLES)
        ):
            words = words[1:]
        words = [w for w in words if w.lower() not in CALENDAR_WORDS]
        if not words or words[0] in ("I", "I'm"):
            continue
        name = " ".join(words)
        at = match.start() + match.group(0).find(words[0])
        at_start = sentence[:at].strip(" \"'(") == "" or sentence[:at].rstrip().endswith(":")
        if at_start and len(words) == 1 and known_word(name):
            continue  # "Tired." or "Honestly" opening a sentence is not a name
        if name.isupper() and len(name) > 1 and known_word(name):
            continue  # shouting, not a name
        found.append((name, at))
    return found


def pet_word(word: str) -> bool:
    return word.lower().rstrip("s") in PETS or word.lower() in PETS
