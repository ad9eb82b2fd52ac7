"""`hexamem chat`: a terminal conversation with an assistant that remembers across sessions.

On a terminal it is a full-screen app (`hexamem.cli.tui`). With `--plain`, or when
stdin or stdout is not a terminal (a script, a pipe), it is this line mode: each
reply comes first; the memory agents file the exchange in the background and
their ops are shown as soon as they are done (a spinner shows them working for a
moment after each reply; anything slower is shown before the next one). Ctrl-C,
Ctrl-D and /quit all leave only after pending memory work is saved.
"""

from __future__ import annotations

import getpass
import signal
import sys
from pathlib import Path

from rich.console import Console
from rich.padding import Padding

from hexamem.cli.conversation import Conversation, new_session_id
from hexamem.cli.filed import filed_view
from hexamem.cli.opening import describe_engine, opened
from hexamem.cli.options import console
from hexamem.cli.slash import Quit, run_slash
from hexamem.cli.views import short
from hexamem.cli.words import plural
from hexamem.errors import HexamemError, RunError
from hexamem.results import AnswerResult

#: Longest line a terminal in line mode passes on; the rest of a longer paste is lost.
TERMINAL_LINE = 4095
CUT_BY_TERMINAL = (
    f"not sent: the terminal cut this line at {TERMINAL_LINE:,} characters, so part of it "
    "is missing. Paste long text in the full-screen chat (without --plain), or pipe it in."
)
#: Seconds a reply waits, spinner showing, for its own memory update before the next prompt.
SHOW_OPS_WITHIN = 1.5


def chat(
    *,
    user: str | None,
    session: str | None,
    llm: str | None,
    home: Path | None,
    plain: bool = False,
) -> None:
    """Chat with an assistant that remembers you across sessions."""
    full_screen = not plain and sys.stdin.isatty() and sys.stdout.isatty()
    if not full_screen:
        _answer_ctrl_c()
    with opened(home, llm) as memory:
        talk = Conversation(memory, user or _login(), session or new_session_id())
        if full_screen:
            from hexamem.cli.tui import ChatApp

            app = ChatApp(talk)
            app.run()
            if not app.saved:
                why = f": {app.failure}" if app.failure else ""
                raise RunError(f"the chat stopped before pending memory work was saved{why}")
            console.print("bye: everything is saved.")
            return
        console.print(
            f"[bold]hexamem chat[/bold] · user [cyan]{talk.user}[/cyan] · session "
            f"{talk.session_id} · memory in {memory.settings.home}"
        )
        console.print(f"[yellow]{describe_engine(memory)}[/yellow]")
        console.print("[dim]/help lists commands; Ctrl-D or /quit leaves.[/dim]")
        try:
            _loop(talk, console)
        except (KeyboardInterrupt, EOFError):
            console.print()
        _leave(talk, console)


def _loop(talk: Conversation, out: Console) -> None:
    while True:
        _show_filed(talk, out)
        waiting = f" [dim]({plural(talk.pending, 'memory update')} pending)[/dim]"
        typed = out.input(f"[bold cyan]you[/bold cyan]{waiting if talk.pending else ''} › ")
        line = typed.strip()
        if not line:
            continue
        if sys.stdin.isatty() and len(typed) >= TERMINAL_LINE:
            out.print(f"[red]{CUT_BY_TERMINAL}[/red]", highlight=False, soft_wrap=True)
            continue
        if line.startswith("/"):
            try:
                run_slash(line, talk, out)
            except Quit:
                return
            continue
        refused = talk.too_long(line)
        if refused:
            out.print(f"[red]{refused}[/red]", highlight=False, soft_wrap=True)
            continue
        try:
            with out.status("recalling…"):
                reply = talk.say(line)
        except HexamemError as exc:
            out.print(f"[red]could not reply: {exc}[/red]", highlight=False)
            continue
        _show_reply(talk, reply, out)
        if talk.pending:
            with out.status("remembering…"):
                talk.wait(SHOW_OPS_WITHIN)


def _show_reply(talk: Conversation, reply: AnswerResult, out: Console) -> None:
    out.print(f"[bold magenta]hexamem[/bold magenta] › {reply.answer}", highlight=False)
    for memory_id in reply.used_ids:
        try:
            item = talk.memory.get(memory_id, user_id=talk.user)
        except HexamemError:
            continue  # forgotten since
        out.print(f"  [dim]used {item.type.value} {item.id}: {short(item.text, 70)}[/dim]")


def _show_filed(talk: Conversation, out: Console) -> None:
    for filed in talk.finished():
        if filed.ops or filed.error is not None:
            out.print(Padding(filed_view(filed), (0, 0, 0, 2)), style="dim")


def _leave(talk: Conversation, out: Console) -> None:
    if talk.pending:
        with out.status(f"saving {talk.pending} pending memory updates…"):
            talk.wait()
    _show_filed(talk, out)
    talk.memory.end_session(user_id=talk.user, session_id=talk.session_id)
    out.print("bye: everything is saved.")


def _answer_ctrl_c() -> None:
    """Ctrl-C leaves even when a launcher (a script's `&`, a CI job) started us with SIGINT
    ignored: a person at the terminal expects it to work, and it waits for pending writes."""
    if sys.stdin.isatty() and signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"
