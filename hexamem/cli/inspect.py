"""Looking into a memory from the terminal: inspect, search, timeline, history, stats, doctor.

Options and help are declared in `cli.app`; these functions do the work. Every
listing prints tables, or with `--json` one JSON document on stdout that reads
the same at any terminal width; notes and errors go to stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from hexamem.cli.choices import known_user, memory_type, moment
from hexamem.cli.opening import opened
from hexamem.cli.options import console
from hexamem.cli.views import (
    doctor_table,
    history_table,
    memory_tables,
    search_table,
    stats_table,
    timeline_table,
)
from hexamem.cli.words import plural
from hexamem.memory import Memory
from hexamem.memory_types.time import now


def print_json(value: Any) -> None:
    """`value` as indented JSON on stdout, never wrapped or coloured by the terminal."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def _users(memory: Memory, user: str | None) -> list[str]:
    """The user asked for (who must exist), or every user this memory holds."""
    if user is not None:
        return [known_user(memory, user)]
    users = memory.users()
    if not users:
        typer.echo(f"{memory.settings.home} holds no memories yet.", err=True)
    return users


def inspect(
    *, user: str | None, type: str | None, all_versions: bool, as_json: bool, home: Path | None
) -> None:
    """Memories as tables per type, with their dates and versions."""
    chosen = memory_type(type)
    with opened(home) as memory:
        dump: dict[str, list[Any]] = {}
        for who in _users(memory, user):
            items = memory.list(who, chosen, include_expired=all_versions)
            if as_json:
                dump[who] = [item.model_dump(mode="json") for item in items]
                continue
            console.rule(f"[bold]{who}[/bold]: {plural(len(items), 'memory', 'memories')}")
            for table in memory_tables(items, now()):
                console.print(table)
        if as_json:
            print_json(dump)


def search(
    query: str,
    *,
    user: str,
    type: str | None,
    k: int,
    every: bool,
    as_of: str | None,
    as_json: bool,
    home: Path | None,
) -> None:
    """Hybrid search (vectors, BM25, graph) over one user's memories."""
    chosen, when = memory_type(type), moment(as_of, "--as-of")
    with opened(home) as memory:
        results = memory.search(
            query,
            user_id=known_user(memory, user),
            types=[chosen] if chosen else None,
            k=None if every else k,
            as_of=when,
        )
        if as_json:
            print_json([r.model_dump(mode="json") for r in results])
        else:
            console.print(search_table(results, when or now()))


def timeline(entity: str, *, user: str, as_json: bool, home: Path | None) -> None:
    """Every fact about an entity from the knowledge graph, oldest first."""
    with opened(home) as memory:
        entries = memory.timeline(entity, user_id=known_user(memory, user))
        if as_json:
            print_json([e.model_dump(mode="json") for e in entries])
        else:
            console.print(timeline_table(entity, entries))


def history(id: str, *, user: str | None, as_json: bool, home: Path | None) -> None:
    """Every change to one memory, with the versions before and after."""
    with opened(home) as memory:
        owner = None if user is None else known_user(memory, user)
        entries = memory.history(id, user_id=owner)
        if as_json:
            print_json([e.model_dump(mode="json") for e in entries])
        else:
            console.print(history_table(entries))


def stats(*, user: str | None, as_json: bool, home: Path | None) -> None:
    """Counts per memory type, graph size, and tokens spent, per user."""
    with opened(home) as memory:
        every = [memory.stats(who) for who in _users(memory, user)]
        if as_json:
            print_json([s.model_dump(mode="json") for s in every])
        elif every:
            console.print(stats_table(every, f"memory in {memory.settings.home}"))


def doctor(*, repair: bool, user: str | None, as_json: bool, home: Path | None) -> None:
    """Check (and with `repair`, fix) every store against the records, per user."""
    with opened(home) as memory:
        report = memory.doctor(
            repair=repair, user_id=None if user is None else known_user(memory, user)
        )
    if as_json:
        print_json(report.model_dump(mode="json"))
    else:
        console.print(doctor_table(report))
        for q in report.quarantined:
            console.print(f"  {q.batch_id} ({q.user_id}): {q.reason}", markup=False)
    if not report.healthy:
        raise typer.Exit(1)
