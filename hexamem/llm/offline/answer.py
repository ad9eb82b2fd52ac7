"""Extractive answers: the memory line that shares the most content words with the question.

A line must cover at least half of the question's content words; sharing only
a name ("Alice") answers nothing, and the engine abstains rather than guess.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hexamem.agents.schemas import AnswerReply
from hexamem.stores.lexical import query_words

_LINE = re.compile(r'^- \[(?P<ref>\d+)\] \((?P<when>[^)]*)\) (?P<text>".*")$')


_SUFFIX = re.compile(r"(?:ing|ed|s)$")


def _stems(text: str) -> set[str]:
    """Content words, suffix-stripped and cut to five letters: 'lives' and 'live' agree."""
    return {(_SUFFIX.sub("", word) if len(word) > 4 else word)[:5] for word in query_words(text)}


def answer(inputs: dict[str, Any]) -> AnswerReply:
    question = _stems(inputs.get("question", ""))
    best: tuple[float, int, str] | None = None
    for line in inputs.get("memories", []):
        match = _LINE.match(line)
        if match is None:
            continue
        text = json.loads(match.group("text"))
        overlap = float(len(question & _stems(text)))
        if "no longer true" in match.group("when"):
            overlap -= 0.5  # prefer what is still true, all else equal
        candidate = (overlap, -int(match.group("ref")), text)
        enough = overlap > 0 and overlap >= len(question) / 2
        if enough and (best is None or candidate > best):
            best = candidate
    if best is None:
        return AnswerReply(answer="", used=[], abstained=True)
    _, ref, text = best
    return AnswerReply(answer=text, used=[-ref], abstained=False)
