"""Chat replies by rule: answer a question from the memories shown, else say what was noted.

A question gets the extractive answer (or an honest "I don't remember"); any
other message gets an acknowledgement built from the same extraction the
writers use, so the user sees what the memory will keep.
"""

from __future__ import annotations

from typing import Any

from hexamem.agents.schemas import ChatReply
from hexamem.llm.offline import patterns
from hexamem.llm.offline.answer import answer
from hexamem.llm.offline.facts import facts_in, secrets_in, user_name
from hexamem.llm.offline.reading import Said, user_sentences

NOT_REMEMBERED = "I don't remember anything about that yet."


def reply(inputs: dict[str, Any]) -> ChatReply:
    message = str(inputs.get("message", ""))
    if _is_question(message):
        asked = [s.text for s in _sentences(message) if patterns.QUESTION.search(s.text)]
        found = answer({**inputs, "question": asked[-1] if asked else message})
        if found.abstained:
            return ChatReply(reply=NOT_REMEMBERED)
        return ChatReply(reply=found.answer, used=found.used)
    return ChatReply(reply=_acknowledge(message, inputs.get("core", {})))


def _sentences(message: str) -> list[Said]:
    return user_sentences({"episode": [{"role": "user", "content": message}]})


def _sequence_steps(message: str) -> int:
    """Steps told as 'first ..., then ..., finally ...'."""
    return len(patterns.SEQUENCE.findall(message))


def _is_question(message: str) -> bool:
    """A question, and not a how-to being taught (which may start 'How to ...')."""
    steps = len(patterns.NUMBERED_STEP.findall(message)) + _sequence_steps(message)
    return steps < 2 and any(patterns.QUESTION.search(s.text) for s in _sentences(message))


def _acknowledge(message: str, core: dict[str, Any]) -> str:
    said = _sentences(message)
    parts: list[str] = []
    if introduced := patterns.NAME.search(message):
        parts.append(f"Nice to meet you, {introduced.group(1)}!")
    facts = facts_in(said, user_name(said, core))
    if facts:
        parts.append("Noted: " + "; ".join(f.summary for f in facts[:4]) + ".")
    secrets = secrets_in(said)
    if secrets:
        what = ", ".join(s.caption for s in secrets)
        parts.append(f"I've put the {what} in the vault and won't repeat it.")
    steps = max(len(patterns.NUMBERED_STEP.findall(message)), _sequence_steps(message))
    if steps >= 2:
        parts.append(f"I've saved those {steps} steps.")
    links = patterns.URL.findall(message) + patterns.FILE.findall(message)
    if links:
        parts.append("I've filed " + ", ".join(dict.fromkeys(links)) + ".")
    return " ".join(parts) or "Got it."
