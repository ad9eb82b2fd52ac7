"""`hexamem simulate`: play scenario files into memory and check their probes.

Every file is read and checked before anything runs. Each then plays into a
fresh temporary memory (or all into `--home`), with a progress bar, a table
of ops per session, each probe's verdict and answer, and totals. Exit status
1 when any probe fails.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich import box
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from hexamem.cli.opening import opened
from hexamem.cli.options import console
from hexamem.cli.views import KIND_STYLES, ops_table, short
from hexamem.cli.words import plural
from hexamem.errors import InvalidInput
from hexamem.memory import Memory
from hexamem.simulation import Scenario, ScenarioReport, load_scenario, run_scenario

KINDS = ("ADD", "UPDATE", "DELETE", "NOOP")


def simulate(
    files: list[Path],
    *,
    llm: str | None,
    home: Path | None,
    report: Path | None,
    verbose: bool,
    per_exchange: bool = False,
) -> None:
    """Play scripted multi-session scenarios into memory, then check what it recalls."""
    scenarios = [(str(path), load_scenario(path)) for path in files]
    reports = []
    for file, scenario in scenarios:
        with _memory_for(home, llm) as memory:
            console.rule(f"[bold]{scenario.name}[/bold]  [dim]{file}[/dim]")
            if scenario.description:
                console.print(scenario.description.strip(), style="italic")
            result = _play(memory, scenario, file, per_exchange)
        _show(result, verbose)
        reports.append(result)
    failed = sum(r.totals.probes_failed for r in reports)
    probes = sum(len(r.probes) for r in reports)
    console.rule()
    verdict = "[green]every probe passed[/green]" if not failed else f"[red]{failed} failed[/red]"
    console.print(f"{plural(len(reports), 'scenario')}, {plural(probes, 'probe')}: {verdict}")
    if report is not None:
        _write_report(report, reports)
        console.print(f"report written to {report}")
    if failed:
        raise typer.Exit(1)


@contextmanager
def _memory_for(home: Path | None, llm: str | None) -> Iterator[Memory]:
    if home is not None:
        with opened(home, llm) as memory:
            yield memory
        return
    with (
        tempfile.TemporaryDirectory(prefix="hexamem-sim-") as fresh,
        opened(Path(fresh), llm) as memory,
    ):
        yield memory


def _play(memory: Memory, scenario: Scenario, file: str, per_exchange: bool) -> ScenarioReport:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("turns"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        total = sum(len(s.turns) for s in scenario.sessions)
        task = progress.add_task(scenario.name, total=total)

        def advance(session_id: str, done: int, _total: int) -> None:
            progress.update(task, completed=done, description=f"{scenario.name} · {session_id}")

        return run_scenario(memory, scenario, file=file, on_turn=advance, per_exchange=per_exchange)


def _show(report: ScenarioReport, verbose: bool) -> None:
    for session in report.sessions:
        title = (
            f"session {session.id} · {session.user} · {session.at:%Y-%m-%d %H:%M} · "
            f"{plural(len(session.exchanges), 'exchange')}"
        )
        console.print(f"[bold]{title}[/bold]")
        if verbose:
            for exchange in session.exchanges:
                if exchange.user is not None:
                    console.print(f"  [cyan]user[/cyan] {exchange.user}", highlight=False)
                for said in exchange.assistant:
                    who = "assistant (live)" if exchange.live else "assistant"
                    console.print(f"  [magenta]{who}[/magenta] {said}", highlight=False)
                if exchange.ops:
                    console.print(ops_table(exchange.ops), style="dim")
            continue
        counts = session.op_counts()
        kinds = [*KINDS, *sorted({k for c in counts.values() for k in c} - set(KINDS))]
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
        table.add_column("memory type")
        for kind in kinds:
            table.add_column(Text(kind, style=KIND_STYLES.get(kind, "")), justify="right")
        for memory_type, by_kind in sorted(counts.items()):
            table.add_row(memory_type, *(str(by_kind.get(kind, 0)) for kind in kinds))
        if not counts:
            table.add_row("(nothing)", *("0" for _ in kinds))
        console.print(table)
    _show_probes(report)
    totals = report.totals
    console.print(
        f"{plural(totals.turns, 'turn')} ({totals.live_replies} answered live) in "
        f"{totals.seconds:.2f} s: {totals.turns_per_second:.1f} turns/s · "
        f"{plural(totals.llm_calls, 'model call')} "
        f"({report.llm}) · {totals.input_tokens:,} tokens in, {totals.output_tokens:,} out"
    )


def _show_probes(report: ScenarioReport) -> None:
    if not report.probes:
        return
    table = Table(title="probes", title_justify="left")
    table.add_column("", no_wrap=True)
    table.add_column("after", no_wrap=True)
    table.add_column("user", no_wrap=True)
    for column in ("probe", "answer", "why"):
        table.add_column(column, overflow="fold", ratio=1)
    for probe in report.probes:
        verdict = Text("PASS", style="green") if probe.passed else Text("FAIL", style="bold red")
        why = []
        if probe.missing:
            why.append("missing " + ", ".join(repr(m) for m in probe.missing))
        if probe.unexpected:
            why.append("has " + ", ".join(repr(u) for u in probe.unexpected))
        label = probe.text if probe.kind == "ask" else f"memory: {probe.text}"
        table.add_row(
            verdict, probe.after, probe.user, label, short(probe.answer, 70), "; ".join(why)
        )
    console.print(table)


def _write_report(path: Path, reports: list[ScenarioReport]) -> None:
    body = {
        "passed": all(r.passed for r in reports),
        "scenarios": [
            {
                **r.model_dump(mode="json"),
                "passed": r.passed,
                "turns_per_second": round(r.totals.turns_per_second, 2),
            }
            for r in reports
        ],
    }
    try:
        path.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"--report {path}: {exc.strerror or exc}") from exc
