"""`hexamem eval`: a public benchmark through hexamem and two baselines, with a report.

Progress bars while it ingests and searches, then a summary table; `results.json`,
`report.md` and PNG plots land in `--out`. Ingested memories are cached under
`--out`/cache, so a second run over the same data and mode only searches.
"""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from hexamem.cli.options import console
from hexamem.cli.words import plural
from hexamem.evaluation.report import markdown, plot, write_results
from hexamem.evaluation.run import EvalConfig, evaluate
from hexamem.evaluation.run import Progress as Callbacks
from hexamem.evaluation.summary import summarise


def run_eval(config: EvalConfig) -> None:
    with _bars() as bars:
        task = None

        def stage(name: str, total: int) -> None:
            nonlocal task
            if task is not None:
                bars.update(task, completed=bars.tasks[task].total)
            task = bars.add_task(name, total=total)

        def advance(n: int) -> None:
            if task is not None:
                bars.advance(task, n)

        run = evaluate(config, Callbacks(stage, advance))
        if task is not None:
            bars.update(task, completed=bars.tasks[task].total)
    summary = summarise(run)
    try:
        plots = plot(config.out, summary)
    except ImportError:
        plots = []
        console.print("plots skipped: matplotlib is missing (pip install 'hexamem[eval]')")
    results = write_results(config.out, summary, run.rows)
    (config.out / "report.md").write_text(markdown(summary, plots))
    console.print(_table(summary))
    console.print(f"results in {results}, report in {config.out / 'report.md'}")


def _bars() -> Progress:
    return Progress(
        TextColumn("{task.description:>7}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _table(summary: dict) -> Table:
    headline = summary["headline"]
    table = Table(
        title=f"{summary['benchmark']} ({summary['mode']}, {summary['llm']}): "
        f"{plural(summary['questions_scored'], 'question')} scored",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("system")
    for metric in headline:
        table.add_column(metric, justify="right")
    table.add_column("search p50 ms", justify="right")
    for system, figures in summary["systems"].items():
        overall = figures["overall"]
        latency = summary["latency"].get(f"{system}.search", {})
        table.add_row(
            system,
            *(f"{overall[m]:.3f}" if m in overall else "–" for m in headline),
            f"{latency.get('p50_ms', 0):.1f}",
        )
    return table


def default_out(benchmark: str) -> Path:
    return Path("eval-results") / benchmark
