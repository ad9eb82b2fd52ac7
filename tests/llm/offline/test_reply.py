"""The offline engine's chat replies: what it noted, answers from the memories shown, or none."""

from __future__ import annotations

import pytest

from hexamem import MemoryItem, ModelOutputError
from hexamem.agents.answer import memory_lines
from hexamem.agents.requests import ChatRequest
from hexamem.agents.schemas import ChatReply
from hexamem.llm.offline import OfflineLLM
from hexamem.prompts import render
from hexamem.results import SearchResult
from tests.helpers import JUNE, MARCH, lives


def offline_reply(message: str, memories: list[SearchResult] | None = None) -> ChatReply:
    """The offline engine's reply to one message, given what retrieval found."""
    request = ChatRequest(message=message, asked_at=JUNE, results=tuple(memories or ()))
    prompt = render(
        "chat",
        {
            "asked_at": JUNE.isoformat(),
            "core": {},
            "conversation": [],
            "memories": memory_lines(request.results, JUNE),
            "message": message,
        },
    )
    return OfflineLLM().ask("chat", prompt, ChatReply, request).value


def home_of(person: str, city: str) -> SearchResult:
    payload = lives(person, city).payload
    item = MemoryItem(
        id=f"mem_{person.lower()}",
        user_id="alice",
        text=payload.index_text(),
        created_at=MARCH,
        updated_at=MARCH,
        valid_at=MARCH,
        payload=payload,
    )
    return SearchResult(item=item, score=1.0)


def test_offline_replies_say_what_they_noted_and_never_echo_a_secret() -> None:
    said = offline_reply("Hi, I'm Alice. I live in Paris. The wifi password is hunter2.")
    assert said.reply.startswith("Nice to meet you, Alice!")
    assert "Alice lives in Paris" in said.reply
    assert "wifi password in the vault" in said.reply and "hunter2" not in said.reply
    steps = offline_reply("How to make tea: 1. Boil water 2. Steep 3 minutes 3. Pour")
    assert "3 steps" in steps.reply  # a how-to that starts "How to" is not a question
    assert offline_reply("ok").reply == "Got it."
    assert offline_reply("thanks!").reply == "You're welcome."


def test_offline_questions_are_answered_from_the_memories_shown_or_not_at_all() -> None:
    shown = [home_of("Alice", "Berlin"), home_of("Bob", "Rome")]
    found = offline_reply("I'm back from holiday. Where does Alice live?", shown)
    assert found.reply == "Alice lives in Berlin." and found.used == [1]
    assert offline_reply("Where does Carol live?", shown).used == []  # Bob's home is not Carol's
    assert "don't remember" in offline_reply("What is my blood type?", shown).reply


def test_the_offline_engine_reads_the_typed_request_not_the_prompt() -> None:
    prompt = render(
        "chat",
        {"asked_at": "now", "core": {}, "conversation": [], "memories": [], "message": "hi"},
    )
    with pytest.raises(ModelOutputError, match="typed request"):
        OfflineLLM().ask("chat", prompt, ChatReply)
