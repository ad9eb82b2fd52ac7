"""A whole evaluation: load, ingest (cached), retrieve with every system, score, cost."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hexamem.embedding import Embedder
from hexamem.errors import InvalidInput
from hexamem.evaluation.baselines import BM25, Dense
from hexamem.evaluation.cases import Benchmark, Haystack, Question
from hexamem.evaluation.judging import full_context_answer, judged
from hexamem.evaluation.locomo import load_locomo
from hexamem.evaluation.longmemeval import load_longmemeval
from hexamem.evaluation.metrics import bleu1, percentile, token_f1
from hexamem.evaluation.retrieval import HexamemRetriever, Retriever
from hexamem.evaluation.scoring import DEPTH, scorable, session_scores, turn_scores
from hexamem.llm import StructuredLLM
from hexamem.llm.tokens import count_tokens
from hexamem.memory import Memory

LOADERS: dict[str, Callable[[Path], Benchmark]] = {
    "locomo": load_locomo,
    "longmemeval": load_longmemeval,
}


@dataclass(frozen=True)
class EvalConfig:
    benchmark: str
    data: Path
    out: Path
    limit: int | None = None
    infer: bool = False
    llm: str | None = None
    answers: bool = True
    #: Where ingested memories are kept between runs (default: under `out`).
    cache: Path | None = None


@dataclass
class Progress:
    """Callbacks a front end fills in; each gets a count done and a total."""

    stage: Callable[[str, int], None] = lambda name, total: None
    advance: Callable[[int], None] = lambda n: None


@dataclass
class EvalRun:
    config: EvalConfig
    benchmark: Benchmark
    llm: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    latency: dict[str, list[float]] = field(default_factory=dict)
    ingest: dict[str, Any] = field(default_factory=dict)
    usage: dict[str, int] = field(default_factory=dict)
    #: The model that grades answers and answers from full context; None offline.
    judge: StructuredLLM | None = None


def evaluate(
    config: EvalConfig,
    progress: Progress | None = None,
    *,
    embedder: Embedder | None = None,
    model: StructuredLLM | None = None,
) -> EvalRun:
    """Score every system on `config`'s benchmark; `embedder` defaults to hexamem's own,
    `model` to the provider `config.llm` names."""
    progress = progress or Progress()
    if config.benchmark not in LOADERS:
        raise InvalidInput(f"unknown benchmark {config.benchmark!r}; choose locomo or longmemeval")
    benchmark = LOADERS[config.benchmark](config.data).limited(config.limit)
    cache = config.cache or config.out / "cache"
    home = cache / _cache_name(config)
    home.mkdir(parents=True, exist_ok=True)
    opened = Memory.open(str(home / "memory"), llm=model or provider(config), embedder=embedder)
    with opened as memory:
        run = EvalRun(config, benchmark, memory.llm_provider)
        if config.answers and memory.llm.reads_any_prompt:
            run.judge = memory.llm
        hexamem = HexamemRetriever(memory, infer=config.infer, cache=home)
        progress.stage(
            "ingest", sum(len(s) for h in benchmark.haystacks.values() for s in h.sessions)
        )
        for haystack in benchmark.haystacks.values():
            hexamem.ingest(haystack, progress.advance)
        run.ingest = {
            "turns": hexamem.cost.turns,
            "seconds": round(hexamem.cost.seconds, 3),
            "turns_cut": hexamem.cost.turns_cut,
            "haystacks_cached": hexamem.cost.haystacks_cached,
            "seconds_when_first_ingested": round(sum(hexamem.cost.by_haystack.values()), 3),
        }
        progress.stage("search", len(benchmark.questions))
        for haystack_id, haystack in benchmark.haystacks.items():
            systems: list[Retriever] = [
                hexamem,
                BM25(haystack),
                Dense(haystack, memory.embedder, home / "dense" / f"{_safe(haystack_id)}.npy"),
            ]
            user_turns = {t.id for t in haystack.turns() if t.role == "user"}
            session_of = {t.id: t.session_id for t in haystack.turns()}
            for question in (q for q in benchmark.questions if q.haystack_id == haystack_id):
                run.rows.extend(_scored(run, systems, question, user_turns, session_of, memory))
                if run.judge is not None and question.answer:
                    run.rows.append(_full_context(run, run.judge, haystack, question))
                progress.advance(1)
        run.usage = _usage(memory, benchmark)
    return run


def _scored(
    run: EvalRun,
    systems: list[Retriever],
    question: Question,
    user_turns: set[str],
    session_of: dict[str, str],
    memory: Memory,
) -> list[dict[str, Any]]:
    rows = []
    for system in systems:
        started = time.perf_counter()
        hits = system.rank(question, DEPTH)
        run.latency.setdefault(f"{system.name}.search", []).append(time.perf_counter() - started)
        row: dict[str, Any] = {
            "question": question.id,
            "system": system.name,
            "category": question.category,
            "scored": scorable(question),
            "ranked": [list(h.sources) for h in hits[:10]],
        }
        if row["scored"]:
            keep = user_turns.__contains__ if run.benchmark.name == "longmemeval" else _everything
            row.update(turn_scores(hits, question, count_tokens, keep))
            row.update(session_scores(hits, question, lambda s: session_of.get(s, s)))
        if system.name == "hexamem" and run.config.answers and question.answer:
            started = time.perf_counter()
            answered = memory.answer(
                question.text, user_id=question.haystack_id, reference_time=question.asked_at
            )
            run.latency.setdefault("hexamem.answer", []).append(time.perf_counter() - started)
            row.update(_graded(run, question, answered.answer))
        rows.append(row)
    return rows


def _graded(run: EvalRun, question: Question, prediction: str) -> dict[str, Any]:
    """F1 and BLEU-1 against the reference; with a model, its CORRECT/WRONG too."""
    grades: dict[str, Any] = {
        "prediction": prediction,
        "f1": token_f1(prediction, question.answer),
        "bleu1": bleu1(prediction, question.answer),
    }
    if run.judge is not None:
        started = time.perf_counter()
        correct = judged(run.judge, question.text, question.answer, prediction)
        run.latency.setdefault("judge", []).append(time.perf_counter() - started)
        grades["judge"] = 1.0 if correct else 0.0
    return grades


def _full_context(
    run: EvalRun, llm: StructuredLLM, haystack: Haystack, question: Question
) -> dict[str, Any]:
    """The baseline that reads everything: the whole transcript, no retrieval."""
    started = time.perf_counter()
    answer, tokens = full_context_answer(
        llm, list(haystack.turns()), question.text, question.asked_at, count_tokens
    )
    run.latency.setdefault("full-context.answer", []).append(time.perf_counter() - started)
    return {
        "question": question.id,
        "system": "full-context",
        "category": question.category,
        "scored": False,  # it retrieves nothing: answers only
        "context_tokens": float(tokens),
        **_graded(run, question, answer),
    }


def latency_summary(run: EvalRun) -> dict[str, dict[str, float]]:
    return {
        name: {
            "p50_ms": round(percentile(values, 50) * 1000, 2),
            "p95_ms": round(percentile(values, 95) * 1000, 2),
            "n": len(values),
        }
        for name, values in run.latency.items()
    }


def _usage(memory: Memory, benchmark: Benchmark) -> dict[str, int]:
    calls = tokens_in = tokens_out = 0
    for haystack_id in benchmark.haystacks:
        for record in memory.usage(haystack_id):
            calls += 1
            tokens_in += record.input_tokens
            tokens_out += record.output_tokens
    return {"model_calls": calls, "input_tokens": tokens_in, "output_tokens": tokens_out}


def _everything(_: str) -> bool:
    return True


def _cache_name(config: EvalConfig) -> str:
    """One cache per data file, benchmark, mode and model: a change in any re-ingests."""
    digest = hashlib.sha256()
    with config.data.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    name = f"{config.benchmark}-{digest.hexdigest()[:10]}"
    # raw turns are stored with no model call: every provider shares one cache
    return f"{name}-infer-{_safe(provider(config))}" if config.infer else f"{name}-raw"


def provider(config: EvalConfig) -> str:
    """The model the run uses: the one asked for, else anthropic when a key is set, as
    every other command chooses, else the offline engine."""
    if config.llm:
        return config.llm
    return "anthropic" if os.environ.get("ANTHROPIC_API_KEY") else "offline"


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
