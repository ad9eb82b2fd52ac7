"""Every statement in the Cypher that FalkorDB and Neo4j both accept: writes, then reads.

Only how a vector literal is written differs (`vecf32($v)` in FalkorDB, a plain
list in Neo4j), so the entity upsert takes that as a function. Every read is
tied to the user's scope by `$scope`, the `user_id` each node and edge carries
(each backend fills it in), so no statement can see another user's graph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hexamem.stores.graph.base import GraphBatch

VectorLiteral = Callable[[str], str]
Statement = tuple[str, dict[str, Any]]


def upsert_entity(vector: VectorLiteral, *, with_embedding: bool) -> str:
    embedding = f", e.name_embedding = {vector('$embedding')}" if with_embedding else ""
    return (
        "MERGE (e:Entity {id: $id}) "
        "SET e.user_id = $user, e.name = $name, e.normalized = $normalized, e.type = $type, "
        "e.summary = $summary, e.aliases = $aliases, e.merged_into = $merged_into" + embedding
    )


UPSERT_FACT = (
    "MATCH (s:Entity {id: $subject}) MATCH (o:Entity {id: $object}) "
    "MERGE (s)-[f:FACT {id: $id}]->(o) "
    "SET f.user_id = $user, f.item_id = $item_id, f.version = $version, "
    "f.relation = $relation, f.fact = $fact, f.episode_ids = $episode_ids, "
    "f.message_ids = $message_ids, "
    "f.valid_at = $valid_at, f.invalid_at = $invalid_at, "
    "f.created_at = $created_at, f.expired_at = $expired_at"
)


UPSERT_EPISODE = (
    "MERGE (p:Episode {id: $id}) "
    "SET p.user_id = $user, p.session_id = $session_id, p.observed_at = $observed_at, "
    "p.message_ids = $message_ids"
)

# An episode named only by a fact's provenance is created bare, never overwritten.
UPSERT_MENTION = (
    "MERGE (p:Episode {id: $episode}) ON CREATE SET p.user_id = $user "
    "WITH p MATCH (e:Entity {id: $entity}) MERGE (p)-[:MENTIONS]->(e)"
)

SAME_AS = "MATCH (m:Entity {id: $id}) MATCH (k:Entity {id: $merged_into}) MERGE (m)-[:SAME_AS]->(k)"


def batch_statements(batch: GraphBatch, user: str, vector: VectorLiteral) -> list[Statement]:
    """Every statement (with parameters) that writes `batch`, in a safe order."""
    statements: list[Statement] = []
    for entity in batch.entities:
        params: dict[str, Any] = {
            "id": entity.id,
            "user": user,
            "name": entity.name,
            "normalized": entity.normalized,
            "type": entity.type,
            "summary": entity.summary,
            "aliases": list(entity.aliases),
            "merged_into": entity.merged_into,
            "embedding": list(entity.embedding or []),
        }
        statements.append((upsert_entity(vector, with_embedding=bool(entity.embedding)), params))
        if entity.merged_into:
            statements.append((SAME_AS, params))
    for fact in batch.facts:
        params = {
            "id": fact.id,
            "user": user,
            "item_id": fact.item_id,
            "version": fact.version,
            "subject": fact.subject_id,
            "object": fact.object_id,
            "relation": fact.relation,
            "fact": fact.fact,
            "episode_ids": list(fact.episode_ids),
            "message_ids": list(fact.message_ids),
            "valid_at": fact.valid_at,
            "invalid_at": fact.invalid_at,
            "created_at": fact.created_at,
            "expired_at": fact.expired_at,
        }
        statements.append((UPSERT_FACT, params))
    for episode_id, session_id, observed_at, message_ids in batch.episodes:
        statements.append(
            (
                UPSERT_EPISODE,
                {
                    "id": episode_id,
                    "user": user,
                    "session_id": session_id,
                    "observed_at": observed_at,
                    "message_ids": list(message_ids),
                },
            )
        )
    for episode_id, entity_id in batch.mentions:
        statements.append(
            (UPSERT_MENTION, {"episode": episode_id, "entity": entity_id, "user": user})
        )
    return statements


# -- reads ------------------------------------------------------------------------------------

# Anchored on the indexed entity ids, then expanded: an `s.id IN $ids OR o.id IN $ids`
# filter over the edge pattern scans every edge (4 ms at 2k edges against 0.5 ms).
FACTS_TOUCHING = """
MATCH (e:Entity) WHERE e.id IN $ids AND e.user_id = $scope
MATCH (e)-[f:FACT]-(other:Entity)
RETURN f.id, e.id, other.id
ORDER BY f.valid_at DESC
LIMIT $limit
"""

SAME_FACT = """
MATCH (s:Entity)-[f:FACT]->(o:Entity)
WHERE s.id IN $subjects AND o.id IN $objects AND f.relation = $relation
  AND f.expired_at IS NULL AND f.user_id = $scope
RETURN f.item_id
"""

FACT_EDGES = """
MATCH (s:Entity)-[f:FACT]->(o:Entity) WHERE f.user_id = $scope
RETURN f.id, f.item_id, f.version, s.id, o.id, f.relation, f.fact, f.valid_at, f.created_at,
       f.invalid_at, f.expired_at, f.episode_ids, f.message_ids, s.name, o.name
ORDER BY f.valid_at, f.id
"""

MENTIONS = """
MATCH (p:Episode)-[:MENTIONS]->(e:Entity) WHERE e.user_id = $scope
RETURN p.id, p.message_ids, e.name
ORDER BY p.id, e.name
"""

COUNT_ENTITIES = "MATCH (e:Entity) WHERE e.user_id = $scope RETURN count(e)"
COUNT_FACTS = "MATCH ()-[f:FACT]->() WHERE f.user_id = $scope RETURN count(f)"
DELETE_FACTS = "MATCH ()-[f:FACT]->() WHERE f.id IN $ids AND f.user_id = $scope DELETE f"
DELETE_ENTITIES = "MATCH (e:Entity) WHERE e.id IN $ids AND e.user_id = $scope DETACH DELETE e"
