"""hexamem benchmarks: embedding throughput, add throughput, search latency at scale.

    python benchmarks/run.py                      # everything (10k and 100k)
    python benchmarks/run.py --sizes 10000        # quicker
    python benchmarks/run.py --out results.json

Figures are medians and percentiles from one run on this machine; targets are
the ones of the memory-core issue. Nothing here is a test: it measures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import Corpus, data_dir  # noqa: E402
from hexamem import Add, EpisodicEvent, Memory  # noqa: E402
from hexamem.embedding import open_embedder  # noqa: E402

START = datetime(2023, 1, 1, tzinfo=UTC)
TARGETS = {
    "embedding_sentences_per_s": (">=", 200),
    "add_items_per_s": (">=", 150),
    "search_p95_ms@100000": ("<=", 30),
}


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(pick(0.95) * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
        "n": len(ordered),
    }


def bench_embedding(corpus: Corpus) -> dict[str, float]:
    model = open_embedder()
    turns = corpus.short_turns()[:2000]
    model.embed(turns[:64])  # warm-up
    started = time.perf_counter()
    model.embed(turns)
    rate = len(turns) / (time.perf_counter() - started)
    single = []
    for text in turns[:200]:
        t0 = time.perf_counter()
        model.embed_one(text)
        single.append(time.perf_counter() - t0)
    return {
        "embedding_sentences_per_s": round(rate, 1),
        "embedding_mean_words": round(statistics.mean(len(t.split()) for t in turns), 1),
        "embedding_single_p50_ms": percentiles(single)["p50_ms"],
    }


def bench_add(corpus: Corpus, home: Path, calls: int = 100, per_call: int = 20) -> dict:
    turns = corpus.short_turns()
    with Memory.open(str(home)) as memory:
        started = time.perf_counter()
        for call in range(calls):
            chunk = turns[call * per_call : (call + 1) * per_call]
            memory.add(
                [{"role": "user", "content": text} for text in chunk],
                user_id="bench",
                session_id=f"s{call}",
                timestamp=START + timedelta(hours=call),
                infer=False,
            )
        elapsed = time.perf_counter() - started
    items = calls * per_call
    return {
        "add_items_per_s": round(items / elapsed, 1),
        "add_calls": calls,
        "add_messages_per_call": per_call,
    }


def load(memory: Memory, sentences: list[str], batch: int = 2000) -> float:
    """Bulk-load through the real write path (planner, log, embedder, Chroma, SQLite)."""
    started = time.perf_counter()
    step = timedelta(days=730) / max(1, len(sentences))
    for offset in range(0, len(sentences), batch):
        ops = [
            Add(
                payload=EpisodicEvent(
                    occurred_at=START + step * (offset + i),
                    actor="user",
                    event_type="message",
                    summary=text,
                )
            )
            for i, text in enumerate(sentences[offset : offset + batch])
        ]
        memory.apply(ops, user_id="bench", timestamp=START + timedelta(days=731))
    return len(sentences) / (time.perf_counter() - started)


def timed(queries: list[str], search: Callable[[str], object]) -> dict[str, float]:
    for query in queries[:10]:
        search(query)  # warm caches
    samples = []
    for query in queries:
        t0 = time.perf_counter()
        search(query)
        samples.append(time.perf_counter() - t0)
    return percentiles(samples)


def bench_search(corpus: Corpus, size: int, home: Path, queries: list[str]) -> dict:
    sentences = corpus.sentences(size)
    if len(sentences) < size:
        # The data holds fewer distinct sentences: repeat them with a session tag.
        sentences = [
            f"{s} (session {i // len(sentences)})" if i >= len(sentences) else s
            for i, s in enumerate(sentences * (size // len(sentences) + 1))
        ][:size]
    with Memory.open(str(home)) as memory:
        rate = load(memory, sentences)
        mid = START + timedelta(days=365)
        result = {
            f"load_items_per_s@{size}": round(rate, 1),
            f"search@{size}": timed(queries, lambda q: memory.search(q, user_id="bench")),
            f"search_as_of@{size}": timed(
                queries, lambda q: memory.search(q, user_id="bench", as_of=mid)
            ),
            f"search_last_30_days@{size}": timed(
                queries,
                lambda q: memory.search(q, user_id="bench", since=START + timedelta(days=700)),
            ),
        }
        result[f"search_p95_ms@{size}"] = result[f"search@{size}"]["p95_ms"]
    return result


def verdicts(results: dict, targets: dict[str, tuple[str, float]]) -> list[str]:
    """PASS or MISS for each target the results hold."""
    checks = {"<=": float.__le__, "<": float.__lt__, ">=": float.__ge__}
    lines = []
    for key, (op, target) in targets.items():
        if key in results:
            value = results[key]
            ok = checks[op](float(value), float(target))
            lines.append(f"{'PASS' if ok else 'MISS'} {key} = {value} (target {op} {target})")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/latest.json"))
    parser.add_argument("--keep", type=Path, help="keep the loaded stores here and reuse them")
    args = parser.parse_args()

    corpus = Corpus(data_dir())
    queries = corpus.questions()[: args.queries]
    results: dict = {"date": datetime.now(UTC).isoformat(timespec="seconds")}
    results.update(bench_embedding(corpus))
    print(json.dumps(results, indent=1), flush=True)
    with tempfile.TemporaryDirectory(prefix="hexamem-bench-") as tmp:
        results.update(bench_add(corpus, Path(tmp) / "add"))
        print(f"add: {results['add_items_per_s']} items/s", flush=True)
        stores = args.keep or Path(tmp)
        for size in args.sizes:
            results.update(bench_search(corpus, size, stores / f"search-{size}", queries))
            print(
                json.dumps({k: v for k, v in results.items() if f"@{size}" in k}, indent=1),
                flush=True,
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print("\n".join(verdicts(results, TARGETS)))
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
