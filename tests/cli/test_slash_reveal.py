"""/reveal in chat: secrets only on request, for one question or the whole vault."""

from __future__ import annotations

from rich.console import Console

from hexamem import Memory
from hexamem.cli.conversation import Conversation
from hexamem.cli.slash import run_slash


def printed(line: str, chat: Conversation) -> str:
    out = Console(record=True, width=120, no_color=True)
    run_slash(line, chat, out)
    return out.export_text()


def test_reveal_shows_secrets_only_when_asked(memory: Memory) -> None:
    chat = Conversation(memory, "sam", "s1")
    told = chat.say("the locker code at the gym is 4417")
    assert "4417" not in told.answer
    chat.wait()
    asked = chat.say("what is my locker code?")
    assert "4417" not in asked.answer and "/reveal" in asked.answer
    assert "4417" in printed("/reveal what is my locker code?", chat)
    whole = printed("/reveal", chat)
    assert "locker code" in whole and "4417" in whole
    assert "4417" not in printed("/memory knowledge_vault", chat)
