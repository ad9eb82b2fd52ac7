"""Looking into a memory from the terminal: inspect, search, timeline, history, stats.

Options and help are declared in `cli.app`; these functions do the work.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from hexamem.cli.opening import opened
from hexamem.cli.options import console, reported_errors
from hexamem.cli.views import (
    TYPE_ORDER,
    history_table,
    memory_tables,
    search_table,
    timeline_table,
)
from hexamem.intake.checks import checked_types
from hexamem.memory import Memory
from hexamem.memory_types import MemoryType
from hexamem.memory_types.time import now


def _print_json(value: Any) -> None:
    console.print_json(json.dumps(value, ensure_ascii=False, default=str))


def _type(name: str | None) -> MemoryType | None:
    """The `--type` choice, checked before any memory is opened."""
    with reported_errors():
        chosen = checked_types(name)
    return chosen[0] if chosen else None


def _users(memory: Memory, user: str | None) -> list[str]:
    users = [user] if user else memory.users()
    if user is None and not users:
        console.print(f"[dim]{memory.settings.home} holds no memories yet.[/dim]")
    return users


def inspect(
    *, user: str | None, type: str | None, all_versions: bool, as_json: bool, home: Path | None
) -> None:
    """Memories as tables per type, with their dates and versions."""
    chosen = _type(type)
    with opened(home) as memory:
        dump: dict[str, list[Any]] = {}
        for who in _users(memory, user):
            items = memory.list(who, chosen, include_expired=all_versions)
            if as_json:
                dump[who] = [item.model_dump(mode="json") for item in items]
                continue
            console.rule(f"[bold]{who}[/bold]: {len(items)} memories")
            for table in memory_tables(items, now()):
                console.print(table)
        if as_json:
            _print_json(dump)


def search(
    query: str,
    *,
    user: str,
    type: str | None,
    k: int,
    as_of: str | None,
    as_json: bool,
    home: Path | None,
) -> None:
    """Hybrid search (vectors, BM25, graph) over one user's memories."""
    chosen = _type(type)
    with opened(home) as memory:
        results = memory.search(
            query, user_id=user, types=[chosen] if chosen else None, k=k, as_of=as_of
        )
        if as_json:
            _print_json([r.model_dump(mode="json") for r in results])
        else:
            console.print(search_table(results, now()))


def timeline(entity: str, *, user: str, as_json: bool, home: Path | None) -> None:
    """Every fact about an entity from the knowledge graph, oldest first."""
    with opened(home) as memory:
        entries = memory.timeline(entity, user_id=user)
        if as_json:
            _print_json([e.model_dump(mode="json") for e in entries])
        else:
            console.print(timeline_table(entity, entries))


def history(id: str, *, user: str | None, as_json: bool, home: Path | None) -> None:
    """Every change to one memory, with the versions before and after."""
    with opened(home) as memory:
        entries = memory.history(id, user_id=user)
        if as_json:
            _print_json([e.model_dump(mode="json") for e in entries])
        else:
            console.print(history_table(entries))


def stats(*, user: str | None, as_json: bool, home: Path | None) -> None:
    """Counts per memory type, graph size, and tokens spent, per user."""
    with opened(home) as memory:
        every = [memory.stats(who) for who in _users(memory, user)]
        if as_json:
            _print_json([s.model_dump(mode="json") for s in every])
            return
        if not every:
            return
        table = Table(title=f"memory in {memory.settings.home}", title_justify="left")
        table.add_column("")
        for s in every:
            table.add_column(s.user_id, justify="right")
        for memory_type in TYPE_ORDER:
            table.add_row(
                memory_type.value,
                *(
                    f"{s.types[memory_type].current} ({s.types[memory_type].versions})"
                    for s in every
                ),
            )
        rows: dict[str, list[str]] = {
            "episodes": [str(s.episodes) for s in every],
            "graph entities": [str(s.entities) for s in every],
            "graph facts": [str(s.facts) for s in every],
            "model calls": [str(s.llm_calls) for s in every],
            "tokens in / out": [f"{s.input_tokens:,} / {s.output_tokens:,}" for s in every],
        }
        for label, values in rows.items():
            table.add_row(label, *values)
        table.caption = "per type: current (versions kept)"
        console.print(table)


def doctor(*, repair: bool, user: str | None, as_json: bool, home: Path | None) -> None:
    """Check (and with `repair`, fix) every store against the records, per user."""
    with opened(home) as memory:
        report = memory.doctor(repair=repair, user_id=user)
    if as_json:
        _print_json(report.model_dump(mode="json"))
    else:
        table = Table(title="stores against the records", title_justify="left")
        for column in ("user", "versions", "vectors", "fts", "graph facts"):
            table.add_column(column, justify="right" if column != "user" else "left")
        for check in report.users:
            table.add_row(
                check.user_id,
                str(check.versions),
                _drift(check.missing_vectors, check.stray_vectors),
                _drift(check.missing_lexical, []),
                _drift(check.missing_facts, check.stray_facts),
            )
        console.print(table)
        console.print(
            f"{report.pending} batches pending, {len(report.quarantined)} quarantined"
            + ("".join(f"\n  {q.batch_id} ({q.user_id}): {q.reason}" for q in report.quarantined))
        )
    if not report.healthy:
        raise typer.Exit(1)


def _drift(missing: list[str], stray: list[str]) -> str:
    if not missing and not stray:
        return "[green]ok[/green]"
    return f"[red]{len(missing)} missing, {len(stray)} stray[/red]"
