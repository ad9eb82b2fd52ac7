"""The memory side of the app: what is being filed now, and views asked for.

"Live" shows each turn's ops as they land (an UPDATE with its word diff), what
is still pending, and the memories the last reply used. "View" shows what a key
or a slash command asked for: core blocks, a memory type, a timeline, a history,
search hits, the help.
"""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import RichLog, Static, TabbedContent, TabPane

from hexamem.cli.words import plural
from hexamem.memory_types import MemoryItem


class MemoryPanel(Vertical):
    DEFAULT_CSS = """
    MemoryPanel { width: 46%; min-width: 40; border-left: solid $primary-darken-2; }
    MemoryPanel TabbedContent { height: 1fr; }
    MemoryPanel TabPane { padding: 0; }
    MemoryPanel RichLog { height: 1fr; }
    MemoryPanel #pending { height: auto; color: $text-muted; padding: 0 1; }
    MemoryPanel #used { height: auto; max-height: 40%; padding: 0 1;
        border-top: solid $primary-darken-3; }
    """

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs"):
            with TabPane("Live", id="live"):
                yield RichLog(id="ops", wrap=True, markup=True, min_width=20)
                yield Static("", id="pending")
                yield Static(Text("no reply yet", style="dim"), id="used")
            with TabPane("View", id="view"):
                yield RichLog(id="shown", wrap=True, markup=True, min_width=20)

    @property
    def tab(self) -> str:
        """The tab in front: "live" or "view"."""
        return self.query_one(TabbedContent).active

    @tab.setter
    def tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name

    def filed(self, view: RenderableType) -> None:
        self.query_one("#ops", RichLog).write(view)

    def pending(self, count: int, saving: bool = False) -> None:
        state = "saving" if saving else "pending"
        text = f"{plural(count, 'memory update')} {state}…" if count else ""
        self.query_one("#pending", Static).update(text)

    def used(self, items: list[MemoryItem]) -> None:
        shown = Text("the last reply used ", style="bold")
        if not items:
            shown.append("no memory", style="dim")
        else:
            shown.append(plural(len(items), "memory", "memories"))
        for item in items:
            shown.append(f"\n{item.type.value} ", style="blue")
            shown.append(item.id, style="dim")
            shown.append(f"\n  {item.text.splitlines()[0] if item.text else ''}")
        self.query_one("#used", Static).update(shown)

    def show(self, title: str) -> PanelPrinter:
        """Clear the view tab, bring it forward, and return a printer into it."""
        log = self.query_one("#shown", RichLog)
        log.clear()
        log.write(Text(title, style="bold"))
        self.tab = "view"
        return PanelPrinter(log)


class PanelPrinter:
    """A `Printer` (see `hexamem.cli.slash`) that writes into a panel."""

    def __init__(self, log: RichLog) -> None:
        self._log = log

    def print(self, *objects: Any, **options: Any) -> None:
        for thing in objects:
            self._log.write(thing)
