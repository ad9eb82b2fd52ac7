"""Four app processes, twenty-five users, one PostgreSQL + Chroma server + FalkorDB server.

Each process writes, searches and updates for every user for a few seconds; one
is SIGKILLed in the middle of a batch. Afterwards no acknowledged episode is
lost, each process's episodes of a user are stored in the order it added them,
none is stored twice, and every store agrees with the op log.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cryptography.fernet import Fernet

from hexamem import Memory
from tests.fakes.embedder import HashingEmbedder

PROCESSES = 4
USERS = [f"user{n:02d}" for n in range(25)]
SECONDS = 8
VICTIM = 2
ROOT = Path(__file__).resolve().parents[2]


def _start(
    worker: int, tmp_path: Path, servers: dict[str, str], shared: dict[str, str]
) -> subprocess.Popen[bytes]:
    config = {
        "worker": worker,
        "users": USERS,
        "shared": shared,
        "seconds": SECONDS,
        "home": str(tmp_path / f"home-{worker}"),
        "acks": str(tmp_path / f"acks-{worker}.jsonl"),
        "servers": servers,
        "stall_after": 40 if worker == VICTIM else None,
    }
    path = tmp_path / f"config-{worker}.json"
    path.write_text(json.dumps(config))
    return subprocess.Popen(
        [sys.executable, "-m", "tests.memory.instance_worker", str(path)],
        cwd=ROOT,
        stdout=open(tmp_path / f"worker-{worker}.log", "wb"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )


def _acks(tmp_path: Path) -> list[dict[str, object]]:
    lines = []
    for worker in range(PROCESSES):
        path = tmp_path / f"acks-{worker}.jsonl"
        for text in path.read_text().splitlines() if path.exists() else []:
            lines.append({**json.loads(text), "worker": worker})
    return lines


def test_four_processes_one_killed_mid_batch_lose_and_reorder_nothing(
    tmp_path: Path, postgres_url: str, chroma_server: str, falkordb_url: str
) -> None:
    servers = {
        "database_url": postgres_url,
        "chroma_url": chroma_server,
        "graph": falkordb_url,
        "vault_key": Fernet.generate_key().decode(),
    }
    with Memory.open(
        str(tmp_path / "setup"), embedder=HashingEmbedder(), llm="offline", **servers
    ) as setup:
        shared = {
            user: setup.add("shared note", user_id=user, infer=False).ids[0] for user in USERS
        }
    workers = [_start(n, tmp_path, servers, shared) for n in range(PROCESSES)]
    stalled = tmp_path / f"stalled-{VICTIM}"
    deadline = time.monotonic() + 120
    while not stalled.exists():
        assert workers[VICTIM].poll() is None, (tmp_path / f"worker-{VICTIM}.log").read_text()
        assert time.monotonic() < deadline, "the victim never reached its stalled batch"
        time.sleep(0.05)
    workers[VICTIM].send_signal(signal.SIGKILL)
    for n, process in enumerate(workers):
        code = process.wait(timeout=180)
        if n != VICTIM:
            assert code == 0, (tmp_path / f"worker-{n}.log").read_text()[-3000:]
    acked = _acks(tmp_path)
    assert len({a["worker"] for a in acked}) == PROCESSES  # everyone got work done
    with Memory.open(
        str(tmp_path / "checker"), embedder=HashingEmbedder(), llm="offline", **servers
    ) as checker:
        records = checker._c.records
        for ack in acked:
            if ack["kind"] == "add":
                assert records.episode_exists(str(ack["episode"])), ack
        for user in USERS:
            said = [e.messages[0].content for e in records.episodes(user)]
            assert len(said) == len(set(said)), f"{user} has an episode twice"
            for worker in range(PROCESSES):
                mine = [int(s.split()[3]) for s in said if s.startswith(f"worker {worker} ")]
                assert mine == sorted(mine), f"{user}: worker {worker}'s order changed"
            versions = [v.version for v in records.versions(shared[user])]
            assert versions == list(range(1, len(versions) + 1))
            updates = [a for a in acked if a["kind"] == "update" and a["user"] == user]
            assert len(versions) - 1 >= len(updates)  # every acknowledged update is a version
        report = checker.doctor()
        assert report.pending == 0 and not report.quarantined
        assert all(u.agrees for u in report.users), [u for u in report.users if not u.agrees]
