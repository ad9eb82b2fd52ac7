"""Assembling a memory's components from settings: stores, seams and the directory lock."""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from typing import IO

from hexamem.embedding import Embedder, open_embedder
from hexamem.entities import EntityResolver
from hexamem.errors import ConfigurationError
from hexamem.oplog import Applier, OpLog, Planner
from hexamem.retrieval import HybridSearch
from hexamem.settings import Settings
from hexamem.stores.entities import EntityStore
from hexamem.stores.graph import GraphStore, open_graph_store
from hexamem.stores.lexical import LexicalIndex
from hexamem.stores.records import RecordStore
from hexamem.stores.sqlite import Database
from hexamem.stores.usage import UsageLedger
from hexamem.stores.vector import VectorStore, open_vector_store

DATABASE_FILE = "hexamem.db"
LOCK_FILE = "hexamem.lock"


@dataclass
class Components:
    """Everything a `Memory` works with, built once at open."""

    settings: Settings
    db: Database
    records: RecordStore
    log: OpLog
    planner: Planner
    applier: Applier
    search: HybridSearch
    vectors: VectorStore
    graph: GraphStore
    entities: EntityStore
    resolver: EntityResolver
    usage: UsageLedger
    lock: IO[str]

    def close(self) -> None:
        try:
            self.vectors.close()
            self.graph.close()
            self.db.close()
        finally:
            self.lock.close()


def open_components(
    settings: Settings,
    embedder: Embedder | None,
    vector_store: VectorStore | None,
    graph_store: GraphStore | None,
) -> Components:
    settings.home.mkdir(parents=True, exist_ok=True)
    lock = _lock_directory(settings)
    opened: list[VectorStore | GraphStore] = []
    try:
        embedder = embedder or open_embedder()
        if vector_store is None:
            vector_store = open_vector_store(settings)
            opened.append(vector_store)
        if graph_store is None:
            graph_store = open_graph_store(settings, embedder.dimension)
            opened.append(graph_store)
        db = Database(settings.home / DATABASE_FILE)
    except BaseException:
        for store in opened:
            store.close()
        lock.close()
        raise
    records, lexical, log, entities = RecordStore(db), LexicalIndex(db), OpLog(db), EntityStore(db)
    resolver = EntityResolver(entities, graph_store, embedder)
    return Components(
        settings=settings,
        db=db,
        records=records,
        log=log,
        planner=Planner(records, entities, resolver, graph_store),
        applier=Applier(db, log, records, entities, lexical, vector_store, graph_store, embedder),
        search=HybridSearch(
            records,
            lexical,
            vector_store,
            embedder,
            entities,
            graph_store,
            settings.search_overfetch,
        ),
        vectors=vector_store,
        graph=graph_store,
        entities=entities,
        resolver=resolver,
        usage=UsageLedger(db),
        lock=lock,
    )


def _lock_directory(settings: Settings) -> IO[str]:
    """One open `Memory` per data directory: embedded Chroma is not safe to share."""
    handle = open(settings.home / LOCK_FILE, "a+", encoding="utf-8")  # noqa: SIM115
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise ConfigurationError(
            f"{settings.home} is already open (by pid {holder}); close that Memory first "
            "or give this one its own path"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle
