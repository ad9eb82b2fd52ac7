"""One app instance of the many-processes test: writes, searches and updates for a while.

    python -m tests.memory.instance_worker CONFIG.json

CONFIG names the servers, this worker's number, the users (each with one memory
every worker updates), how long to run and where to write acknowledgements: one
JSON line per acknowledged `add` or `update`, written and flushed only after the
call returned. A search that misses what this worker just wrote exits with 3.
With ``"stall_after": N`` the worker's N-th batch stops halfway through its
apply (the graph written, the records not), writes ``stalled-<worker>`` next to
its acks, and waits there to be killed.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from hexamem import Memory
from tests.fakes.embedder import HashingEmbedder


def _stall_on(memory: Memory, after: int, marker: Path) -> None:
    applier = memory._c.applier
    real_apply, seen = applier.apply, [0]

    def apply(plan: Any, vectors: Any = None) -> None:
        seen[0] += 1
        if seen[0] == after:
            applier.graph.write(plan.user_id, _graph_only(applier, plan))
            marker.write_text(plan.batch_id)
            time.sleep(600)  # killed here, mid-batch
        real_apply(plan, vectors)

    applier.apply = apply  # type: ignore[method-assign]


def _graph_only(applier: Any, plan: Any) -> Any:
    from hexamem.oplog.apply import _graph_batch

    return _graph_batch(plan, applier.embed(plan))


def main(config_path: str) -> int:
    config = json.loads(Path(config_path).read_text())
    worker, users = config["worker"], config["users"]
    acks = Path(config["acks"])
    rng = random.Random(worker)
    memory = Memory.open(
        config["home"], embedder=HashingEmbedder(), llm="offline", **config["servers"]
    )
    if config.get("stall_after"):
        _stall_on(memory, config["stall_after"], acks.with_name(f"stalled-{worker}"))
    sequence = {user: 0 for user in users}
    deadline = time.monotonic() + config["seconds"]
    with acks.open("a", encoding="utf-8") as out:
        while time.monotonic() < deadline:
            user = rng.choice(users)
            sequence[user] += 1
            key = f"w{worker}-{user}-{sequence[user]}"
            roll = rng.random()
            if roll < 0.4:  # the memory every worker changes: a read-modify-write race
                shared = config["shared"][user]
                memory.update(shared, user_id=user, summary=f"shared note, last by {key}")
                line = {"kind": "update", "user": user, "key": key, "id": shared}
            else:
                mark = f"mark{worker}x{sequence[user]}"  # one word no other note has
                text = f"worker {worker} note {sequence[user]} for {user} {mark}"
                result = memory.add(text, user_id=user, infer=False, idempotency_key=key)
                line = {"kind": "add", "user": user, "key": key, "episode": result.episode_id}
                if roll > 0.9:  # read your own write, through the shared servers
                    hits = memory.search(mark, user_id=user, k=3)
                    if not any(mark in h.item.text for h in hits):
                        return 3
            out.write(json.dumps(line) + "\n")
            out.flush()
    memory.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
