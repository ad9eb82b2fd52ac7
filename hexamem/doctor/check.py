"""`Doctor`: compare the derived stores with the records per user, and repair them."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from hexamem.memory_types import parse_version_key, version_key
from hexamem.memory_types.time import now
from hexamem.oplog import Applier, OpLog, Plan
from hexamem.oplog.plan import PutEntity, PutVersion
from hexamem.results import DoctorReport, StoreCheck
from hexamem.stores.dialect import Database
from hexamem.stores.entities import EntityStore
from hexamem.stores.graph import GraphStore
from hexamem.stores.lexical import KeywordIndex
from hexamem.stores.records import RecordStore
from hexamem.stores.vector import VectorStore

log = logging.getLogger("hexamem")


class Doctor:
    def __init__(
        self,
        db: Database,
        records: RecordStore,
        lexical: KeywordIndex,
        vectors: VectorStore,
        graph: GraphStore,
        entities: EntityStore,
        applier: Applier,
        oplog: OpLog,
    ) -> None:
        self._db, self._records, self._lexical = db, records, lexical
        self._vectors, self._graph, self._entities = vectors, graph, entities
        self._applier, self._log = applier, oplog

    def examine(self, users: Iterable[str], *, repair: bool = False) -> DoctorReport:
        """Check each user's stores; with `repair`, fix what differs and check again.
        Call it with writes held off and nothing pending (`Writer.exclusive`)."""
        checks = [self.check(user) for user in users]
        if repair and not all(c.agrees for c in checks):
            for check in checks:
                if not check.agrees:
                    self.repair(check)
            checks = [self.check(c.user_id) for c in checks]
        return DoctorReport(
            users=checks,
            pending=len(self._log.pending()),
            quarantined=self._log.quarantined(),
            repaired=repair,
        )

    def check(self, user_id: str) -> StoreCheck:
        keys = {
            version_key(*key): is_fact
            for key, is_fact in self._records.version_keys(user_id).items()
        }
        stored = self._vectors.keys(user_id)
        facts = {k for k, is_fact in keys.items() if is_fact}
        edges = {named.edge.id for named in self._graph.fact_edges(user_id)}
        rowless = {rowid for rowid, _ in self._lexical.unindexed(user_id)}
        return StoreCheck(
            user_id=user_id,
            versions=len(keys),
            missing_vectors=sorted(set(keys) - stored),
            stray_vectors=sorted(stored - set(keys)),
            missing_lexical=sorted(str(rowid) for rowid in rowless),
            missing_facts=sorted(facts - edges),
            stray_facts=sorted(edges - facts),
        )

    def repair(self, check: StoreCheck) -> None:
        """Write again from the records what a store lost; drop what no version owns."""
        user = check.user_id
        log.warning("repairing the stores of %s: %s", user, check.model_dump(exclude={"user_id"}))
        lost = sorted({*check.missing_vectors, *check.missing_facts})
        found = self._records.fetch([parse_version_key(k) for k in lost])
        items = [found[key] for key in sorted(found)]
        if items:
            endpoints = {e for item in items for e in item.entity_ids}
            entities = [e for e in (self._entities.get(i) for i in sorted(endpoints)) if e]
            plan = Plan(
                batch_id=f"repair-{user}",
                user_id=user,
                at=now(),
                steps=[
                    *(PutEntity(entity=e) for e in entities),
                    *(PutVersion(item=item) for item in items),
                ],
            )
            self._applier.rederive(plan)
        if check.stray_vectors:
            self._vectors.delete(user, check.stray_vectors)
        if check.stray_facts:
            self._graph.delete_facts(user, check.stray_facts)
        if check.missing_lexical:
            with self._db.transaction() as conn:
                for rowid, text in self._lexical.unindexed(user):
                    self._lexical.put(conn, rowid, text)
