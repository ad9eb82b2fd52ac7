"""LangGraph store benchmark: put and search latency of `HexamemStore` beside
LangGraph's `InMemoryStore`, both indexing with the same embedder (hexamem's MiniLM).

    python benchmarks/store.py                 # 1k and 10k items
    python benchmarks/store.py --sizes 1000

Items are real conversation sentences from the shared data, `{"text": ...}`, spread
over 100 users' namespaces `("memories", <user>)`. After loading, it times single
puts of new items, searches inside one user's namespace, and searches across all of
them (`("memories",)`), with a query and a filter. Medians and p95, one run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from langgraph.store.base import BaseStore, PutOp  # noqa: E402
from langgraph.store.memory import InMemoryStore  # noqa: E402

from benchmarks.corpus import Corpus, data_dir  # noqa: E402
from benchmarks.run import percentiles  # noqa: E402
from hexamem import Memory  # noqa: E402
from hexamem.embedding import open_embedder  # noqa: E402
from hexamem.langgraph import HexamemStore  # noqa: E402

USERS = 100
PROBES = 100


def index_config() -> dict:
    embedder = open_embedder()
    return {
        "dims": embedder.dimension,
        "embed": lambda texts: embedder.embed(texts).tolist(),
        "fields": ["text"],
    }


def load(store: BaseStore, sentences: list[str]) -> float:
    started = time.perf_counter()
    for start in range(0, len(sentences), 500):
        store.batch(
            [
                PutOp(("memories", f"u{n % USERS}"), f"k{n}", {"text": s, "n": n})
                for n, s in enumerate(sentences[start : start + 500], start=start)
            ]
        )
    return len(sentences) / (time.perf_counter() - started)


def timed(calls: list[Callable[[], object]]) -> dict[str, float]:
    for call in calls[:5]:
        call()  # warm
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def measure(store: BaseStore, sentences: list[str], new: list[str], queries: list[str]) -> dict:
    loaded = load(store, sentences)
    size = len(sentences)
    puts = [
        (lambda n=n, s=s: store.put(("memories", f"u{n % USERS}"), f"new{n}", {"text": s, "n": -n}))
        for n, s in enumerate(new)
    ]
    one_user = [
        (lambda n=n, q=q: store.search(("memories", f"u{n % USERS}"), query=q, limit=10))
        for n, q in enumerate(queries)
    ]
    everyone = [(lambda q=q: store.search(("memories",), query=q, limit=10)) for q in queries]
    filtered = [
        (lambda q=q: store.search(("memories",), query=q, filter={"n": {"$lt": size // 2}}))
        for q in queries
    ]
    return {
        "load_items_per_s": round(loaded, 1),
        "put": timed(puts),
        "search_one_user": timed(one_user),
        "search_all_users": timed(everyone),
        "search_all_filtered": timed(filtered),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    args = parser.parse_args()
    corpus = Corpus(data_dir())
    pool = corpus.sentences(max(args.sizes) + 2 * PROBES)
    probes, queries = pool[:PROBES], pool[PROBES : 2 * PROBES]
    results: dict[str, dict] = {}
    for size in args.sizes:
        sentences = pool[2 * PROBES : 2 * PROBES + size]
        with tempfile.TemporaryDirectory() as home, Memory.open(home) as memory:
            hexamem = measure(
                HexamemStore(memory, index=index_config()), sentences, probes, queries
            )
        in_memory = measure(InMemoryStore(index=index_config()), sentences, probes, queries)
        results[str(size)] = {"HexamemStore": hexamem, "InMemoryStore": in_memory}
        for name, figures in results[str(size)].items():
            print(f"{size:>6} items  {name:<14} {json.dumps(figures)}")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
