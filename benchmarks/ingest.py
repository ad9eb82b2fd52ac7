"""Ingest throughput: hexamem's raw `add` beside Chroma alone with the same embedder.

    python benchmarks/ingest.py                    # 600 single calls, 1,200 batched turns
    python benchmarks/ingest.py --turns 300 --out ingest.json

Turns are LoCoMo's chat lines, in order. Four ways, each in a fresh directory:
hexamem with one `add` per turn and with one `add` per 20-turn session (both
`infer=False`, timed until `flush()` returns, so every vector is written), and raw
Chroma with one embed + upsert per turn and per 20 turns. Then one whole LoCoMo
conversation with `infer=True` on the offline engine, as `hexamem eval` ingests it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import chromadb  # noqa: E402

from benchmarks.corpus import Corpus, data_dir  # noqa: E402
from benchmarks.run import verdicts  # noqa: E402
from hexamem import Memory  # noqa: E402
from hexamem.embedding import Embedder, open_embedder  # noqa: E402
from hexamem.evaluation.locomo import load_locomo  # noqa: E402
from hexamem.evaluation.retrieval import HexamemRetriever  # noqa: E402

START = datetime(2023, 1, 1, tzinfo=UTC)
SESSION = 20
TARGETS = {
    "hexamem_batched_turns_per_s": (">=", 150),
    "hexamem_single_turns_per_s": (">=", 60),
    "single_vs_raw_chroma": (">=", 2.0),
    "locomo_conversation_infer_on_s": ("<=", 20),
}


def hexamem_rate(home: Path, turns: list[str], per_call: int, embedder: Embedder) -> float:
    with Memory.open(str(home), embedder=embedder) as memory:
        memory.add([{"role": "user", "content": "warm up"}], user_id="warm", infer=False)
        memory.flush()
        started = time.perf_counter()
        for call, offset in enumerate(range(0, len(turns), per_call)):
            memory.add(
                [{"role": "user", "content": t} for t in turns[offset : offset + per_call]],
                user_id="bench",
                session_id=f"s{offset // SESSION}",
                timestamp=START + timedelta(minutes=call),
                infer=False,
            )
        memory.flush()
        return len(turns) / (time.perf_counter() - started)


def chroma_rate(home: Path, turns: list[str], per_call: int, embedder: Embedder) -> float:
    client = chromadb.PersistentClient(
        str(home), settings=chromadb.Settings(anonymized_telemetry=False)
    )
    collection = client.get_or_create_collection(
        "bench", embedding_function=None, metadata={"hnsw:space": "cosine"}
    )
    collection.upsert(ids=["warm"], embeddings=embedder.embed(["warm up"]))
    started = time.perf_counter()
    for offset in range(0, len(turns), per_call):
        chunk = turns[offset : offset + per_call]
        collection.upsert(
            ids=[f"t{offset + i}" for i in range(len(chunk))], embeddings=embedder.embed(chunk)
        )
    return len(turns) / (time.perf_counter() - started)


def locomo_infer_on(home: Path, data: Path, embedder: Embedder) -> dict[str, float]:
    benchmark = load_locomo(data / "locomo-dev.json")
    haystack = next(iter(benchmark.haystacks.values()))
    with Memory.open(str(home), embedder=embedder, llm="offline") as memory:
        retriever = HexamemRetriever(memory, infer=True, cache=home)
        retriever.ingest(haystack)
        return {
            "locomo_conversation_turns": retriever.cost.turns,
            "locomo_conversation_infer_on_s": round(retriever.cost.seconds, 1),
            "locomo_infer_on_memories": len(memory.list(haystack.id)),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=600, help="single-call turns")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/ingest.json"))
    args = parser.parse_args()
    data = data_dir()
    turns = Corpus(data).short_turns()
    single, batched = turns[: args.turns], turns[args.turns : args.turns * 3]
    embedder = open_embedder()
    results: dict = {"date": datetime.now(UTC).isoformat(timespec="seconds")}
    with tempfile.TemporaryDirectory(prefix="hexamem-ingest-") as tmp:
        root = Path(tmp)
        results["hexamem_single_turns_per_s"] = round(
            hexamem_rate(root / "h1", single, 1, embedder), 1
        )
        results["raw_chroma_single_turns_per_s"] = round(
            chroma_rate(root / "c1", single, 1, embedder), 1
        )
        results["hexamem_batched_turns_per_s"] = round(
            hexamem_rate(root / "h20", batched, SESSION, embedder), 1
        )
        results["raw_chroma_batched_turns_per_s"] = round(
            chroma_rate(root / "c20", batched, SESSION, embedder), 1
        )
        results["single_vs_raw_chroma"] = round(
            results["hexamem_single_turns_per_s"] / results["raw_chroma_single_turns_per_s"], 2
        )
        print(json.dumps(results, indent=1), flush=True)
        results.update(locomo_infer_on(root / "locomo", data, embedder))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=1))
    print("\n".join(verdicts(results, TARGETS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
