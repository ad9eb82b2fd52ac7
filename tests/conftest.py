"""Shared fixtures: fresh memories on temp dirs, fake models and embedder, real servers.

The network is off: any socket connection outside 127.0.0.0/8, ::1 or a unix
socket fails the test that tried it.
"""

from __future__ import annotations

import ipaddress
import os
import socket
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
from tests.servers.chroma import running_chroma
from tests.servers.falkordb import running_falkordb
from tests.servers.postgres import PostgresServer, running_postgres

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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="where the `memory` fixtures keep records and the op log: the SQLite file, "
        "or a fresh schema on the session's PostgreSQL",
    )


@pytest.fixture
def database(request: pytest.FixtureRequest) -> dict[str, str]:
    """Settings for the records' database that `--database` picked (none for SQLite)."""
    if request.config.getoption("--database") == "postgres":
        from cryptography.fernet import Fernet

        return {
            "database_url": request.getfixturevalue("postgres_url"),
            "vault_key": Fernet.generate_key().decode(),
        }
    return {}


@pytest.fixture
def memory(
    tmp_path: Path,
    embedder: HashingEmbedder,
    graph_store: FalkorDBGraphStore,
    database: dict[str, str],
) -> Iterator[Memory]:
    """Embedded Chroma, SQLite (or `--database postgres`), the session's FalkorDB, and the
    fast fake embedder."""
    home = str(tmp_path / "home")
    with Memory.open(home, embedder=embedder, graph_store=graph_store, **database) as opened:
        yield opened


@pytest.fixture
def scripted() -> ScriptedLLM:
    """A model that gives the replies a test queues (`scripted.reply(...)`) and records
    every request (`scripted.requests`)."""
    return ScriptedLLM()


@pytest.fixture
def open_memory(
    tmp_path: Path,
    embedder: HashingEmbedder,
    graph_store: FalkorDBGraphStore,
    database: dict[str, str],
) -> Iterator[Callable[[StructuredLLM], Memory]]:
    """Opens a memory like `memory`'s with the given model; each is closed at teardown."""
    opened: list[Memory] = []

    def open_with(llm: StructuredLLM) -> Memory:
        home = str(tmp_path / f"home-{len(opened) + 1}")
        opened.append(
            Memory.open(home, embedder=embedder, graph_store=graph_store, llm=llm, **database)
        )
        return opened[-1]

    yield open_with
    for memory in reversed(opened):
        memory.close()


@pytest.fixture
def smart_memory(open_memory: Callable[[StructuredLLM], Memory], scripted: ScriptedLLM) -> Memory:
    """Like `memory`, with the `scripted` model answering for every agent."""
    return open_memory(scripted)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` on 127.0.0.1, for the whole session; yields its URL."""
    try:
        with running_chroma(tmp_path_factory.mktemp("chroma-server")) as url:
            yield url
    except RuntimeError as exc:
        pytest.fail(f"Chroma could not start: {exc}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL on 127.0.0.1 for the whole session (see tests/servers/postgres.py)."""
    try:
        with running_postgres() as server:
            yield server
    except RuntimeError as exc:
        pytest.fail(f"PostgreSQL could not start: {exc}")


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A URL whose search path is a fresh schema of its own, dropped after the test."""
    import uuid

    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = postgres_server.url()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{admin}?options=-csearch_path%3D{schema}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(scope="session")
def falkordb_url() -> Iterator[str]:
    """A standalone FalkorDB server on 127.0.0.1 for the whole session; its URL."""
    try:
        with running_falkordb() as url:
            yield url
    except RuntimeError as exc:
        pytest.fail(f"FalkorDB could not start: {exc}")
