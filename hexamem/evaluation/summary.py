"""Scores averaged per system, overall and per category, and the costs beside them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from hexamem.evaluation.run import EvalRun, latency_summary

#: Reported apart from the overall figure: nothing to find (LoCoMo's adversarial).
APART = frozenset({"adversarial"})
HEADLINE = {
    "locomo": ("any@1", "any@5", "any@10", "all@5", "any@2000tok"),
    "longmemeval": ("any@5", "all@5", "ndcg@5", "session_any@5", "session_ndcg@5"),
}


def summarise(run: EvalRun) -> dict[str, Any]:
    systems: dict[str, dict[str, Any]] = {}
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in run.rows:
        if row["scored"] or "f1" in row:
            grouped[(row["system"], row["category"])].append(row)
    for (system, category), rows in sorted(grouped.items()):
        entry = systems.setdefault(system, {"overall": {}, "categories": {}})
        entry["categories"][category] = _means(rows)
    for system, entry in systems.items():
        rows = [
            r
            for (name, category), group in grouped.items()
            if name == system and category not in APART
            for r in group
        ]
        entry["overall"] = _means(rows)
    questions = run.benchmark.questions
    return {
        "benchmark": run.benchmark.name,
        "data": str(run.config.data),
        "mode": "infer" if run.config.infer else "raw",
        "llm": run.llm,
        "judge": (
            f"the configured model ({run.llm}) graded each answer CORRECT or WRONG; "
            "`judge` is the share graded CORRECT"
            if run.judge is not None
            else "none: the offline engine runs no judge; answers scored by F1 and BLEU-1"
        ),
        "haystacks": len(run.benchmark.haystacks),
        "questions": len(questions),
        "questions_scored": sum(1 for r in run.rows if r["system"] == "hexamem" and r["scored"]),
        "evidence_dropped": run.benchmark.dropped_evidence,
        "overall_excludes": sorted(APART & {q.category for q in questions}),
        "headline": list(HEADLINE[run.benchmark.name]),
        "systems": systems,
        "latency": latency_summary(run),
        "ingest": run.ingest,
        "usage": run.usage,
        "cost_per_question": _per_question(run),
    }


def _means(rows: list[dict[str, Any]]) -> dict[str, float]:
    sums: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        for key, value in row.items():
            if isinstance(value, float) and not isinstance(value, bool):
                sums[key].append(value)
    means = {key: round(sum(v) / len(v), 4) for key, v in sums.items()}
    means["n"] = float(sum(1 for r in rows if r["scored"]))
    return means


def _per_question(run: EvalRun) -> dict[str, float]:
    asked = max(1, sum(1 for r in run.rows if r["system"] == "hexamem"))
    turns = max(1, sum(len(s) for h in run.benchmark.haystacks.values() for s in h.sessions))
    packed = [r["tokens@2000tok"] for r in run.rows if r["system"] == "hexamem" and r["scored"]]
    return {
        "model_calls_per_question": round(run.usage.get("model_calls", 0) / asked, 3),
        "tokens_per_ingested_turn": round(
            (run.usage.get("input_tokens", 0) + run.usage.get("output_tokens", 0)) / turns, 2
        ),
        "packed_tokens_at_2000": round(sum(packed) / max(1, len(packed)), 1),
        "ingest_ms_per_turn": round(
            1000 * run.ingest.get("seconds_when_first_ingested", 0.0) / turns, 2
        ),
    }
