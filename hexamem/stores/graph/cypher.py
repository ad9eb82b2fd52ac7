"""Write statements in the Cypher that FalkorDB and Neo4j both accept.

Only how a vector literal is written differs (`vecf32($v)` in FalkorDB, a plain
list in Neo4j), so each statement takes that as a function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


def upsert_fact(vector: VectorLiteral, *, with_embedding: bool) -> str:
    embedding = f", f.embedding = {vector('$embedding')}" if with_embedding else ""
    return (
        "MATCH (s:Entity {id: $subject}) MATCH (o:Entity {id: $object}) "
        "MERGE (s)-[f:FACT {id: $id}]->(o) "
        "SET f.user_id = $user, f.item_id = $item_id, f.version = $version, "
        "f.relation = $relation, f.fact = $fact, f.episode_ids = $episode_ids, "
        "f.message_ids = $message_ids, "
        "f.valid_at = $valid_at, f.invalid_at = $invalid_at, "
        "f.created_at = $created_at, f.expired_at = $expired_at" + embedding
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
            "embedding": list(fact.embedding or []),
        }
        statements.append((upsert_fact(vector, with_embedding=bool(fact.embedding)), params))
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
