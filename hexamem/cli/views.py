"""Rich renderings shared by every command: memories, ops, history, timelines, search hits.

Views only render data handed to them (items are already redacted by the
memory); they never read a store themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from hexamem.cli.diffs import word_diff
from hexamem.cli.words import plural
from hexamem.memory_types import MemoryItem, MemoryType
from hexamem.results import DoctorReport, HistoryEntry, MemoryStats, SearchResult, TimelineEntry
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


#: Widths that keep a date or a date-time on one line ("2026-12-01", "2026-12-01 20:08").
DAY_WIDTH, MINUTE_WIDTH = 10, 16
#: A memory id is a prefix and 24 hex digits: a column narrower would cut it.
ID_WIDTH = 28


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


def dates_cell(item: MemoryItem) -> str:
    """When the memory held (from → to, or now) and when it was recorded, a date a line."""
    return (
        f"{day(item.valid_at)} →\n{day(item.invalid_at, 'now')}\n"
        f"[dim]rec. {day(item.created_at)}[/dim]"
    )


def memory_tables(items: Sequence[MemoryItem], now: datetime) -> list[Table]:
    """One table per memory type, in a fixed order, newest first inside each."""
    tables = []
    for memory_type in TYPE_ORDER:
        mine = [i for i in items if i.type is memory_type]
        if not mine:
            continue
        table = Table(title=f"{memory_type.value} ({len(mine)})", title_justify="left")
        table.add_column("memory", overflow="fold", ratio=1, min_width=20)
        table.add_column("id · version · state", no_wrap=True, min_width=ID_WIDTH)
        table.add_column("valid", no_wrap=True, min_width=DAY_WIDTH + 2)
        for item in mine:
            table.add_row(escape(short(item.text, 300)), id_cell(item, now), dates_cell(item))
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


def search_table(
    results: Sequence[SearchResult], now: datetime, *, title: str | None = None
) -> Table:
    """Hits best first: rank, fused score, the memory with its id, its type and dates."""
    table = Table(
        title=title or f"{plural(len(results), 'memory', 'memories')}, best first",
        title_justify="left",
        caption="score: fused rank of vectors, words and graph; higher is better",
        caption_justify="left",
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("memory · id · version · state", overflow="fold", ratio=1, min_width=ID_WIDTH)
    table.add_column("type · valid", no_wrap=True, min_width=DAY_WIDTH + 5)
    for rank, hit in enumerate(results, start=1):
        item = hit.item
        table.add_row(
            str(rank),
            f"{hit.score:.3f}",
            f"{escape(short(item.text, 300))}\n[dim]{id_cell(item, now)}[/dim]",
            f"{item.type.value}\n{dates_cell(item)}",
        )
    return table


def history_table(entries: Sequence[HistoryEntry]) -> Table:
    table = Table(title="history, oldest first", title_justify="left")
    table.add_column("at", no_wrap=True, min_width=MINUTE_WIDTH)
    table.add_column("op", no_wrap=True)
    table.add_column("versions", no_wrap=True)
    table.add_column("change", overflow="fold", ratio=2)
    table.add_column("by", overflow="fold")
    table.add_column("reason", overflow="fold", ratio=1)
    for entry in entries:
        versions = f"{entry.from_version or '-'} → {entry.to_version or '-'}"
        table.add_row(
            minute(entry.at),
            Text(entry.op, style=KIND_STYLES.get(entry.op, "")),
            versions,
            _change(entry),
            escape(entry.actor or "-"),
            escape(entry.reason),
        )
    return table


def _change(entry: HistoryEntry) -> Text:
    """Before and after as one word diff: two cut-short texts that share a long
    beginning would look the same."""
    before = entry.old.text if entry.old else ""
    after = entry.new.text if entry.new else ""
    if before and after:
        return word_diff(before, after)
    return Text(before or after or "-", style="red strike" if before else "")


def timeline_table(entity: str, entries: Sequence[TimelineEntry]) -> Table:
    table = Table(title=f"timeline of {escape(entity)}, oldest first", title_justify="left")
    table.add_column("valid", no_wrap=True, min_width=DAY_WIDTH + 2)
    table.add_column("fact", overflow="fold", ratio=1, min_width=20)
    table.add_column("id · version", no_wrap=True, min_width=ID_WIDTH)
    for entry in entries:
        item = entry.item
        state = "[green]current[/green]" if entry.current else "[dim]closed[/dim]"
        table.add_row(
            f"{day(item.valid_at)} →\n{day(item.invalid_at, 'now')}",
            escape(short(item.text, 300)),
            f"{item.id}\n[dim]v{item.version}[/dim] · {state}",
        )
    return table


def stats_table(every: Sequence[MemoryStats], title: str) -> Table:
    """Users side by side: memories per type (current and versions kept), graph, model cost."""
    table = Table(title=title, title_justify="left", caption="per type: current (versions kept)")
    table.add_column("")
    for s in every:
        table.add_column(escape(s.user_id), justify="right")
    for memory_type in TYPE_ORDER:
        counts = (s.types[memory_type] for s in every)
        table.add_row(memory_type.value, *(f"{c.current} ({c.versions})" for c in counts))
    rows: dict[str, list[str]] = {
        "episodes": [str(s.episodes) for s in every],
        "graph entities": [str(s.entities) for s in every],
        "graph facts": [str(s.facts) for s in every],
        "model calls": [str(s.llm_calls) for s in every],
        "tokens in / out": [f"{s.input_tokens:,} / {s.output_tokens:,}" for s in every],
    }
    for label, values in rows.items():
        table.add_row(label, *values)
    return table


def doctor_table(report: DoctorReport) -> Table:
    """Per user: versions on record and what each store misses or holds in excess."""
    table = Table(
        title="stores against the records",
        title_justify="left",
        caption=f"{plural(report.pending, 'batch', 'batches')} pending, "
        f"{len(report.quarantined)} quarantined",
        caption_justify="left",
    )
    for column in ("user", "versions", "vectors", "fts", "graph facts"):
        table.add_column(column, justify="right" if column != "user" else "left")
    for check in report.users:
        table.add_row(
            escape(check.user_id),
            str(check.versions),
            _drift(check.missing_vectors, check.stray_vectors),
            _drift(check.missing_lexical, []),
            _drift(check.missing_facts, check.stray_facts),
        )
    return table


def _drift(missing: Sequence[str], stray: Sequence[str]) -> str:
    if not missing and not stray:
        return "[green]ok[/green]"
    return f"[red]{len(missing)} missing, {len(stray)} stray[/red]"
