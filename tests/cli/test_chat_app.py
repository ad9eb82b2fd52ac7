"""The full-screen chat, driven through Textual's own pilot: what a person sees and does."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, RichLog

from hexamem import Memory
from hexamem.cli.conversation import Conversation
from hexamem.cli.tui import ChatApp
from hexamem.cli.tui.confirm import Confirm
from hexamem.errors import NotFound, StoreError

SIZE = (140, 40)
pytestmark = pytest.mark.asyncio


def shown(app: ChatApp, log_id: str) -> str:
    """The text a RichLog shows, line by line."""
    log = app.query_one(f"#{log_id}", RichLog)
    return "\n".join("".join(segment.text for segment in strip) for strip in log.lines)


async def until(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "timed out waiting for the app"
        await pilot.pause(0.1)


async def say(pilot: Pilot[None], app: ChatApp, text: str, *, settle: bool = True) -> None:
    """Type `text` and press Enter; with `settle`, wait until it is replied and filed."""
    app.query_one("#prompt", Input).value = text
    await pilot.press("enter")
    if settle:
        await until(pilot, lambda: not app._waiting and not app.talk.pending)
        await pilot.pause(2 * 0.25)  # one more look at what was filed


@pytest.fixture
def app(memory: Memory) -> ChatApp:
    return ChatApp(Conversation(memory, "sam", "s1"))


async def test_a_turn_shows_the_reply_the_ops_and_the_memories_used(app: ChatApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await say(pilot, app, "Hi, I'm Sam and I live in Lisbon.")
        await say(pilot, app, "Where do I live?")
        talk = shown(app, "conversation")
        assert "you › Hi, I'm Sam and I live in Lisbon." in talk
        assert "hexamem › " in talk and "Lisbon" in talk.split("Where do I live?")[1]
        ops = shown(app, "ops")
        assert "memory · turn 1" in ops and "ADD" in ops and "core" in ops
        used = str(app.query_one("#used").render())
        assert "the last reply used" in used and "Lisbon" in used


async def test_an_update_shows_what_changed(app: ChatApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await say(pilot, app, "Hi, I'm Sam and I live in Lisbon.")
        await say(pilot, app, "I live in Porto now.")
        lines = shown(app, "ops").splitlines()
        update = next(i for i, line in enumerate(lines) if line.startswith("UPDATE core"))
        change = " ".join(lines[update + 1 : update + 3])  # the diff under the op
        assert "Lisbon" in change and "Porto" in change  # before and after, both shown


async def test_a_message_longer_than_the_limit_is_refused_not_cut(
    app: ChatApp, memory: Memory
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await say(pilot, app, "x" * 40_000)
        talk = shown(app, "conversation")
        assert "not sent" in talk and "40,000" in talk and "32,000" in talk
        assert "you ›" not in talk
    assert memory.list("sam") == []


async def test_typing_goes_on_while_a_reply_is_computed(
    app: ChatApp, memory: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow_reply = memory.reply

    def slow(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        time.sleep(1.5)
        return slow_reply(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(memory, "reply", slow)
    async with app.run_test(size=SIZE) as pilot:
        await say(pilot, app, "Hi, I'm Sam.", settle=False)
        assert "you › Hi, I'm Sam." in shown(app, "conversation")  # echoed at once
        assert "recalling" in str(app.query_one("#status").render())
        await pilot.press(*"What is my name?")
        assert app.query_one("#prompt", Input).value == "What is my name?"
        await until(pilot, lambda: "hexamem ›" in shown(app, "conversation"))
        assert app.query_one("#prompt", Input).value == "What is my name?"


async def test_forget_asks_first_and_no_keeps_the_memory(app: ChatApp, memory: Memory) -> None:
    kept = memory.add("I play the cello.", user_id="sam", infer=False).outcomes[0].id
    assert kept is not None
    async with app.run_test(size=SIZE) as pilot:
        await say(pilot, app, f"/forget {kept}", settle=False)
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await until(pilot, lambda: "cancelled" in shown(app, "conversation"))
        assert memory.get(kept, user_id="sam").id == kept
        await say(pilot, app, f"/forget {kept}", settle=False)
        await pilot.press("y")
        await until(pilot, lambda: f"forgot {kept}" in shown(app, "conversation"))
    with pytest.raises(NotFound):
        memory.get(kept, user_id="sam")


async def test_reveal_shows_a_secret_only_after_yes(app: ChatApp, memory: Memory) -> None:
    memory.add("My wifi password is hunter2-xyz", user_id="sam")
    async with app.run_test(size=SIZE) as pilot:
        await say(pilot, app, "/reveal", settle=False)
        assert isinstance(app.screen, Confirm)
        await pilot.press("escape")
        await until(pilot, lambda: "cancelled" in shown(app, "conversation"))
        assert "hunter2-xyz" not in shown(app, "shown")
        await say(pilot, app, "/reveal", settle=False)
        await pilot.press("y")
        await until(pilot, lambda: "hunter2-xyz" in shown(app, "shown"))


async def test_keys_open_the_panels(app: ChatApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await say(pilot, app, "Hi, I'm Sam and I live in Lisbon.")
        await pilot.press("f3")
        await until(pilot, lambda: "core blocks" in shown(app, "shown"))
        assert "Name: Sam" in shown(app, "shown")
        await pilot.press("f4")
        await until(pilot, lambda: "semantic" in shown(app, "shown"))
        await pilot.press("f1")
        await until(pilot, lambda: "/forget ID" in shown(app, "shown"))
        await pilot.press("f5")
        assert app.query_one("#prompt", Input).value == "/timeline "
        await pilot.press("f2")
        assert app.query_one("#tabs").active == "live"  # type: ignore[attr-defined]


async def test_leaving_waits_for_pending_memory_work(app: ChatApp, memory: Memory) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await say(pilot, app, "Hi, I'm Sam and I live in Lisbon.", settle=False)
        await until(pilot, lambda: "hexamem ›" in shown(app, "conversation"))
        await pilot.press("ctrl+d")
        await until(pilot, lambda: not app.is_running)
    assert app.saved
    assert any("Lisbon" in item.text for item in memory.list("sam"))
    assert memory._c.records.episode_count("sam") == 1


async def test_a_save_that_fails_still_leaves_and_says_why(
    app: ChatApp, memory: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**_: object) -> None:
        raise StoreError("the disk is full")

    monkeypatch.setattr(memory, "end_session", broken)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+d")
        await until(pilot, lambda: not app.is_running)
    assert not app.saved and "disk is full" in str(app.failure)


async def test_a_bug_in_a_reply_is_shown_and_the_chat_goes_on(
    app: ChatApp, memory: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(memory, "reply", broken)
    async with app.run_test(size=SIZE) as pilot:
        await say(pilot, app, "Hi, I'm Sam.")
        assert "could not reply: internal error: RuntimeError: boom" in shown(app, "conversation")
        assert "recalling" not in str(app.query_one("#status").render())
