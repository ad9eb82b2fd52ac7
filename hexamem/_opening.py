"""Assembling a memory's components from settings: stores, seams and the directory lock."""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import IO

from hexamem.errors import ConfigurationError
from hexamem.oplog import Applier, OpLog, Planner
from hexamem.retrieval import HybridSearch
from hexamem.settings import Settings
from hexamem.stores.embedder import Embedder, MiniLMEmbedder
from hexamem.stores.lexical import LexicalIndex
from hexamem.stores.records import RecordStore
from hexamem.stores.sqlite import Database
from hexamem.stores.vector import ChromaVectorStore, VectorStore

DATABASE_FILE = "hexamem.db"
LOCK_FILE = "hexamem.lock"


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The offline MiniLM model, loaded once per process."""
    return MiniLMEmbedder()


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
    lock: IO[str]

    def close(self) -> None:
        self.vectors.close()
        self.db.close()
        self.lock.close()


def open_components(
    settings: Settings, embedder: Embedder | None, vector_store: VectorStore | None
) -> Components:
    settings.home.mkdir(parents=True, exist_ok=True)
    lock = _lock_directory(settings)
    try:
        embedder = embedder or default_embedder()
        if vector_store is None:
            vector_store = (
                ChromaVectorStore.remote(settings.chroma_url)
                if settings.chroma_url
                else ChromaVectorStore.embedded(settings.home / "chroma")
            )
        db = Database(settings.home / DATABASE_FILE)
    except BaseException:
        lock.close()
        raise
    records, lexical, log = RecordStore(db), LexicalIndex(db), OpLog(db)
    return Components(
        settings=settings,
        db=db,
        records=records,
        log=log,
        planner=Planner(records),
        applier=Applier(db, log, records, lexical, vector_store, embedder),
        search=HybridSearch(records, lexical, vector_store, embedder, settings.search_overfetch),
        vectors=vector_store,
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
