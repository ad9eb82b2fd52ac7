"""Extractive answers: the memory line that shares the most content words with the question.

A line must cover at least half of the question's content words (time words
such as "last week" excepted: retrieval already narrowed to them) and more than
its names: sharing only "Alice" answers nothing, a fact about Bob answers
nothing about Alice, and the engine abstains rather than guess.
Ties go to what still holds, then, for "where" questions, to a line naming a
place, then to rarer shared words, then to the better-ranked memory.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from hexamem.agents.schemas import AnswerReply
from hexamem.llm.offline.reading import observed_at
from hexamem.retrieval.when import parse_window
from hexamem.stores.lexical import query_words

_LINE = re.compile(r'^- \[(?P<ref>\d+)\] \((?P<when>[^)]*)\) (?P<text>".*")$')


_SUFFIX = re.compile(r"(?:ing|ed|s)$")
_WHERE = re.compile(r"\bwhere\b", re.IGNORECASE)
# Whom a line is about: a fact's "Ravi: ..." label, or the name in the user's core block.
_SUBJECT = re.compile(
    r"^(?:human: Name: (?P<user>[^\n]+)|(?P<name>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*): )"
)
_PLACE = re.compile(r"\b(?:in|at|to|from|near)\s+[A-Z]")


def _stems(text: str) -> set[str]:
    """Content words, suffix-stripped and cut to five letters: 'lives' and 'live' agree."""
    return {(_SUFFIX.sub("", word) if len(word) > 4 else word)[:5] for word in query_words(text)}


def answer(inputs: dict[str, Any]) -> AnswerReply:
    asked = str(inputs.get("question", ""))
    if isinstance(inputs.get("asked_at"), str):  # retrieval already used the time words
        window = parse_window(asked, observed_at(inputs))
        asked = asked.replace(window.phrase, " ") if window is not None else asked
    question = _stems(asked)
    names = set().union(*(_stems(w) for w in asked.split()[1:] if w[:1].isupper())) & question
    if names == question:  # a question only of names: the names are what it asks about
        names = set()
    wants_place = _WHERE.search(asked) is not None
    lines = [
        (int(m.group("ref")), m.group("when"), json.loads(m.group("text")))
        for m in (_LINE.match(line) for line in inputs.get("memories", []))
        if m is not None
    ]
    stems = [_stems(text) for _, _, text in lines]
    spread = Counter(word for words in stems for word in words & question)
    best: tuple[float, float, int, str] | None = None
    for (ref, when, text), words in zip(lines, stems, strict=True):
        shared = question & words
        if len(shared) < len(question) / 2 or not shared - names:
            continue
        about = _SUBJECT.match(text)
        if names and about and not _stems(about.group("user") or about.group("name")) & names:
            continue  # a fact about someone else answers nothing about who was named
        ended = "no longer true" in when
        fits = bool(wants_place and _PLACE.search(text))
        # under one shared word: what still holds, then the kind of answer asked for;
        # then rarer shared words ("finished" over a name every memory carries)
        candidate = (
            len(shared) - 0.5 * ended + 0.25 * fits,
            sum(1 / spread[word] for word in shared),
            -ref,
            text,
        )
        if best is None or candidate > best:
            best = candidate
    if best is None:
        return AnswerReply(answer="", used=[], abstained=True)
    _, _, ref, text = best
    return AnswerReply(answer=text, used=[-ref], abstained=False)
