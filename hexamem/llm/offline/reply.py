"""Chat replies by rule: a question is answered from the memories shown (or honestly not),
anything else is acknowledged with what the memory will keep of it.
"""

from __future__ import annotations

import re
from datetime import UTC

from hexamem.agents.requests import AnswerRequest, ChatRequest, WriteRequest
from hexamem.agents.schemas import ChatReply
from hexamem.llm.offline.answering import answer
from hexamem.llm.offline.facts import summary
from hexamem.llm.offline.language import sentence_kind, sentences
from hexamem.llm.offline.steps import steps_in
from hexamem.llm.offline.writers.job import Job
from hexamem.llm.offline.writers.resource import FILE, URL
from hexamem.memory_types import Episode, MemoryType, Message

NOT_REMEMBERED = "I don't remember anything about that yet."


def reply(request: ChatRequest) -> ChatReply:
    message = request.message
    asked = [s for s in sentences(message) if sentence_kind(s) == "question"]
    if asked and steps_in(message) is None:
        found = answer(
            AnswerRequest(
                question=asked[-1],
                asked_at=request.asked_at,
                results=request.results,
                core=request.core,
                window=request.window,
                reveal_secrets=request.reveal_secrets,
            )
        )
        if found.abstained:
            return ChatReply(reply=NOT_REMEMBERED)
        return ChatReply(reply=found.answer, used=found.used)
    return ChatReply(reply=_acknowledge(request))


def _acknowledge(request: ChatRequest) -> str:
    episode = Episode(
        id="chat-reply",
        user_id="chat",
        observed_at=request.asked_at.astimezone(UTC),
        messages=(Message(id="m", role="user", content=request.message),),
    )
    job = Job(WriteRequest(MemoryType.SEMANTIC, episode, "", request.core))
    parts: list[str] = []
    reading = job.reading
    human = request.core.get("human")
    if reading.user_name and "Name:" not in (human.value if human else ""):
        parts.append(f"Nice to meet you, {reading.user_name}!")
    facts = [summary(f, job.who(f.subject)) for f in job.facts if not f.ends][:4]
    if facts:
        parts.append("Noted: " + "; ".join(facts) + ".")
    if job.secrets:
        captions = ", ".join(s.caption for s in job.secrets)
        parts.append(f"I've put the {captions} in the vault and won't repeat it.")
    steps = steps_in(request.message)
    if steps is not None:
        parts.append(f"I've saved those {len(steps.steps)} steps.")
    links = URL.findall(request.message) + FILE.findall(request.message)
    if links:
        parts.append("I've filed " + ", ".join(dict.fromkeys(links)) + ".")
    return " ".join(parts) or _small_talk(request.message)


_THANKS = re.compile(r"\b(?:thanks|thank you|thx|cheers|ta|merci|danke|gracias)\b", re.IGNORECASE)
_HELLO = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))\b", re.IGNORECASE
)


def _small_talk(message: str) -> str:
    """A reply to what asks nothing and tells nothing."""
    if _THANKS.search(message):
        return "You're welcome."
    if _HELLO.match(message):
        return "Hello! What's on your mind?"
    return "Got it."
