"""Shared fixtures: fresh memories on temp dirs, fake models and embedder, real servers.

The network is off: any socket connection outside 127.0.0.0/8, ::1 or a unix
socket fails the test that tried it.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from falkordb import FalkorDB

from hexamem import Memory
from hexamem.llm import StructuredLLM
from hexamem.stores.graph.falkordb import FalkorDBGraphStore
from hexamem.stores.graph.falkordb_server import EmbeddedFalkorDB
from tests.fakes.embedder import HashingEmbedder
from tests.fakes.llm import ScriptedLLM
from tests.fakes.messages_api import FakeMessagesAPI, fake_messages_api

_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: object) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0] if isinstance(address, tuple) else str(address)
        try:
            allowed = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = False
        if not allowed:
            raise ConnectionRefusedError(f"tests may not reach {host!r}: the network is off")
    return _real_connect(self, address)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    for name in list(os.environ):
        if name.startswith("HEXAMEM_"):
            monkeypatch.delenv(name)


@pytest.fixture
def api() -> Iterator[FakeMessagesAPI]:
    """A fake Anthropic Messages API (and chat-completions endpoint) on 127.0.0.1."""
    with fake_messages_api() as server:
        yield server


@pytest.fixture
def embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedFalkorDB]:
    """One real embedded FalkorDB for the session; tests get their own namespaces on it."""
    server = EmbeddedFalkorDB(tmp_path_factory.mktemp("falkordb"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def graph_store(falkordb_server: EmbeddedFalkorDB, tmp_path: Path) -> FalkorDBGraphStore:
    """A graph store on the session server, namespaced to this test."""
    client = FalkorDB(unix_socket_path=str(falkordb_server.socket_path))
    return FalkorDBGraphStore(client, HashingEmbedder.dimension, namespace=str(tmp_path))


@pytest.fixture
def memory(
    tmp_path: Path, embedder: HashingEmbedder, graph_store: FalkorDBGraphStore
) -> Iterator[Memory]:
    """Embedded Chroma, SQLite, the session's FalkorDB, and the fast fake embedder."""
    with Memory.open(str(tmp_path / "home"), embedder=embedder, graph_store=graph_store) as opened:
        yield opened


@pytest.fixture
def scripted() -> ScriptedLLM:
    """A model that gives the replies a test queues (`scripted.reply(...)`) and records
    every request (`scripted.requests`)."""
    return ScriptedLLM()


@pytest.fixture
def open_memory(
    tmp_path: Path, embedder: HashingEmbedder, graph_store: FalkorDBGraphStore
) -> Iterator[Callable[[StructuredLLM], Memory]]:
    """Opens a memory like `memory`'s with the given model; each is closed at teardown."""
    opened: list[Memory] = []

    def open_with(llm: StructuredLLM) -> Memory:
        home = tmp_path / f"home-{len(opened) + 1}"
        opened.append(Memory.open(str(home), embedder=embedder, graph_store=graph_store, llm=llm))
        return opened[-1]

    yield open_with
    for memory in reversed(opened):
        memory.close()


@pytest.fixture
def smart_memory(open_memory: Callable[[StructuredLLM], Memory], scripted: ScriptedLLM) -> Memory:
    """Like `memory`, with the `scripted` model answering for every agent."""
    return open_memory(scripted)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` on 127.0.0.1, for the whole session; yields its URL."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    if chroma is None:
        pytest.fail("the `chroma` command is not installed beside this Python")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = open(data / "server.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [chroma, "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_port(port, process, data / "server.log")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"chroma server exited: {log.read_text()[-2000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail("chroma server did not start within 30 s")
