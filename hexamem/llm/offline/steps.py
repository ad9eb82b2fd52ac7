"""Steps the user teaches: 'Step 1: ...', '1) ...', '1 unplug it ...', 'First, ... Second, ...'.

Steps may come over several messages ("Step 3: ..." continues the list that
"Step 1" and "Step 2" began), so each run of steps carries the number it starts
at. The title is what the user called the procedure ("our release checklist",
"the bread recipe"), else the words said just before the steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ORDINALS = {
    "first": 1,
    "firstly": 1,
    "second": 2,
    "secondly": 2,
    "third": 3,
    "thirdly": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_MARKER = re.compile(
    r"(?:(?<=^)|(?<=[\s.!:;]))(?:step\s+(?P<step>\d{1,2})\s*[:.)-]?"
    r"|(?:(?<=^)|(?<=\s))(?P<num>\d{1,2})[.)](?!\d)"
    r"|(?P<ord>" + "|".join(_ORDINALS) + r"),)\s+",
    re.IGNORECASE,
)
_REVISES = re.compile(r"(?:is|should be|becomes|was|now)\b", re.IGNORECASE)
_CLOSING = re.compile(
    r"(?:[.!]\s*)(?:that'?s (?:it|all)|done|the end|easy)[.!]*\s*$", re.IGNORECASE
)
#: "1 unplug it": a bare number opening a sentence, then a word that is not a unit or a count.
_BARE = re.compile(
    r"(?:(?<=^)|(?<=[.!:;]\s))(?P<num>\d{1,2})\s+(?=[a-z])(?!(?:am|pm|of|in|x|and|or|min|mins|hours?|days?|weeks?|years?|people|ppl|times)\b)"
)
_SEQUENCE = re.compile(r"\b(?:then|next|after that|finally|lastly)\b,?\s+", re.IGNORECASE)
_TITLE = re.compile(
    r"\b(?:my|our|the|his|her|a|an|this|their|[\w-]+['’]s)\s+"
    r"(?P<title>(?:(?!(?:my|our|the|a|an)\b)[\w-]+\s+){0,3}?(?:checklist|routine|procedure|"
    r"method|recipe|process|steps|instructions|guide|workflow|playbook|runbook|ritual|technique|"
    r"drill|sequence)(?:\s+(?:for|to)\s+(?:the\s+|my\s+|our\s+)?[\w-]+"
    r"(?:\s+(?!(?:and|but|because|so|since|or)\b)[\w-]+)?)?)",
    re.IGNORECASE,
)
_HOW_TO = re.compile(
    r"\b(?:how (?:to|do i|do you|do we|i|you|we)|here'?s how to)\s+(?P<goal>\w[^.:!?\n]{2,60})"
    r"|\b(?:to|have to|need to)\s+(?P<task>(?:reset|make|fix|set up|install|cook|bake|feed|clean|"
    r"deploy|restart|replace|change|build|prepare|brew|grow|repair|update|configure|start|stop|"
    r"open|close)\b[^.:!?\n]{0,60})",
    re.IGNORECASE,
)
_REVISE = re.compile(
    r"\bstep\s+(?P<n>\d{1,2})\s+(?:is|should be|becomes|is now|now is|:)\s+(?P<new>.+?)"
    r"(?:\s+now)?(?:,\s*not\s+(?P<old>[^,.!?]+))?[.!]?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Steps:
    """A run of steps: where the numbering starts, the steps, and what they are for."""

    first: int
    steps: tuple[str, ...]
    title: str | None
    intro: str | None = None
    """What the user said just before the steps, where the purpose usually is."""


def steps_in(text: str) -> Steps | None:
    """The steps in one message, or None when it teaches none."""
    marks = list(_MARKER.finditer(text))
    if len(marks) < 1 or (len(marks) < 2 and not _starts_list(marks, text)):
        marks = list(_BARE.finditer(text))
        if len(marks) < 2 and not (marks and re.search(r"\bsteps?\s*:", text, re.I)):
            return _sequence(text)
    if len(marks) == 1 and _REVISES.match(text[marks[0].end() :]):
        return None  # "step 4 is 240 now": a revision, not a list
    numbers = [_number(m) for m in marks]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return None  # not a numbered list, just numbers
    steps = []
    for n, mark in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else _end_of_last(text, mark.end())
        step = _clean(text[mark.end() : end])
        if step:
            steps.append(step)
    if not steps:
        return None
    before = text[: marks[0].start()]
    return Steps(numbers[0], tuple(steps), title_of(before), intro_of(before))


def _end_of_last(text: str, start: int) -> int:
    """Where the last step ends: at the end of its message (a new line starts another)."""
    newline = text.find("\n", start)
    return len(text) if newline < 0 else newline


def _starts_list(marks: list[re.Match[str]], text: str) -> bool:
    """One 'Step 3: ...' alone still counts: it continues a list begun earlier."""
    return bool(marks) and (marks[0].group("step") is not None or marks[0].group("ord") is not None)


def _number(mark: re.Match[str]) -> int:
    if mark.groupdict().get("ord"):
        return _ORDINALS[mark.group("ord").lower()]
    return int(mark.groupdict().get("step") or mark.group("num"))


def _sequence(text: str) -> Steps | None:
    """'first discard half, then add flour, then water, finally leave it': an unnumbered list."""
    opening = re.search(r"\bfirst\b,?\s+", text, re.IGNORECASE)
    if opening is None or len(_SEQUENCE.findall(text)) < 2:
        return None
    parts = _SEQUENCE.split(text[opening.end() :])
    steps = tuple(step for step in (_clean(p) for p in parts) if step)
    if len(steps) < 3:
        return None
    before = text[: opening.start()]
    return Steps(1, steps, title_of(before), intro_of(before))


def _clean(step: str) -> str:
    step = _CLOSING.sub("", step)
    return re.sub(r"^[\s,;:-]+|[\s,;.!-]+$", "", step).strip()


def intro_of(text: str) -> str | None:
    """The words before a list of steps, without a trailing 'steps:' or 'here's how:'."""
    before = re.sub(r"\b(?:here (?:are|is) the |the )?steps?\s*:\s*$", "", text.strip(), flags=re.I)
    before = before.strip(" .:,\n")
    return before[-200:] if len(before.split()) >= 3 else None


def named_title(text: str) -> str | None:
    """What the user calls the procedure ('our release checklist', 'how to reset the router')."""
    named = [m.group("title").strip() for m in _TITLE.finditer(text)]
    strong = [t for t in named if not re.search(r"\b(?:steps?|instructions)$", t, re.IGNORECASE)]
    named = [title for title in strong or named if title.lower() not in _BARE_TITLES]
    if named:
        return named[-1]
    found = _HOW_TO.search(text)
    goal = (found.group("goal") or found.group("task")) if found else None
    if goal and not re.search(r"\b(?:it|them|this|that)\b", goal, re.IGNORECASE):
        return goal.strip(" ,")
    return None


def title_of(text: str) -> str | None:
    """What the user calls the procedure, if they named it, else the words just before it."""
    if (named := named_title(text)) is not None:
        return named
    before = re.sub(r"\b(?:here (?:are|is) the |the )?steps?\s*:\s*$", "", text.strip(), flags=re.I)
    before = before.strip(" .:,")
    return before[-160:] if len(before.split()) >= 2 else None


_BARE_TITLES = frozenset({"steps", "step", "instructions", "the steps", "procedure", "process"})


@dataclass(frozen=True)
class Revision:
    """'step 2 is thirty seconds now, not ten': one step changed, maybe naming what it replaced."""

    step: int
    new: str
    old: str | None


def revision_in(sentence: str) -> Revision | None:
    found = _REVISE.search(sentence)
    if found is None:
        return None
    return Revision(
        int(found.group("n")),
        found.group("new").strip(),
        (found.group("old") or "").strip() or None,
    )
