"""`hexamem chat` driven in a pseudo-terminal, as a person types: turns, slash commands, exits."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from hexamem import Memory
from tests.fakes.messages_api import FakeMessagesAPI, Scripted

TIMEOUT = 60  # the first start loads the embedding model and starts the graph engine


def start_chat(
    home: Path, *args: str, llm: str = "offline", env: dict[str, str] | None = None
) -> pexpect.spawn:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HEXAMEM_", "ANTHROPIC_"))}
    clean.update(NO_COLOR="1", TERM="xterm", ANONYMIZED_TELEMETRY="False", **(env or {}))
    command = ["-m", "hexamem", "chat", "--home", str(home), "--user", "alice", "--llm", llm]
    child = pexpect.spawn(
        sys.executable,
        [*command, *args],
        env=clean,
        encoding="utf-8",
        dimensions=(50, 160),
        timeout=TIMEOUT,
    )
    child.expect("offline engine" if llm == "offline" else f"model provider: {llm}")
    child.expect("you")
    return child


def say(child: pexpect.spawn, line: str, *expected: str) -> str:
    """Type a line, wait for each expected text in order; what came before the last one."""
    child.sendline(line)
    seen = ""
    for text in expected:
        child.expect(re.escape(text))
        seen += child.before + child.after
    return seen


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_a_conversation_with_slash_commands_then_a_clean_quit(home: Path) -> None:
    chat = start_chat(home, "--session", "first")
    say(chat, "Hi, I'm Alice. I live in Paris and I work as a nurse.", "Nice to meet you, Alice!")
    say(chat, "", "memory · turn 1", "Alice lives in Paris", "you")
    answered = say(chat, "Where do I live?", "lives in Paris", "used semantic", "you")
    fact_id = re.search(r"used semantic (mem_[0-9a-f]+)", answered).group(1)
    say(chat, "/memory semantic", "semantic (2)", "works as a nurse")
    say(chat, "/core", "core blocks", "Lives in: Paris")
    say(chat, "/search nurse", "best first", "nurse")
    say(chat, "/timeline Alice", "timeline of Alice", "lives in Paris")
    say(chat, f"/history {fact_id}", "history, oldest first", "ADD")
    say(chat, "/history", "usage: /history ID")
    say(chat, "/memory colours", "unknown memory type 'colours'")
    say(chat, "/nonsense", "unknown command /nonsense")
    say(chat, f"/forget {fact_id}", f"forgot {fact_id}")
    say(chat, "/session new", "new session chat-")
    say(chat, "/help", "/timeline ENTITY", "Ctrl-D")
    say(chat, "/quit", "bye: everything is saved.")
    chat.expect(pexpect.EOF)
    chat.close()
    assert chat.exitstatus == 0


def test_memory_lasts_across_runs_and_ctrl_d_and_ctrl_c_leave_cleanly(home: Path) -> None:
    first = start_chat(home)
    say(first, "I work at Northwind and my favourite tea is sencha.", "Noted:")
    first.sendcontrol("c")  # at once: the turn may still be filing
    first.expect("bye: everything is saved.")
    first.expect(pexpect.EOF)
    first.close()
    assert first.exitstatus == 0

    second = start_chat(home)
    say(second, "What is my favourite tea?", "favourite tea is sencha")
    second.sendeof()
    second.expect("bye: everything is saved.")
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 0

    with Memory.open(str(home)) as memory:
        facts = {i.text for i in memory.list("alice", "semantic")}
        sessions = {e.session_id for e in memory._c.records.episodes("alice")}
    assert any("works at Northwind" in f for f in facts)
    assert len(sessions) == 2  # a new session at every start


def claude(body: dict) -> Scripted:
    """The fake Claude: a chat reply, a route to the semantic writer, and its op."""
    system = body["system"]
    if "long-term memory of this user" in system:
        return Scripted({"reply": "Lovely, Paris it is.", "used": []})
    if "memory manager" in system:
        return Scripted({"assignments": [{"memory_type": "semantic", "instruction": "home"}]})
    fact = {
        "name": "Alice",
        "summary": "Alice lives in Paris",
        "subject": "Alice",
        "relation": "lives_in",
        "object": "Paris",
    }
    return Scripted({"ops": [{"kind": "ADD", "reason": "stated", "payload": fact}]})


def test_the_chat_runs_on_claude_through_the_anthropic_sdk(
    home: Path, api: FakeMessagesAPI
) -> None:
    api.respond_with(claude, times=3)
    chat = start_chat(
        home,
        llm="anthropic",
        env={"ANTHROPIC_API_KEY": "sk-test", "HEXAMEM_ANTHROPIC_BASE_URL": api.url},
    )
    say(chat, "I live in Paris now.", "Lovely, Paris it is.", "memory · turn 1", "lives in Paris")
    say(chat, "/quit", "bye: everything is saved.")
    chat.expect(pexpect.EOF)
    chat.close()
    assert chat.exitstatus == 0
    models = [r.body["model"] for r in api.requests]
    assert models == ["claude-sonnet-5-5", "claude-haiku-5-5", "claude-haiku-5-5"]
    assert all(r.headers.get("authorization") == "Bearer sk-test" for r in api.requests)
