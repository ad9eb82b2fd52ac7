"""Snapshots of the chat app's main screens (SVG, compared by pytest-textual-snapshot).

Ids are drawn from a counter and the home is shown relative to the working
directory, so a screen differs only when what it shows does. After a change that
is meant to alter a screen: `pytest tests/cli/test_chat_app_screens.py
--snapshot-update`, then look at the new SVGs (the README's pictures are made from
them by `python demo/screens.py`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from hexamem import Memory
from hexamem.cli.conversation import Conversation
from hexamem.cli.tui import ChatApp
from hexamem.memory_types import ids
from tests.cli.test_chat_app import say, until
from tests.fakes.embedder import HashingEmbedder

SIZE = (130, 34)
TURNS = ("Hi, I'm Sam and I live in Lisbon.", "I live in Porto now.", "Where do I live?")


@pytest.fixture
def counted_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    numbers = itertools.count(1)
    monkeypatch.setattr(
        ids, "uuid", SimpleNamespace(uuid4=lambda: SimpleNamespace(hex=f"{next(numbers):024x}"))
    )


@pytest.fixture
def chat_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted_ids: None
) -> Iterator[ChatApp]:
    monkeypatch.chdir(tmp_path)
    # The session's shared graph server would leave other tests' entities in view;
    # this memory gets an embedded graph of its own.
    with Memory.open(str(tmp_path / "home"), embedder=HashingEmbedder()) as memory:
        yield ChatApp(Conversation(memory, "sam", "first-session"))


def after(*steps: str) -> Callable[[Pilot[Any]], Any]:
    """A `run_before` that plays the three turns, then presses `steps`."""

    async def play(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, ChatApp)
        app.query_one(Input).cursor_blink = False  # a blink would differ run to run
        for turn in TURNS:
            await say(pilot, app, turn)
        for step in steps:
            if step.startswith("/"):
                await say(pilot, app, step, settle=False)
            else:
                await pilot.press(step)
            await pilot.pause(0.5)
        await until(pilot, lambda: not app.workers or all(w.is_finished for w in app.workers))

    return play


def test_the_conversation_beside_the_live_memory(snap_compare: Any, chat_app: ChatApp) -> None:
    assert snap_compare(chat_app, terminal_size=SIZE, run_before=after())


def test_the_core_blocks_view(snap_compare: Any, chat_app: ChatApp) -> None:
    assert snap_compare(chat_app, terminal_size=SIZE, run_before=after("f3"))


def test_forget_asks_for_confirmation(snap_compare: Any, chat_app: ChatApp) -> None:
    forget = f"/forget mem_{2:024x}"  # the core block
    assert snap_compare(chat_app, terminal_size=SIZE, run_before=after(forget))
