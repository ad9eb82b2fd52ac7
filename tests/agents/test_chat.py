"""The chat agent: `Memory.reply` through the chat graph, with a model and with the rules."""

from __future__ import annotations

import pytest

from hexamem import InvalidInput, Memory, MemoryItem, ModelOutputError
from hexamem.agents.answer import memory_lines
from hexamem.agents.requests import ChatRequest
from hexamem.agents.schemas import ChatReply
from hexamem.llm import ChatMessage
from hexamem.llm.offline import OfflineLLM
from hexamem.prompts import render
from hexamem.results import SearchResult
from tests.fakes.messages_api import Scripted
from tests.integration.helpers import APRIL, JUNE, MARCH, secret
from tests.integration.test_knowledge_graph import lives


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


def test_reply_uses_memory_and_writes_nothing(memory: Memory) -> None:
    [paris] = memory.apply([lives("Alice", "Paris")], user_id="alice", timestamp=MARCH).ids
    before = memory.list("alice", include_expired=True)
    said = memory.reply(
        "Where does Alice live?",
        user_id="alice",
        conversation=[{"role": "user", "content": "hello"}, ChatMessage("assistant", "hi")],
    )
    assert "Paris" in said.answer and said.used_ids == [paris]
    assert memory.list("alice", include_expired=True) == before
    assert [u.role for u in memory.usage("alice")] == ["chat"]


def test_reply_reads_time_words_against_the_reference_time(memory: Memory) -> None:
    [paris] = memory.apply([lives("Alice", "Paris")], user_id="alice", timestamp=MARCH).ids
    memory.apply([lives("Alice", "Berlin", supersedes=(paris,))], user_id="alice", timestamp=JUNE)
    said = memory.reply(
        "Where did Alice live last month?", user_id="alice", reference_time="2024-05-02T00:00:00Z"
    )
    assert "Paris" in said.answer


@pytest.mark.parametrize(
    "conversation",
    ["hello", [{"role": "system", "content": "x"}], [{"role": "user"}], [42]],
)
def test_a_bad_conversation_is_refused(memory: Memory, conversation) -> None:
    with pytest.raises(InvalidInput, match="conversation"):
        memory.reply("hi", user_id="alice", conversation=conversation)


def test_a_model_reply_cites_by_ref_and_sees_core_history_and_captions_only(
    api, smart_memory: Memory
) -> None:
    smart_memory.apply(
        [secret("hunter2"), lives("Alice", "Paris")], user_id="alice", timestamp=APRIL
    )
    api.reply({"reply": "You live in Paris.", "used": [1, 7]})
    said = smart_memory.reply(
        "where do I live? and what's the wifi password",
        user_id="alice",
        conversation=[{"role": "user", "content": "I am back"}],
    )
    assert said.answer == "You live in Paris." and len(said.used_ids) == 1  # ref 7 was invented
    request = api.requests[-1].body
    assert request["model"] == "claude-sonnet-5-5"
    shown = request["messages"][0]["content"]
    assert "I am back" in shown and "<memories>" in shown and "hunter2" not in shown
    assert smart_memory.usage("alice")[-1].role == "chat"


def test_a_model_that_fails_to_reply_is_an_error_not_a_silent_answer(
    api, smart_memory: Memory
) -> None:
    from hexamem import ModelOutputError

    api.respond_with(lambda body: Scripted(text="no tool call"), times=2)
    with pytest.raises(ModelOutputError):
        smart_memory.reply("hello", user_id="alice")
