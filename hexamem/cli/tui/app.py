"""`ChatApp`: the conversation on the left, the memory on the right, never blocking.

Replies are computed on one worker thread and what the memory filed is collected
on another, so typing is never held up or garbled by background work; every
screen update happens on the app's own thread (`call_from_thread`). Leaving
(Ctrl-D, Ctrl-C, Ctrl-Q, /quit) waits for pending memory work first.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, RichLog, Static

from hexamem.cli.conversation import Conversation, Filed
from hexamem.cli.filed import filed_view
from hexamem.cli.opening import describe_engine
from hexamem.cli.slash import COMMANDS, parse_slash, run_slash
from hexamem.cli.tui.confirm import Confirm
from hexamem.cli.tui.panels import MemoryPanel
from hexamem.errors import HexamemError
from hexamem.memory_types import MemoryItem
from hexamem.results import AnswerResult

#: Seconds between looks at what the memory has filed.
POLL_EVERY = 0.25
#: Slash commands whose output belongs in the conversation, not in the view tab.
SAID_IN_CHAT = {"forget", "session"}
KEYS = [
    ("F1", "help"),
    ("F2", "live ops"),
    ("F3", "core blocks"),
    ("F4", "all memories"),
    ("F5", "timeline of …"),
    ("F6", "history of …"),
    ("Ctrl-L", "clear the conversation"),
]


class Collected:
    """A `Printer` that keeps what a command printed, for the app's thread to show."""

    def __init__(self) -> None:
        self.objects: list[Any] = []

    def print(self, *objects: Any, **options: Any) -> None:
        self.objects.extend(objects)


class ChatApp(App[None]):
    TITLE = "hexamem chat"
    DEFAULT_CSS = """
    #banner { height: auto; padding: 0 1; background: $primary-background; }
    #talk { width: 1fr; }
    #conversation { height: 1fr; padding: 0 1; }
    #status { height: 1; padding: 0 1; color: $text-muted; }
    #prompt { height: auto; }
    """
    BINDINGS = [
        Binding("ctrl+d,ctrl+c,ctrl+q", "leave", "quit", priority=True),
        Binding("f1", "help", "help"),
        Binding("f2", "live", "live"),
        Binding("f3", "slash('/core')", "core"),
        Binding("f4", "slash('/memory')", "memories"),
        Binding("f5", "prefill('/timeline ')", "timeline"),
        Binding("f6", "prefill('/history ')", "history"),
        Binding("ctrl+l", "clear", "clear"),
    ]

    def __init__(self, talk: Conversation) -> None:
        super().__init__()
        self.talk = talk
        self._replies = ThreadPoolExecutor(1, thread_name_prefix="hexamem-reply")
        self._reads = ThreadPoolExecutor(1, thread_name_prefix="hexamem-read")
        self._collecting: Future[None] | None = None
        self._waiting = 0
        self._leaving = False
        #: Whether the app left the way it should: pending work saved, session ended.
        self.saved = False
        #: What stopped the save, if something did.
        self.failure: HexamemError | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._banner(), id="banner")
        with Horizontal():
            with Vertical(id="talk"):
                yield RichLog(id="conversation", wrap=True, markup=True, min_width=20)
                yield Static("", id="status")
                yield Input(placeholder="say something, or /help", id="prompt")
            yield MemoryPanel(id="memory")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(POLL_EVERY, self._poll)
        self.query_one("#prompt", Input).focus()

    # -- the conversation -----------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text or self._leaving:
            return
        if text.startswith("/"):
            self._slash_line(text)
        else:
            self._send(text)

    def _send(self, text: str) -> None:
        log = self.query_one("#conversation", RichLog)
        refused = self.talk.too_long(text)
        if refused:
            log.write(Text(refused, style="red"))
            return
        log.write(Text.assemble(("you", "bold cyan"), " › ", text))
        self._waiting += 1
        self._status()
        self._replies.submit(self._reply, text)

    def _reply(self, text: str) -> None:
        try:
            reply = self.talk.say(text)
            used = self._used(reply)
        except Exception as exc:  # shown, not lost on a worker thread
            self.call_from_thread(self._replied, None, [], _said(exc))
            return
        self.call_from_thread(self._replied, reply, used, None)

    def _used(self, reply: AnswerResult) -> list[MemoryItem]:
        items = []
        for memory_id in reply.used_ids:
            try:
                items.append(self.talk.memory.get(memory_id, user_id=self.talk.user))
            except HexamemError:
                continue  # forgotten since
        return items

    def _replied(
        self, reply: AnswerResult | None, used: list[MemoryItem], error: str | None
    ) -> None:
        self._waiting -= 1
        log = self.query_one("#conversation", RichLog)
        if error is not None or reply is None:
            log.write(Text(f"could not reply: {error}", style="red"))
        else:
            log.write(Text.assemble(("hexamem", "bold magenta"), " › ", reply.answer))
            self.query_one(MemoryPanel).used(used)
        self._status()

    def _status(self, note: str = "") -> None:
        shown = note or ("recalling…" if self._waiting else "")
        self.query_one("#status", Static).update(shown)

    # -- what the memory filed ------------------------------------------------------

    def _poll(self) -> None:
        if self._leaving or (self._collecting and not self._collecting.done()):
            return
        self._collecting = self._reads.submit(self._collect)

    def _collect(self) -> None:
        try:
            filed = self.talk.finished()
        except Exception as exc:  # shown, not lost on a worker thread
            self.call_from_thread(self._failed, f"reading what was filed: {_said(exc)}")
            return
        self.call_from_thread(self._show_filed, filed, self.talk.pending)

    def _failed(self, what: str) -> None:
        self.query_one("#conversation", RichLog).write(Text(f"error: {what}", style="red"))

    def _show_filed(self, filed: list[Filed], pending: int) -> None:
        panel = self.query_one(MemoryPanel)
        for turn in filed:
            if turn.ops or turn.error is not None:
                panel.filed(filed_view(turn, narrow=True))
        panel.pending(pending, saving=self._leaving)

    # -- slash commands and keys ----------------------------------------------------

    def _slash_line(self, line: str) -> None:
        name, arg = parse_slash(line)
        if name == "quit":
            self.action_leave()
        elif name == "help":
            self.action_help()
        elif name == "forget" and arg:
            question = (
                f"Forget {arg} for good?\n\nEvery version of it is purged from every store, "
                "with what it was drawn from. This cannot be undone."
            )
            self._confirmed(question, "Forget", lambda: self._run(line, name))
        elif name == "reveal":
            what = f"the answer to {arg!r}" if arg else "every secret in your vault"
            question = f"Show {what} on screen, secrets in clear text?"
            self._confirmed(question, "Show", lambda: self._run(line, name))
        else:
            self._run(line, name)

    def _confirmed(self, question: str, yes: str, then: Callable[[], None]) -> None:
        def answered(agreed: bool | None) -> None:
            if agreed:
                then()
            else:
                self.query_one("#conversation", RichLog).write(Text("cancelled", style="dim"))

        self.push_screen(Confirm(question, yes), answered)

    def _run(self, line: str, name: str) -> None:
        """A slash command on the read thread; its output goes to the view tab (or the
        conversation, for the ones that change it)."""

        def work() -> None:
            out = Collected()
            try:
                run_slash(line, self.talk, out)  # a HexamemError is printed into `out`
            except Exception as exc:
                self.call_from_thread(self._failed, f"{line}: {_said(exc)}")
                return
            self.call_from_thread(self._shown, line, name, out.objects)

        self._reads.submit(work)

    def _shown(self, line: str, name: str, objects: list[RenderableType]) -> None:
        if name in SAID_IN_CHAT or name not in COMMANDS:
            log = self.query_one("#conversation", RichLog)
            for thing in objects:
                log.write(thing)
            return
        printer = self.query_one(MemoryPanel).show(line)
        printer.print(*objects)

    def action_help(self) -> None:
        commands = Table(show_header=False, box=None)
        for command in COMMANDS.values():
            commands.add_row(Text(command.usage, style="bold"), command.help)
        for key, what in KEYS:
            commands.add_row(Text(key, style="bold"), what)
        commands.add_row(Text("Ctrl-D, Ctrl-C", style="bold"), "leave, once pending work is saved")
        self.query_one(MemoryPanel).show("commands and keys").print(commands)

    def action_live(self) -> None:
        self.query_one(MemoryPanel).tab = "live"

    def action_slash(self, line: str) -> None:
        self._slash_line(line)

    def action_prefill(self, start: str) -> None:
        prompt = self.query_one("#prompt", Input)
        prompt.value = start
        prompt.cursor_position = len(start)
        prompt.focus()

    def action_clear(self) -> None:
        self.query_one("#conversation", RichLog).clear()

    # -- leaving --------------------------------------------------------------------

    def action_leave(self) -> None:
        if self._leaving:
            return
        self._leaving = True
        self.query_one("#prompt", Input).disabled = True
        self._status("saving pending memory updates…")
        self.query_one(MemoryPanel).pending(self.talk.pending, saving=True)
        self.run_worker(self._save, thread=True, exit_on_error=False)

    def _save(self) -> None:
        self._replies.shutdown(wait=True)  # a reply in progress is queued for filing too
        self._reads.shutdown(wait=True)
        try:
            self.talk.wait()
            filed = self.talk.finished()
            self.talk.memory.end_session(user_id=self.talk.user, session_id=self.talk.session_id)
        except HexamemError as exc:
            self.failure = exc  # not saved: the command reports it
            self.call_from_thread(self.exit)
            return
        self.call_from_thread(self._saved, filed)

    def _saved(self, filed: list[Filed]) -> None:
        self._show_filed(filed, 0)
        self.saved = True
        self.exit()

    def _banner(self) -> Text:
        memory = self.talk.memory
        return Text.assemble(
            ("hexamem chat", "bold"),
            " · user ",
            (self.talk.user, "cyan"),
            f" · session {self.talk.session_id} · memory in {_shown_path(memory.settings.home)}\n",
            (describe_engine(memory), "yellow"),
        )


def _said(exc: Exception) -> str:
    """An error as the chat shows it: ours as written, anything else named as a bug."""
    if isinstance(exc, HexamemError):
        return str(exc)
    return f"internal error: {type(exc).__name__}: {exc} (rerun with --debug --plain for details)"


def _shown_path(path: Path) -> str:
    """`path` as a person would type it: relative to here, or to ~, when inside them."""
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + str(path.resolve().relative_to(base.resolve())) or "."
        except ValueError:
            continue
    return str(path)
