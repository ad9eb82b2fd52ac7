"""A crash between the log write and the store writes heals on the next open.

The crash is real: a child process writes a batch and dies with `os._exit`
at the chosen point, holding nothing back. The parent then reopens the same
directory and checks every store.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hexamem import Memory
from tests.helpers import store_counts

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import os, sys
    from hexamem import Memory, Add, SemanticFact
    from hexamem.oplog import apply as applier_module
    from tests.fakes.embedder import HashingEmbedder

    home, point = sys.argv[1], sys.argv[2]
    memory = Memory.open(home, embedder=HashingEmbedder())
    memory.apply([Add(id="before", payload=SemanticFact(name="Alice", summary="Alice has a cat"))],
                 user_id="alice")

    def die(*args, **kwargs):
        os._exit(17)

    if point == "before-stores":
        applier_module.Applier.apply = die
    else:  # after the graph is written, before the SQLite commit
        applier_module.OpLog.mark_done = die
    memory.apply([
        Add(id="during", payload=SemanticFact(name="Alice", summary="Alice moved to Berlin")),
        {"kind": "UPDATE", "memory_type": "semantic", "target_id": "before",
         "payload": {"summary": "Alice has two cats"}},
    ], user_id="alice")
    print("not reached")
    """
)


@pytest.mark.parametrize("point", ["before-stores", "after-graph"])
def test_pending_batch_is_replayed_on_open(tmp_path: Path, embedder, point: str) -> None:
    home = tmp_path / "home"
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(home), point],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 17, child.stderr
    assert "not reached" not in child.stdout

    with Memory.open(str(home), embedder=embedder) as memory:
        assert memory._c.log.pending() == []
        assert memory.get("during").payload.summary == "Alice moved to Berlin"
        assert memory.get("before").version == 2
        assert [h.op for h in memory.history("before")] == ["ADD", "UPDATE"]
        hits = memory.search("Alice moved to Berlin", user_id="alice", k=1)
        assert hits[0].id == "during" and hits[0].lexical_rank == 1
        counts = store_counts(memory)
        # three versions (before v1, v2, during v1), each indexed exactly once
        assert counts["items"] == counts["lexical"] == counts["vectors"] == 3
        assert counts["batches"] == 2


def test_a_failed_store_write_leaves_the_batch_pending_until_the_next_write(
    memory: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hexamem import StoreError
    from tests.helpers import fact

    graph = memory._c.graph
    real_write = graph.write

    def broken(*args, **kwargs):
        raise StoreError("disk full")

    monkeypatch.setattr(graph, "write", broken)
    with pytest.raises(StoreError, match="disk full"):
        memory.apply([fact("Alice lives in Paris")], user_id="alice")
    assert len(memory._c.log.pending()) == 1
    assert memory.list("alice") == []

    monkeypatch.setattr(graph, "write", real_write)
    memory.apply([fact("Alice likes tea")], user_id="alice")
    assert memory._c.log.pending() == []
    assert {i.payload.summary for i in memory.list("alice")} == {
        "Alice lives in Paris",
        "Alice likes tea",
    }


def test_a_replay_that_fails_at_open_releases_the_graph_server_and_the_lock(
    tmp_path: Path, embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hexamem import StoreError
    from hexamem.memory_types.time import now
    from hexamem.oplog.apply import Applier
    from tests.helpers import fact

    home = str(tmp_path / "home")
    with Memory.open(home, embedder=embedder) as memory:
        plan = memory._c.planner.plan([fact("Alice lives in Paris")], user_id="alice", at=now())
        memory._c.log.write_pending(plan)  # as if the process died right after the log write

    def broken(self, plan, vectors=None):
        raise StoreError("vector store down")

    monkeypatch.setattr(Applier, "apply", broken)
    with pytest.raises(StoreError, match="vector store down"):
        Memory.open(home, embedder=embedder)
    server_socket = tmp_path / "home" / "graph" / "falkordb.sock"
    assert not server_socket.exists()  # the embedded server was stopped
    monkeypatch.undo()
    with Memory.open(home, embedder=embedder) as memory:  # the lock was released too
        assert memory.list("alice")[0].payload.summary == "Alice lives in Paris"
