"""Neo4j 5 backend: the production graph, through the official driver.

Neo4j community has one database, so the user scope is a property on every node
and edge (a hash of the data directory and the user id), and vector and
full-text hits are over-fetched and filtered by it. Everything else runs the
statements shared with FalkorDB (`cypher.py`, `base.py`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse, urlunparse

from hexamem.errors import ConfigurationError, StoreError
from hexamem.stores.graph import cypher
from hexamem.stores.graph.base import GraphBatch, GraphStore, Hit

_OVERFETCH = 4
_INDEXES = (
    "CREATE INDEX entity_id IF NOT EXISTS FOR (e:Entity) ON (e.id)",
    "CREATE INDEX entity_scope IF NOT EXISTS FOR (e:Entity) ON (e.user_id)",
    "CREATE INDEX episode_id IF NOT EXISTS FOR (p:Episode) ON (p.id)",
    "CREATE INDEX fact_id IF NOT EXISTS FOR ()-[f:FACT]-() ON (f.id)",
    "CREATE INDEX fact_scope IF NOT EXISTS FOR ()-[f:FACT]-() ON (f.user_id)",
    "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name]",
    "CREATE VECTOR INDEX entity_embeddings IF NOT EXISTS FOR (e:Entity) ON (e.name_embedding) "
    "OPTIONS {indexConfig: {`vector.dimensions`: $dimension, "
    "`vector.similarity_function`: 'cosine'}}",
)
_VECTOR_CALL = (
    "CALL db.index.vector.queryNodes('entity_embeddings', $n, $vector) "
    "YIELD node AS hit, score WHERE hit.user_id = $scope RETURN hit.id, score"
)
_TEXT_CALL = (
    "CALL db.index.fulltext.queryNodes('entity_names', $text) "
    "YIELD node AS hit, score WHERE hit.user_id = $scope "
    "RETURN hit.id, score ORDER BY score DESC LIMIT $k"
)


def _plain(parameter: str) -> str:
    return parameter


class Neo4jGraphStore(GraphStore):
    def __init__(self, driver: Any, dimension: int, *, namespace: str = "") -> None:
        self._driver, self._namespace = driver, namespace
        try:
            with driver.session() as session:
                for statement in _INDEXES:
                    session.run(statement.replace("$dimension", str(dimension))).consume()
        except Exception as exc:
            raise StoreError(f"Neo4j index setup failed: {exc}") from exc

    @classmethod
    def connect(cls, url: str, dimension: int, *, namespace: str = "") -> Neo4jGraphStore:
        import neo4j

        parsed = urlparse(url)
        if not parsed.hostname:
            raise ConfigurationError(f"graph {url!r} must look like neo4j://user:pass@host:7687")
        auth = (parsed.username, parsed.password or "") if parsed.username else None
        netloc = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        try:
            driver = neo4j.GraphDatabase.driver(
                urlunparse(parsed._replace(netloc=netloc)), auth=auth
            )
            driver.verify_connectivity()
        except Exception as exc:
            raise StoreError(f"Neo4j at {parsed.hostname} did not answer: {exc}") from exc
        return cls(driver, dimension, namespace=namespace)

    def _scope(self, scope: str) -> str:
        """The user-scope filter: the property value every read and write is tied to."""
        return hashlib.sha256(f"{self._namespace}\0{scope}".encode()).hexdigest()[:32]

    def write(self, scope: str, batch: GraphBatch) -> None:
        for text, params in cypher.batch_statements(batch, self._scope(scope), _plain):
            self._run(text, params)

    def nearest_entities(self, scope: str, vector: Sequence[float], k: int) -> list[Hit]:
        rows = self._run(
            _VECTOR_CALL,
            {
                "n": k * _OVERFETCH,
                "vector": [float(v) for v in vector],
                "scope": self._scope(scope),
            },
        )
        # Neo4j reports cosine as (1 + cos) / 2; the seam speaks plain cosine.
        return [Hit(row[0], 2.0 * float(row[1]) - 1.0) for row in rows[:k]]

    def matching_entities(self, scope: str, text: str, k: int) -> list[Hit]:
        words = " OR ".join(
            w for w in "".join(c if c.isalnum() else " " for c in text).split() if len(w) > 1
        )
        if not words:
            return []
        rows = self._run(_TEXT_CALL, {"text": words, "k": k, "scope": self._scope(scope)})
        return [Hit(row[0], float(row[1])) for row in rows]

    def _rows(self, scope: str, statement: str, params: dict[str, Any]) -> list[list[Any]]:
        return self._run(statement, {**params, "scope": self._scope(scope)})

    def drop(self, scope: str) -> None:
        self._run(
            "MATCH (n) WHERE n.user_id = $scope DETACH DELETE n", {"scope": self._scope(scope)}
        )

    def close(self) -> None:
        self._driver.close()

    def _run(self, text: str, params: dict[str, Any]) -> list[list[Any]]:
        try:
            records, _, _ = self._driver.execute_query(text, params)
        except Exception as exc:
            from neo4j.exceptions import ClientError  # loaded with the driver already

            refused = isinstance(exc, ClientError)  # it answered: the statement is wrong
            raise StoreError(f"Neo4j query failed: {exc}", refused=refused) from exc
        return [list(record.values()) for record in records]
