"""Rich renderings shared by every command: memories, ops, history, timelines, search hits.

Views only render data handed to them (items are already redacted by the
memory); they never read a store themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from rich.table import Table
from rich.text import Text

from hexamem.memory_types import MemoryItem, MemoryType
from hexamem.results import HistoryEntry, SearchResult, TimelineEntry
from hexamem.simulation import OpRecord

KIND_STYLES = {
    "ADD": "green",
    "UPDATE": "yellow",
    "DELETE": "red",
    "NOOP": "dim",
    "REASSERT": "cyan",
    "INVALIDATE": "magenta",
}
TYPE_ORDER = [
    MemoryType.CORE,
    MemoryType.EPISODIC,
    MemoryType.SEMANTIC,
    MemoryType.PROCEDURAL,
    MemoryType.RESOURCE,
    MemoryType.KNOWLEDGE_VAULT,
]


def day(moment: datetime | None, empty: str = "-") -> str:
    return moment.strftime("%Y-%m-%d") if moment else empty


def minute(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def short(text: str, width: int = 90) -> str:
    flat = " / ".join(line.strip() for line in text.splitlines() if line.strip())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def state_of(item: MemoryItem, now: datetime) -> str:
    if item.expired_at is not None:
        return f"closed {item.expired_at:%Y-%m-%d}"
    if item.invalid_at is not None and item.invalid_at <= now:
        return f"ended {item.invalid_at:%Y-%m-%d}"
    return "current"


def id_cell(item: MemoryItem, now: datetime) -> str:
    """The id on its own line (to copy into /history or /forget), then version and state."""
    return f"{item.id}\n[dim]v{item.version} · {state_of(item, now)}[/dim]"


def memory_tables(items: Sequence[MemoryItem], now: datetime) -> list[Table]:
    """One table per memory type, in a fixed order, newest first inside each."""
    tables = []
    for memory_type in TYPE_ORDER:
        mine = [i for i in items if i.type is memory_type]
        if not mine:
            continue
        table = Table(title=f"{memory_type.value} ({len(mine)})", title_justify="left")
        table.add_column("memory", overflow="fold", ratio=1, min_width=20)
        table.add_column("id · version · state", no_wrap=True)
        table.add_column("valid", no_wrap=True)
        for item in mine:
            table.add_row(
                short(item.text, 300),
                id_cell(item, now),
                f"{day(item.valid_at)} →\n{day(item.invalid_at, 'now')}\n"
                f"[dim]rec. {day(item.created_at)}[/dim]",
            )
        tables.append(table)
    return tables


def ops_table(ops: Iterable[OpRecord], title: str | None = None) -> Table:
    """Ops one a line: kind, memory type, id and the memory's short text (or NOOP reason)."""
    table = Table(title=title, title_justify="left", show_header=False, box=None, pad_edge=False)
    table.add_column("kind", no_wrap=True)
    table.add_column("type", no_wrap=True, style="blue")
    table.add_column("id", no_wrap=True, style="dim")
    table.add_column("memory", overflow="fold")
    for op in ops:
        text = op.text if op.kind != "NOOP" or not op.reason else f"({op.reason})"
        table.add_row(
            Text(op.kind, style=KIND_STYLES.get(op.kind, "")),
            op.memory_type.value,
            f"{op.id}" + (f" v{op.version}" if op.version else "") if op.id else "",
            short(text, 80),
        )
    return table


def search_table(results: Sequence[SearchResult], now: datetime) -> Table:
    table = Table(title=f"{len(results)} memories, best first", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("memory", overflow="fold", ratio=1, min_width=20)
    table.add_column("id · version · state", no_wrap=True)
    table.add_column("type", no_wrap=True)
    for rank, hit in enumerate(results, start=1):
        item = hit.item
        table.add_row(
            str(rank),
            short(item.text, 300),
            id_cell(item, now),
            f"{item.type.value}\n[dim]from {day(item.valid_at)}[/dim]",
        )
    return table


def history_table(entries: Sequence[HistoryEntry]) -> Table:
    table = Table(title="history, oldest first", title_justify="left")
    for column in ("at", "op", "versions", "before", "after", "by", "reason"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        versions = f"{entry.from_version or '-'} → {entry.to_version or '-'}"
        table.add_row(
            minute(entry.at),
            Text(entry.op, style=KIND_STYLES.get(entry.op, "")),
            versions,
            short(entry.old.text, 50) if entry.old else "-",
            short(entry.new.text, 50) if entry.new else "-",
            entry.actor or "-",
            entry.reason,
        )
    return table


def timeline_table(entity: str, entries: Sequence[TimelineEntry]) -> Table:
    table = Table(title=f"timeline of {entity}, oldest first", title_justify="left")
    table.add_column("valid", no_wrap=True)
    table.add_column("fact", overflow="fold", ratio=1, min_width=20)
    table.add_column("id · version", no_wrap=True)
    for entry in entries:
        item = entry.item
        state = "[green]current[/green]" if entry.current else "[dim]closed[/dim]"
        table.add_row(
            f"{day(item.valid_at)} →\n{day(item.invalid_at, 'now')}",
            short(item.text, 300),
            f"{item.id}\n[dim]v{item.version}[/dim] · {state}",
        )
    return table
