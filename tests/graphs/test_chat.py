"""`Memory.reply` through the chat graph, on the offline rules and on a scripted model."""

from __future__ import annotations

import pytest

from hexamem import InvalidInput, Memory, ModelOutputError
from hexamem.llm import ChatMessage
from tests.fakes.llm import ScriptedLLM
from tests.helpers import APRIL, JUNE, MARCH, lives, secret


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
    scripted: ScriptedLLM, smart_memory: Memory
) -> None:
    smart_memory.apply(
        [secret("hunter2"), lives("Alice", "Paris")], user_id="alice", timestamp=APRIL
    )
    scripted.reply({"reply": "You live in Paris.", "used": [1, 7]})
    said = smart_memory.reply(
        "where do I live? and what's the wifi password",
        user_id="alice",
        conversation=[{"role": "user", "content": "I am back"}],
    )
    assert said.answer == "You live in Paris." and len(said.used_ids) == 1  # ref 7 was invented
    request = scripted.requests[-1]
    assert request.role == "chat" and request.model == scripted.model_for("chat")
    shown = request.user
    assert "I am back" in shown and "<memories>" in shown and "hunter2" not in shown
    assert smart_memory.usage("alice")[-1].role == "chat"


def test_a_model_that_fails_to_reply_is_an_error_not_a_silent_answer(
    scripted: ScriptedLLM, smart_memory: Memory
) -> None:
    scripted.fail(ModelOutputError("fake-chat gave no valid ChatReply: no tool call"))
    with pytest.raises(ModelOutputError):
        smart_memory.reply("hello", user_id="alice")
