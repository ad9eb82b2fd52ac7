"""What the user asks of the memory itself: forget something, correct something, be someone.

"forget my old address", "delete everything about Sam", "please delete his
number"; "actually it's Thursday, not Tuesday", "X now, not Y"; "call yourself
Juno", "use they/them for yourself", "always answer briefly".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hexamem.llm.offline.language import content_words
from hexamem.llm.offline.people import USER, names_in
from hexamem.llm.offline.reading import Reading, Said

_FORGET = re.compile(
    r"(?:^|\b(?:please|pls|can you|could you|just|and|also|so)\s+|,\s*)"
    r"(?P<verb>forget|delete|remove|erase|wipe|scrap|get rid of|drop)\s+(?P<target>[^,.!?;]+)",
    re.IGNORECASE,
)
_KEEP_NOTHING = re.compile(
    r"\bdon'?t want (?:it|that|them|this) (?:stored|kept|saved|anywhere)", re.I
)
_OLD = re.compile(r"\b(?:old|previous|former|ex|last)\b", re.IGNORECASE)
_EVERYTHING = re.compile(r"\b(?:everything|anything|all)\s+(?:about|on|of|to do with)\b", re.I)


@dataclass(frozen=True)
class Forgetting:
    """One request to forget: the names and words it targets, and whose and which.

    'my old Bath address': words (address, bath), old, the user's.
    'everything about Marco': names (Marco), everything.
    """

    said: Said
    names: tuple[str, ...]
    words: tuple[str, ...]
    old: bool
    whose: str | None
    everything: bool


def forgettings_in(reading: Reading) -> list[Forgetting]:
    found: list[Forgetting] = []
    for said in reading.said:
        if said.kind == "question":
            continue
        for request in _FORGET.finditer(said.clause):
            target = request.group("target")
            if re.match(
                r"(?:it|about it|that)\b", target.strip(), re.I
            ) and not _KEEP_NOTHING.search(said.text):
                continue
            names = tuple(name for name, _ in names_in(" " + target))
            whose = _whose(target, said)
            words = tuple(
                w
                for w in content_words(target)
                if w
                not in (
                    "everything",
                    "anything",
                    "completely",
                    "please",
                    "old",
                    "previous",
                    "former",
                    "stored",
                    "anywhere",
                    "memory",
                    "info",
                    "information",
                )
                and w.lower() not in {n.lower() for n in names}
            )
            found.append(
                Forgetting(
                    said,
                    names,
                    words,
                    bool(_OLD.search(target)),
                    whose,
                    bool(_EVERYTHING.search(target)),
                )
            )
    return found


def _whose(target: str, said: Said) -> str | None:
    lower = target.lower().split()
    if lower[:1] in (["my"], ["our"]):
        return USER
    if lower[:1] and lower[0] in ("his", "her", "their"):
        return said.refers({"his": "he", "her": "she"}.get(lower[0], "they"))
    return None


_CORRECTION = [
    re.compile(
        r"\b(?:actually|sorry|correction|oops|no|wait)[,:!]?\s+(?:it'?s|it is|that'?s|that is|"
        r"he'?s|she'?s|they'?re|the\s+[\w ]+?\s+is)\s+(?P<new>[^,.!?]+?),?\s+not\s+"
        r"(?P<old>[^,.!?]+)",
        re.IGNORECASE,
    ),
    re.compile(r"\bis\s+(?P<new>[^,.!?]+?)\s+now,?\s+not\s+(?P<old>[^,.!?]+)", re.IGNORECASE),
    re.compile(r"\bnot\s+(?P<old>[^,.!?]+?)\s+but\s+(?P<new>[^,.!?]+)", re.IGNORECASE),
    re.compile(r"\bit'?s\s+(?P<new>[^,.!?]+?),?\s+not\s+(?P<old>[^,.!?]+)", re.IGNORECASE),
    re.compile(
        r"\b(?:switched|changed|moved|swapped|transferred|went)\s+(?:over\s+)?from\s+"
        r"(?P<old>[\w' -]+?)\s+to\s+(?P<new>[\w' -]+?)"
        r"(?=\s+(?:last|this|yesterday|on|in|because|since|and)\b|[,.!?]|$)",
        re.IGNORECASE,
    ),
]


_STEP_REFERENCE = re.compile(r"\bstep\s+\d{1,2}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Correction:
    """A value said to be wrong and the one that replaces it.

    `explicit` for a mistake put right ("actually it's Thursday, not Tuesday"), which
    may fix a record of what happened; otherwise a change ("X now, not Y"), which
    only changes what holds now.
    """

    said: Said
    old: str
    new: str
    explicit: bool = False


def corrections_in(reading: Reading) -> list[Correction]:
    """Corrections, but not of a numbered step ("step 2 is ... now"): that is a procedure's."""
    found: list[Correction] = []
    for said in reading.told():
        if _STEP_REFERENCE.search(said.text):
            continue
        for n, pattern in enumerate(_CORRECTION):
            if match := pattern.search(said.text):
                old, new = match.group("old").strip(), match.group("new").strip()
                if old and new and old.lower() != new.lower() and len(old.split()) <= 5:
                    found.append(Correction(said, old, new, explicit=n == 0))
                break
    return found


_RENAME = re.compile(
    r"\b(?:call yourself|your name is(?: now)?|i'?ll call you|from now on you'?re|you are now|"
    r"i'?m going to call you|be called)\s+(?P<name>[A-Z][\w-]*)",
    re.IGNORECASE,
)
_PRONOUNS = re.compile(
    r"\b(?:use|your pronouns are|go by)\s+(?P<pronouns>(?:she|he|they|it|xe|ze)/(?:her|him|them|"
    r"its|xem|zir)(?:/\w+)?)",
    re.IGNORECASE,
)
_STYLE = re.compile(
    r"\b(?:please\s+)?(?:(?:always|never|don't|do not)\s+(?:use|say|call|mention|remind|ask|answer|"
    r"reply|be|write|give|send|repeat|show|suggest|recommend|talk|speak|add|include|start|end|"
    r"sign)|be more|be less|keep (?:it|answers|replies|them) (?:short|brief|simple|casual|concise|"
    r"light|formal|friendly)|answer in|reply in|talk to me|address me|"
    r"speak to me|use (?:bullet|short|plain|emoji))\b[^.!?]*",
    re.IGNORECASE,
)


def persona_in(reading: Reading) -> list[str]:
    """Lines for the assistant's persona block: its name, its pronouns, how to answer."""
    lines: list[str] = []
    for said in reading.said:
        if said.kind == "question":
            continue
        if rename := _RENAME.search(said.text):
            lines.append(f"Name: {rename.group('name')}")
        if pronouns := _PRONOUNS.search(said.text):
            lines.append(f"Pronouns: {pronouns.group('pronouns').lower()}")
        for style in _STYLE.finditer(said.text):
            rule = style.group(0).strip()
            if not _RENAME.search(rule) and not _PRONOUNS.search(rule):
                lines.append(rule[:1].upper() + rule[1:])
    return lines
