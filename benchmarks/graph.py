"""Knowledge-graph benchmark: graph search and fused search at 10k and 100k facts.

    python benchmarks/graph.py                    # 10k and 100k facts for one user
    python benchmarks/graph.py --sizes 10000

Facts are triples over 2,000 people and 400 places and things, each carrying a
real conversation sentence from the shared data as its text; they go through the
real write path (entity resolution, re-assertion checks, edges). Queries name
one or two entities, as questions about people do.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import Corpus, data_dir  # noqa: E402
from benchmarks.run import START, timed  # noqa: E402
from hexamem import Add, Memory, SemanticFact  # noqa: E402
from hexamem.memory_types import AddEntity  # noqa: E402
from hexamem.stores.recall_filter import RecallFilter  # noqa: E402

FIRST = ("Alice Bruno Chen Dana Elif Farid Greta Hugo Ines Jonas Kira Luca Maya Nadia Omar "
         "Priya Quinn Rosa Sami Tara Umar Vera Wen Xavi Yara Zoe Anton Bea Carl Dora Emil "
         "Fiona Gil Hana Ivo Jana Karl Lena Milo Nora").split()
LAST = ("Smith Garcia Muller Rossi Novak Kim Silva Dubois Jensen Costa Weber Ricci Haas "
        "Moreau Berg Lopez Sato Klein Nagy Popescu Ortiz Meyer Bauer Fischer Romano Vogel "
        "Fontaine Janssen Lindqvist Okafor Park Singh Tanaka Varga Wagner Young Zimmer "
        "Adler Brandt Castro Diaz Engel Falk Gruber Horvat").split()
THINGS = ("Paris Berlin Lyon Oslo Rome Madrid Lisbon Vienna Prague Dublin Acme Globex Initech "
          "chess climbing jazz sourdough tennis pottery Python Rust kayaking sailing opera "
          "sushi ramen tacos yoga cycling painting poetry astronomy gardening").split()
RELATIONS = ("lives_in works_at likes visited studies plays knows owns prefers recommends "
             "dislikes teaches manages founded attended").split()


def build(memory: Memory, size: int, corpus: Corpus, rng: random.Random) -> float:
    people = [f"{f} {ln}" for f in FIRST for ln in LAST][:2000]
    things = [f"{t} {n}" if n else t for n in range(12) for t in THINGS][:400]
    memory.apply([AddEntity(name=p, entity_type="person") for p in people], user_id="bench")
    memory.apply([AddEntity(name=t, entity_type="thing") for t in things], user_id="bench")
    sentences = corpus.sentences(size)
    started = time.perf_counter()
    step = timedelta(days=730) / size
    for offset in range(0, size, 1000):
        ops = []
        for i, sentence in enumerate(sentences[offset : offset + 1000], start=offset):
            subject = rng.choice(people)
            relation = rng.choice(RELATIONS)
            obj = rng.choice(people if relation == "knows" else things)
            ops.append(Add(
                valid_at=START + step * i,
                payload=SemanticFact(name=subject, summary=sentence, subject=subject,
                                     relation=relation, object=obj),
            ))
        memory.apply(ops, user_id="bench", timestamp=START + timedelta(days=731))
    return size / (time.perf_counter() - started)


def questions(rng: random.Random, n: int) -> list[str]:
    people = [f"{f} {ln}" for f in FIRST for ln in LAST][:2000]
    forms = ("Where does {p} live?", "What does {p} like to do?", "Who does {p} know?",
             "What has {p} been up to lately?", "Does {p} know {q}?")
    return [rng.choice(forms).format(p=rng.choice(people), q=rng.choice(people))
            for _ in range(n)]


def bench(size: int, home: Path, corpus: Corpus) -> dict:
    rng = random.Random(7)
    result: dict = {}
    with Memory.open(str(home)) as memory:
        if len(memory.list("bench", "semantic")) < size:
            result[f"fact_load_per_s@{size}"] = round(build(memory, size, corpus, rng), 1)
        asked = questions(rng, 300)
        search = memory._c.search
        where = RecallFilter(user_id="bench", now=datetime.now(UTC).timestamp())
        result[f"graph_search@{size}"] = timed(
            asked, lambda q: search._graph_candidates(q, where, 20)
        )
        result[f"fused_search@{size}"] = timed(
            asked, lambda q: memory.search(q, user_id="bench", k=10)
        )
        found = sum(bool(search._graph_candidates(q, where, 20)) for q in asked[:50])
        result[f"graph_hit_rate@{size}"] = found / 50
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/graph.json"))
    parser.add_argument("--keep", type=Path, help="keep the loaded stores here and reuse them")
    args = parser.parse_args()
    corpus = Corpus(data_dir())
    results: dict = {"date": datetime.now(UTC).isoformat(timespec="seconds")}
    with tempfile.TemporaryDirectory(prefix="hexamem-graph-bench-") as tmp:
        for size in args.sizes:
            results.update(bench(size, (args.keep or Path(tmp)) / f"facts-{size}", corpus))
            print(json.dumps({k: v for k, v in results.items() if f"@{size}" in k}, indent=1),
                  flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    fused = results.get("fused_search@100000")
    if fused:
        verdict = "PASS" if fused["p95_ms"] <= 50 else "MISS"
        print(f"{verdict} fused search p95 at 100k facts = {fused['p95_ms']} ms (target <= 50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
