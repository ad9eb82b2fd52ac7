"""The embedded graph server killed mid-life: hexamem starts it again, nothing acknowledged
is lost (its append-only file is fsynced before a write is acknowledged)."""

from __future__ import annotations

import os
import signal
import time
from datetime import UTC, datetime
from pathlib import Path

from hexamem import Memory
from tests.helpers import lives

AT = datetime(2024, 3, 1, 10, tzinfo=UTC)


def _kill_graph_server(memory: Memory) -> None:
    server = memory._c.graph.server
    assert server is not None and server.pid is not None
    os.kill(server.pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while server.running and time.monotonic() < deadline:  # `running` reaps it
        time.sleep(0.01)


def test_reads_and_writes_go_on_after_the_graph_server_is_killed(tmp_path: Path, embedder) -> None:
    home = str(tmp_path / "home")
    with Memory.open(home, embedder=embedder) as memory:
        memory.apply([lives("Ana", "Rome")], user_id="u", timestamp=AT)
        _kill_graph_server(memory)
        assert [e.item.text for e in memory.timeline("Ana", user_id="u")] == ["Ana lives in Rome"]
        _kill_graph_server(memory)
        memory.apply([lives("Bo", "Oslo")], user_id="u", timestamp=AT)
        _kill_graph_server(memory)  # right after an acknowledged write
    with Memory.open(home, embedder=embedder) as memory:
        assert memory.stats("u").facts == 2
        assert [e.item.text for e in memory.timeline("Bo", user_id="u")] == ["Bo lives in Oslo"]
