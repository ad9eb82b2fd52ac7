"""What an evaluation leaves behind: results.json, report.md and PNG plots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hexamem.evaluation.scoring import BUDGETS, KS

SYSTEMS = ("hexamem", "bm25", "dense")


def write_results(out: Path, summary: dict[str, Any], rows: list[dict[str, Any]]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "results.json"
    path.write_text(json.dumps({"summary": summary, "questions": rows}, indent=1, default=str))
    return path


def markdown(summary: dict[str, Any], plots: list[Path]) -> str:
    headline = summary["headline"]
    lines = [
        f"# {summary['benchmark']}: hexamem ({summary['mode']}, {summary['llm']}) and baselines",
        "",
        f"{summary['haystacks']} haystacks, {summary['questions']} questions, "
        f"{summary['questions_scored']} with evidence to find. Evidence that could not be "
        f"read: {_dropped(summary['evidence_dropped'])}. Overall figures leave out: "
        f"{', '.join(summary['overall_excludes']) or 'nothing'}.",
        "",
        "| system | " + " | ".join(headline) + " |",
        "|---|" + "---|" * len(headline),
    ]
    for system in _present(summary):
        overall = summary["systems"][system]["overall"]
        lines.append(f"| {system} | " + " | ".join(_cell(overall, m) for m in headline) + " |")
    lines += [
        "",
        "## By category (any@5)",
        "",
        "| category | " + " | ".join(_present(summary)) + " |",
    ]
    lines.append("|---|" + "---|" * len(_present(summary)))
    for category in _categories(summary):
        cells = [
            _cell(summary["systems"][s]["categories"].get(category, {}), "any@5")
            for s in _present(summary)
        ]
        lines.append(f"| {category} | " + " | ".join(cells) + " |")
    answered = {n: s["overall"] for n, s in summary["systems"].items() if "f1" in s["overall"]}
    if answered:
        lines += [
            "",
            "## Answers",
            "",
            "| system | token F1 | BLEU-1 | judge |",
            "|---|---|---|---|",
        ]
        for name, overall in answered.items():
            cells = [_cell(overall, m) for m in ("f1", "bleu1", "judge")]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines += ["", f"Judge: {summary['judge']}."]
    lines += ["", "## Cost", "", "| what | p50 ms | p95 ms |", "|---|---|---|"]
    for name, figures in summary["latency"].items():
        lines.append(f"| {name} | {figures['p50_ms']} | {figures['p95_ms']} |")
    lines += [
        "",
        f"Ingest: {summary['ingest']}.",
        f"Model use: {summary['usage']}.",
        f"Per question and turn: {summary['cost_per_question']}.",
        "",
    ]
    lines += [f"![{p.stem}]({p.name})" for p in plots]
    return "\n".join(lines) + "\n"


def plot(out: Path, summary: dict[str, Any]) -> list[Path]:
    """Recall against k and against a token budget, and any@5 per category.

    Needs matplotlib (the `eval` extra); without it, no plots and the caller says so.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = _present(summary)
    made = []
    for name, xs, metric, label in (
        ("recall_by_k", KS, "any@{}", "memories retrieved (k)"),
        ("recall_by_budget", BUDGETS, "any@{}tok", "context budget (tokens)"),
    ):
        figure, axes = plt.subplots(figsize=(5, 3.5))
        for system in systems:
            overall = summary["systems"][system]["overall"]
            axes.plot(
                xs, [overall.get(metric.format(x), 0.0) for x in xs], marker="o", label=system
            )
        axes.set_xlabel(label)
        axes.set_ylabel("evidence found (any)")
        axes.set_ylim(0, 1)
        axes.legend()
        axes.set_title(summary["benchmark"])
        made.append(_saved(figure, out / f"{name}.png"))
    categories = _categories(summary)
    figure, axes = plt.subplots(figsize=(max(5, 1.2 * len(categories)), 3.5))
    width = 0.8 / max(1, len(systems))
    for offset, system in enumerate(systems):
        values = [
            summary["systems"][system]["categories"].get(c, {}).get("any@5", 0.0)
            for c in categories
        ]
        axes.bar([i + offset * width for i in range(len(categories))], values, width, label=system)
    axes.set_xticks([i + 0.4 - width / 2 for i in range(len(categories))], categories, rotation=20)
    axes.set_ylabel("any@5")
    axes.set_ylim(0, 1)
    axes.legend()
    made.append(_saved(figure, out / "recall_by_category.png"))
    return made


def _saved(figure: Any, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    figure.clear()
    return path


def _present(summary: dict[str, Any]) -> list[str]:
    return [s for s in SYSTEMS if s in summary["systems"]]


def _categories(summary: dict[str, Any]) -> list[str]:
    return sorted({c for s in summary["systems"].values() for c in s["categories"]})


def _cell(figures: dict[str, float], metric: str) -> str:
    return f"{figures[metric]:.3f}" if metric in figures else "–"


def _dropped(dropped: dict[str, int]) -> str:
    return ", ".join(f"{n} ({reason})" for reason, n in dropped.items()) or "none"
