"""Search at scale: hexamem beside Chroma alone and exact numpy top-k, same vectors.

    python benchmarks/scale.py                       # 10k and 100k memories
    python benchmarks/scale.py --sizes 10000 --out scale.json

Every latency includes embedding the query with the same MiniLM model. The
sentences are embedded once and the same vectors go into hexamem (through its
real write path), into a bare Chroma collection and into a numpy matrix, so the
three answer the same questions over the same data. `Memory.open`, the first
search and peak memory (VmHWM) are measured in a fresh process that opens the
loaded home; the embedded graph server's RSS is reported beside it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import chromadb  # noqa: E402
import numpy as np  # noqa: E402

from benchmarks.corpus import Corpus, data_dir  # noqa: E402
from benchmarks.run import load, timed, verdicts  # noqa: E402
from hexamem import Memory  # noqa: E402
from hexamem.embedding import Embedder, Vectors, open_embedder  # noqa: E402

K = 10
TARGETS = {
    "hexamem_search_p95_ms@10000": ("<=", 25),
    "hexamem_search_p95_ms@100000": ("<=", 50),
    "probe_peak_rss_mb@100000": ("<=", 600),
    "probe_open_s@100000": ("<", 2),
}


class Precomputed(Embedder):
    """The real model, answering from vectors computed beforehand when it has them.

    Loading 100k memories would otherwise embed every sentence twice (hexamem and
    Chroma); queries are never in the table, so they are embedded for real.
    """

    def __init__(self, model: Embedder, texts: Sequence[str], vectors: Vectors) -> None:
        self.model, self.dimension, self.model_id = model, model.dimension, model.model_id
        self.table = dict(zip(texts, vectors, strict=True))

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        missing = [t for t in texts if t not in self.table]
        if missing:
            self.table.update(zip(missing, self.model.embed(missing), strict=True))
        return np.stack([self.table[t] for t in texts]).astype(np.float32)


def sentences_for(corpus: Corpus, size: int) -> list[str]:
    found = corpus.sentences(size)
    # The data holds fewer distinct sentences than 100k: repeat them, tagged.
    return [
        found[i % len(found)] + (f" (take {i // len(found)})" if i >= len(found) else "")
        for i in range(size)
    ]


def chroma_collection(home: Path, vectors: Vectors) -> chromadb.Collection:
    client = chromadb.PersistentClient(
        str(home), settings=chromadb.Settings(anonymized_telemetry=False)
    )
    collection = client.get_or_create_collection(
        "bench", embedding_function=None, metadata={"hnsw:space": "cosine"}
    )
    step = 5000
    for offset in range(0, len(vectors), step):
        chunk = vectors[offset : offset + step]
        collection.upsert(
            ids=[f"m{offset + i}" for i in range(len(chunk))], embeddings=chunk.tolist()
        )
    return collection


def probe(home: Path, queries: list[str]) -> dict[str, float]:
    """Open a loaded home in a fresh process: open time, first search, peak memory."""
    # The child gets the questions in a file of their own: loading the benchmark
    # data there would count its memory as hexamem's.
    asked = home / "probe-questions.json"
    asked.write_text(json.dumps(queries))
    done = subprocess.run(
        [sys.executable, __file__, "--probe", str(home)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_probe(home: Path) -> None:
    queries = json.loads((home / "probe-questions.json").read_text())
    started = time.perf_counter()
    memory = Memory.open(str(home))
    opened = time.perf_counter() - started
    first = time.perf_counter()
    memory.search(queries[0], user_id="bench", k=K)
    first_search = time.perf_counter() - first
    for query in queries:
        memory.search(query, user_id="bench", k=K)
    status = _status_kb(Path("/proc/self/status"))
    server = [_status_kb(Path(f"/proc/{pid}/status")) for pid in _graph_pids(home)]
    memory.close()
    print(
        json.dumps(
            {
                "open_s": round(opened, 2),
                "first_search_s": round(first_search, 2),
                "peak_rss_mb": round(status["VmHWM"] / 1024, 1),
                "rss_mb": round(status["VmRSS"] / 1024, 1),
                "graph_server_rss_mb": round(sum(s["VmRSS"] for s in server) / 1024, 1),
            }
        )
    )


def _status_kb(path: Path) -> dict[str, int]:
    fields = {}
    for line in path.read_text().splitlines():
        name, _, value = line.partition(":")
        if value.strip().endswith("kB"):
            fields[name] = int(value.split()[0])
    return fields


def _graph_pids(home: Path) -> list[int]:
    pids = []
    for pidfile in home.rglob("falkordb.pid"):
        pid = int(pidfile.read_text().strip())
        if Path(f"/proc/{pid}").exists():
            pids.append(pid)
    return pids


def bench_size(size: int, corpus: Corpus, model: Embedder, queries: list[str], root: Path) -> dict:
    texts = sentences_for(corpus, size)
    started = time.perf_counter()
    vectors = model.embed(texts)
    embed_rate = size / (time.perf_counter() - started)
    home = root / f"hexamem-{size}"
    with Memory.open(str(home), embedder=Precomputed(model, texts, vectors)) as memory:
        load_rate = load(memory, texts)
        memory.flush()
        hexamem = timed(queries, lambda q: memory.search(q, user_id="bench", k=K))
    collection = chroma_collection(root / f"chroma-{size}", vectors)
    chroma = timed(
        queries,
        lambda q: collection.query(query_embeddings=[model.embed_one(q).tolist()], n_results=K),
    )

    def exact(query: str) -> np.ndarray:
        scores = vectors @ model.embed_one(query)
        top = np.argpartition(-scores, K)[:K]
        return top[np.argsort(-scores[top])]

    numpy_topk = timed(queries, exact)
    embed_only = timed(queries, model.embed_one)
    found = probe(home, queries[:100])
    result = {
        f"embed_sentences_per_s@{size}": round(embed_rate, 1),
        f"hexamem_load_items_per_s@{size}": round(load_rate, 1),
        f"hexamem_search@{size}": hexamem,
        f"raw_chroma_search@{size}": chroma,
        f"numpy_exact_topk@{size}": numpy_topk,
        f"query_embedding@{size}": embed_only,
        f"hexamem_search_p95_ms@{size}": hexamem["p95_ms"],
        f"hexamem_vs_raw_chroma_p50@{size}": round(hexamem["p50_ms"] / chroma["p50_ms"], 2),
    }
    result.update({f"probe_{key}@{size}": value for key, value in found.items()})
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/scale.json"))
    parser.add_argument("--keep", type=Path, help="load the homes here and keep them (to profile)")
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        run_probe(args.probe)
        return 0
    corpus = Corpus(data_dir())
    queries = corpus.questions()[: args.queries]
    model = open_embedder()
    results: dict = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "k": K}
    with tempfile.TemporaryDirectory(prefix="hexamem-scale-") as tmp:
        root = args.keep or Path(tmp)
        for size in args.sizes:
            results.update(bench_size(size, corpus, model, queries, root))
            print(json.dumps({k: v for k, v in results.items() if f"@{size}" in k}), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print("\n".join(verdicts(results, TARGETS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
