"""The embedded FalkorDB server's life: started by hexamem, survives restarts and crashes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from hexamem import Memory
from hexamem.stores.graph.falkordb_server import LOG_FILE, MAX_LOG_BYTES, EmbeddedFalkorDB
from tests.helpers import MARCH, edges, lives

ROOT = Path(__file__).resolve().parents[2]


def test_close_and_reopen_keeps_the_graph(tmp_path: Path, embedder) -> None:
    home = str(tmp_path / "home")
    with Memory.open(home, embedder=embedder) as memory:
        memory.apply([lives("Alice", "Paris")], user_id="alice", timestamp=MARCH)
        server = memory._c.graph.server
        assert server is not None and (tmp_path / "home" / "graph" / "falkordb.sock").exists()
        pid = server.pid
    assert pid is not None and not _running(pid)
    with Memory.open(home, embedder=embedder) as memory:
        assert [row[2] for row in edges(memory)] == ["Paris"]


def test_a_killed_server_is_replaced_on_open_with_its_data(tmp_path: Path, embedder) -> None:
    home = str(tmp_path / "home")
    memory = Memory.open(home, embedder=embedder)
    memory.apply([lives("Alice", "Paris")], user_id="alice", timestamp=MARCH)
    pid = memory._c.graph.server.pid
    os.kill(pid, signal.SIGKILL)
    memory.close()
    with Memory.open(home, embedder=embedder) as reopened:
        assert reopened._c.graph.server.pid != pid
        assert [row[2] for row in edges(reopened)] == ["Paris"]


def test_a_server_orphaned_by_a_crashed_process_is_restarted(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = textwrap.dedent(
        """
        import os, sys
        from hexamem import Memory
        from tests.fakes.embedder import HashingEmbedder
        from tests.helpers import lives
        memory = Memory.open(sys.argv[1], embedder=HashingEmbedder())
        memory.apply([lives("Alice", "Paris")], user_id="alice")
        print(memory._c.graph.server.pid, flush=True)
        os._exit(9)  # no close: the graph server is left running
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", child, str(home)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 9, run.stderr
    orphan = int(run.stdout.split()[0])
    assert _running(orphan)
    from tests.fakes.embedder import HashingEmbedder

    with Memory.open(str(home), embedder=HashingEmbedder()) as memory:
        assert not _running(orphan)
        assert memory._c.graph.server.pid != orphan
        assert [row[2] for row in edges(memory)] == ["Paris"]


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # our own exited child lingers as a zombie until reaped
        done, _ = os.waitpid(pid, os.WNOHANG)
        return done != pid
    except ChildProcessError:
        return Path(f"/proc/{pid}").exists() and b"Z" not in _state(pid)


def _state(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/stat").read_bytes().split(b")")[-1][:3]
    except OSError:
        return b"Z"


def test_a_long_server_log_is_rotated_at_start(tmp_path) -> None:
    (tmp_path / LOG_FILE).write_bytes(b"x" * (MAX_LOG_BYTES + 1))
    server = EmbeddedFalkorDB(tmp_path)
    server.start()
    try:
        assert (tmp_path / f"{LOG_FILE}.1").stat().st_size == MAX_LOG_BYTES + 1
        assert (tmp_path / LOG_FILE).stat().st_size < MAX_LOG_BYTES
    finally:
        server.stop()


def test_a_data_directory_too_deep_for_a_unix_socket_still_gets_a_server(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 5)
    server = EmbeddedFalkorDB(deep)
    assert len(str(deep / "falkordb.sock")) > 108 and len(str(server.socket_path)) < 108
    server.start()
    try:
        assert server.running and EmbeddedFalkorDB(deep).socket_path == server.socket_path
    finally:
        server.stop()
