"""`hexamem chat` driven in a pseudo-terminal, as a person types: turns, slash commands, exits.

A start of the real command takes seconds of CPU (imports, the embedding model,
the graph server, the offline engine's language model), so the module starts
three, as few as its checks need, the first two at once so their start-ups
overlap. The offline chat holds the conversation and then leaves on Ctrl-C; a
second offline run on the same memory finds what the first filed and leaves on
Ctrl-D; the chat on Claude, through the real SDK, leaves on /quit.
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pexpect
import pytest

from hexamem import Memory
from tests.fakes.messages_api import FakeMessagesAPI, Scripted, fake_messages_api

TIMEOUT = 60  # a start loads the embedding model and starts the graph engine
_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_SESSION = re.compile(r"session (\S+) · memory in|new session (chat-\S+)")


@dataclass
class Chat:
    """One `hexamem chat` process, with everything it has printed."""

    child: pexpect.spawn
    llm: str
    printed: io.StringIO = field(default_factory=io.StringIO)
    started: bool = False

    def __post_init__(self) -> None:
        self.child.logfile_read = self.printed

    def ready(self) -> Chat:
        """Wait (once) for the banner and the first prompt."""
        if not self.started:
            self.child.expect(
                "offline engine" if self.llm == "offline" else f"provider: {self.llm}"
            )
            self.child.expect("you")
            self.started = True
        return self

    def say(self, line: str, *expected: str) -> str:
        """Type a line, wait for each expected text in order; what came before the last one."""
        self.child.sendline(line)
        seen = ""
        for text in expected:
            self.child.expect(re.escape(text))
            seen += self.child.before + self.child.after
        return seen

    def leaves_cleanly(self) -> None:
        """It says everything is saved, ends, and exits 0."""
        self.child.expect("bye: everything is saved.")
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus == 0

    @property
    def sessions(self) -> list[str]:
        """The sessions it has been in, in order: the one it started with, then each new one."""
        text = _ESCAPE.sub("", self.printed.getvalue())
        return [m.group(1) or m.group(2) for m in _SESSION.finditer(text)]

    def stop(self) -> None:
        """After a failed check: leave as a person would, else kill."""
        if not self.child.isalive():
            return
        self.child.sendcontrol("c")
        try:
            self.child.expect(pexpect.EOF, timeout=30)
        except pexpect.ExceptionPexpect:
            self.child.terminate(force=True)


def spawn_chat(
    home: Path,
    *args: str,
    llm: str = "offline",
    env: dict[str, str] | None = None,
    plain: bool = True,
) -> Chat:
    """Start the command without waiting for it: `Chat.ready` waits."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HEXAMEM_", "ANTHROPIC_"))}
    clean.update(NO_COLOR="1", TERM="xterm", ANONYMIZED_TELEMETRY="False", **(env or {}))
    command = ["-m", "hexamem", "chat", "--home", str(home), "--user", "alice", "--llm", llm]
    command += ["--plain"] if plain else []
    child = pexpect.spawn(
        sys.executable,
        [*command, *args],
        env=clean,
        encoding="utf-8",
        dimensions=(50, 160),
        timeout=TIMEOUT,
        preexec_fn=_as_a_background_job,
    )
    return Chat(child, llm)


def _as_a_background_job() -> None:
    """Started as `cmd &` in a script or a CI job starts it: with SIGINT ignored, which Ctrl-C
    in the chat must survive (every run, not only when the tests happen to run that way)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@dataclass
class Started:
    home: Path
    offline: Chat
    claude: Chat
    claude_api: FakeMessagesAPI


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Started]:
    """The offline chat and the chat on Claude, spawned together so their start-ups overlap."""
    with fake_messages_api() as api:
        home = tmp_path_factory.mktemp("offline") / "home"
        chats = Started(
            home=home,
            offline=spawn_chat(home, "--session", "first"),
            claude=spawn_chat(
                tmp_path_factory.mktemp("claude") / "home",
                llm="anthropic",
                env={"ANTHROPIC_API_KEY": "sk-test", "HEXAMEM_ANTHROPIC_BASE_URL": api.url},
            ),
            claude_api=api,
        )
        try:
            yield chats
        finally:
            chats.offline.stop()
            chats.claude.stop()


def test_a_conversation_with_slash_commands(started: Started) -> None:
    chat = started.offline.ready()
    chat.say("Hi, I'm Alice. I live in Paris and I work as a nurse.", "Nice to meet you, Alice!")
    chat.say("", "memory · turn 1", "Alice lives in Paris", "you")
    answered = chat.say("Where do I live?", "lives in Paris", "used semantic", "you")
    fact_id = re.search(r"used semantic (mem_[0-9a-f]+)", answered).group(1)
    chat.say("/memory semantic", "semantic (2)", "works as a nurse")
    chat.say("/core", "core blocks", "Lives in: Paris")
    chat.say("/search nurse", "best first", "nurse")
    chat.say("/timeline Alice", "timeline of Alice", "lives in Paris")
    chat.say(f"/history {fact_id}", "history, oldest first", "ADD")
    chat.say("/history", "usage: /history ID")
    chat.say("/memory colours", "unknown memory type 'colours'")
    chat.say("/nonsense", "unknown command /nonsense")
    chat.say(f"/forget {fact_id}", f"forgot {fact_id}")
    chat.say("/session new", "new session chat-")
    chat.say("/help", "/timeline ENTITY", "Ctrl-D", "you")
    # A terminal in line mode passes 4,095 characters of a line and drops the rest.
    chat.say("tea" * 2_000, "not sent: the terminal cut this line at 4,095 characters")


def test_memory_lasts_across_runs_and_ctrl_d_and_ctrl_c_leave_cleanly(started: Started) -> None:
    # The offline chat of the test above (or a fresh one when this test runs alone).
    first = started.offline.ready()
    first.say("I work at Northwind and my favourite tea is sencha.", "Noted:")
    first.child.sendcontrol("c")  # at once: the turn may still be filing
    first.leaves_cleanly()

    second = spawn_chat(started.home).ready()
    try:
        second.say("What is my favourite tea?", "favourite tea is sencha")
        second.child.sendeof()
        second.leaves_cleanly()
    finally:
        second.stop()

    with Memory.open(str(started.home)) as memory:
        facts = {i.text for i in memory.list("alice", "semantic")}
        sessions = {e.session_id for e in memory._c.records.episodes("alice")}
    assert any("works at Northwind" in f for f in facts)
    [new] = second.sessions
    assert new not in first.sessions  # a new session at every start
    assert sessions == {*first.sessions, new}


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


def test_the_chat_runs_on_claude_through_the_anthropic_sdk_and_quits_cleanly(
    started: Started,
) -> None:
    api = started.claude_api
    api.respond_with(claude, times=3)
    chat = started.claude.ready()
    chat.say("I live in Paris now.", "Lovely, Paris it is.", "memory · turn 1", "lives in Paris")
    chat.say("/quit")
    chat.leaves_cleanly()
    models = [r.body["model"] for r in api.requests]
    assert models == ["claude-sonnet-5-5", "claude-haiku-5-5", "claude-haiku-5-5"]
    assert all(r.headers.get("authorization") == "Bearer sk-test" for r in api.requests)


def test_on_a_terminal_it_is_the_full_screen_app_and_a_pipe_gets_line_mode(
    tmp_path: Path,
) -> None:
    app = spawn_chat(tmp_path / "home", plain=False)
    try:
        app.child.expect(re.escape("\x1b[?1049h"))  # the terminal's alternate screen
        app.child.expect("or /help")  # the prompt's placeholder
        app.child.sendcontrol("d")
        app.leaves_cleanly()
    finally:
        app.stop()
    piped = subprocess.run(
        [sys.executable, "-m", "hexamem", "chat", "--home", str(tmp_path / "home")]
        + ["--user", "alice", "--llm", "offline"],
        input="Hi, I'm Alice and I live in Paris.\n/quit\n",
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={k: v for k, v in os.environ.items() if not k.startswith(("HEXAMEM_", "ANTHROPIC_"))},
    )
    assert piped.returncode == 0, piped.stderr
    assert "hexamem › " in piped.stdout and "bye: everything is saved." in piped.stdout
    assert "\x1b[?1049h" not in piped.stdout
