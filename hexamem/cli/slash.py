"""Slash commands of `hexamem chat`: look into the memory without leaving the conversation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from rich.table import Table

from hexamem.cli.conversation import Conversation
from hexamem.cli.views import history_table, memory_tables, search_table, timeline_table
from hexamem.errors import HexamemError, InvalidInput
from hexamem.memory_types import MemoryType, VaultEntry
from hexamem.memory_types.time import now


class Quit(Exception):
    """Raised by /quit: leave the chat (after pending memory work is flushed)."""


class Printer(Protocol):
    """Where a command's output goes: a rich `Console` in line mode, a panel in the app."""

    def print(self, *objects: Any, **options: Any) -> None: ...


@dataclass(frozen=True)
class Command:
    usage: str
    help: str
    run: Callable[[Conversation, str, Printer], None]


def _memory(chat: Conversation, arg: str, out: Printer) -> None:
    chosen = None
    if arg:
        try:
            chosen = MemoryType(arg)
        except ValueError:
            known = ", ".join(t.value for t in MemoryType)
            raise InvalidInput(f"unknown memory type {arg!r}; known: {known}") from None
    items = chat.memory.list(chat.user, chosen)
    tables = memory_tables(items, now())
    if not tables:
        out.print("[dim]no memories yet[/dim]")
    for table in tables:
        out.print(table)


def _core(chat: Conversation, arg: str, out: Printer) -> None:
    blocks = chat.memory.core(chat.user)
    if not blocks:
        out.print("[dim]no core blocks yet[/dim]")
        return
    table = Table(title="core blocks", title_justify="left")
    table.add_column("label")
    table.add_column("value", overflow="fold")
    for label, block in blocks.items():
        table.add_row(label, block.value)
    out.print(table)


def _search(chat: Conversation, arg: str, out: Printer) -> None:
    out.print(
        search_table(chat.memory.search(_needed(arg, "/search QUERY"), user_id=chat.user), now())
    )


def _timeline(chat: Conversation, arg: str, out: Printer) -> None:
    entity = _needed(arg, "/timeline ENTITY")
    out.print(timeline_table(entity, chat.memory.timeline(entity, user_id=chat.user)))


def _history(chat: Conversation, arg: str, out: Printer) -> None:
    out.print(history_table(chat.memory.history(_needed(arg, "/history ID"), user_id=chat.user)))


def _forget(chat: Conversation, arg: str, out: Printer) -> None:
    memory_id = _needed(arg, "/forget ID")
    chat.wait()  # a queued turn may still update it
    chat.memory.forget(memory_id, user_id=chat.user)
    out.print(f"forgot {memory_id}: every version is gone from every store")


def _reveal(chat: Conversation, arg: str, out: Printer) -> None:
    """Secrets shown on request: the answer to a question, or every vault entry."""
    chat.wait()  # a secret told a moment ago may still be filing
    if arg:
        found = chat.memory.answer(arg, user_id=chat.user, reveal_secrets=True)
        out.print(found.answer, highlight=False)
        return
    entries = chat.memory.list(chat.user, MemoryType.KNOWLEDGE_VAULT, reveal_secrets=True)
    if not entries:
        out.print("[dim]the vault is empty[/dim]")
        return
    table = Table(title="knowledge vault (shown on request)", title_justify="left")
    table.add_column("caption")
    table.add_column("secret", overflow="fold")
    for entry in entries:
        if isinstance(entry.payload, VaultEntry):
            table.add_row(entry.payload.caption, entry.payload.secret_value)
    out.print(table)


def _session(chat: Conversation, arg: str, out: Printer) -> None:
    if arg != "new":
        raise InvalidInput("usage: /session new")
    out.print(f"new session {chat.new_session()} (the memory stays; the conversation restarts)")


def _help(chat: Conversation, arg: str, out: Printer) -> None:
    table = Table(show_header=False, box=None)
    for command in COMMANDS.values():
        table.add_row(f"[bold]{command.usage}[/bold]", command.help)
    table.add_row("[bold]Ctrl-D, Ctrl-C[/bold]", "leave, after pending memory updates are saved")
    out.print(table)


def _quit(chat: Conversation, arg: str, out: Printer) -> None:
    raise Quit


def _needed(arg: str, usage: str) -> str:
    if not arg:
        raise InvalidInput(f"usage: {usage}")
    return arg


COMMANDS: dict[str, Command] = {
    "memory": Command("/memory [TYPE]", "current memories, a table per type", _memory),
    "core": Command("/core", "the core blocks (always in context)", _core),
    "search": Command("/search QUERY", "hybrid search over your memories", _search),
    "timeline": Command("/timeline ENTITY", "every fact about someone or something", _timeline),
    "history": Command("/history ID", "every version of one memory", _history),
    "forget": Command("/forget ID", "purge one memory for good", _forget),
    "reveal": Command(
        "/reveal [QUESTION]", "show secrets: the answer with them, or the whole vault", _reveal
    ),
    "session": Command("/session new", "start a new session", _session),
    "help": Command("/help", "this list", _help),
    "quit": Command("/quit", "leave the chat", _quit),
}
ALIASES = {"exit": "quit", "q": "quit", "mem": "memory", "?": "help"}


def parse_slash(line: str) -> tuple[str, str]:
    """`/Command  args` -> (command name, aliases resolved, lower case; its argument)."""
    name, _, arg = line[1:].strip().partition(" ")
    return ALIASES.get(name.lower(), name.lower()), arg.strip()


def run_slash(line: str, chat: Conversation, out: Printer) -> None:
    """Run one `/command args` line; errors are printed, only /quit escapes (as `Quit`)."""
    name, arg = parse_slash(line)
    command = COMMANDS.get(name)
    if command is None:
        out.print(f"[red]unknown command /{name}[/red]; /help lists them")
        return
    try:
        command.run(chat, arg, out)
    except HexamemError as exc:
        out.print(f"[red]{exc}[/red]", highlight=False)
