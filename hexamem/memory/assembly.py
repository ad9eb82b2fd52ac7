"""Building a memory once, at open: stores, seams, the write path, the reads and the agents.

Heavy dependencies (Chroma, the embedding model, the graph engine, the model
SDKs, LangGraph) are imported here, when a memory is opened, and not when
`hexamem` is imported.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import TypeVar

from hexamem.doctor import Doctor
from hexamem.embedding import Embedder, open_embedder
from hexamem.entities import EntityResolver
from hexamem.intake.messages import episode_from_inputs
from hexamem.llm import StructuredLLM, open_llm
from hexamem.memory.agents import Agents
from hexamem.memory.lockfile import DirectoryLock
from hexamem.oplog import Applier, OpLog, Planner, Writer
from hexamem.prompts import overrides_in
from hexamem.results import DoctorReport
from hexamem.retrieval.agent_reads import AgentReads
from hexamem.retrieval.search import HybridSearch
from hexamem.settings import Settings
from hexamem.stores.dialect import Database
from hexamem.stores.entities import EntityStore
from hexamem.stores.graph import GraphStore, open_graph_store
from hexamem.stores.keyvalue import KeyValueStore
from hexamem.stores.lexical import KeywordIndex, LexicalIndex
from hexamem.stores.records import RecordStore
from hexamem.stores.sqlite import Database as SqliteDatabase
from hexamem.stores.transcripts import TranscriptReads
from hexamem.stores.usage import UsageLedger
from hexamem.stores.vector import VectorStore, open_vector_store
from hexamem.stores.vector.write_behind import WriteBehindVectors
from hexamem.vault import Vault, load_keys
from hexamem.vault.heap import wipe_freed_memory
from hexamem.vault.protect import Protector, opened

Opened = TypeVar("Opened", VectorStore, GraphStore, StructuredLLM)
Closable = VectorStore | GraphStore | StructuredLLM | Database
DATABASE_FILE = "hexamem.db"
log = logging.getLogger("hexamem")


@dataclass
class Components:
    """Everything a `Memory` works with, built once at open."""

    settings: Settings
    db: Database
    records: RecordStore
    log: OpLog
    planner: Planner
    applier: Applier
    writer: Writer
    search: HybridSearch
    reads: AgentReads
    vectors: WriteBehindVectors
    graph: GraphStore
    entities: EntityStore
    resolver: EntityResolver
    usage: UsageLedger
    llm: StructuredLLM
    agents: Agents
    vault: Vault
    doctor: Doctor
    key_values: KeyValueStore
    embedder: Embedder
    lock: DirectoryLock

    def close(self) -> None:
        if self.lock.released:  # closed already
            return
        clean = False
        try:
            self.llm.close()
            self.vectors.close()
            self.graph.close()
            self.db.close()
            clean = True  # the next open need not check the stores
        finally:
            self.lock.release(clean=clean)


def open_components(
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    vector_store: VectorStore | None = None,
    graph_store: GraphStore | None = None,
    llm: StructuredLLM | None = None,
) -> Components:
    """Every component of the memory in `settings.home`; given backends replace the configured
    ones. Whatever was opened is closed again if a later step fails."""
    settings.home.mkdir(parents=True, exist_ok=True)
    wipe_freed_memory()
    # With a database server, vectors live on it (pgvector) or on a Chroma server.
    shared = settings.database_url is not None and (
        graph_store is not None or settings.graph != "falkordb"
    )
    lock = DirectoryLock.shared() if shared else DirectoryLock.take(settings.home)
    opened: list[Closable] = []
    try:
        llm = llm or _opened(open_llm(settings), opened)
        embedder = embedder or open_embedder()
        db = open_database(settings)
        opened.append(db)
        vectors = WriteBehindVectors(
            vector_store or _opened(open_vector_store(settings, db, embedder.dimension), opened),
            embedder,
        )
        graph_store = graph_store or _opened(open_graph_store(settings, embedder.dimension), opened)
        components = _assemble(settings, db, embedder, vectors, graph_store, llm, lock)
    except BaseException:
        for thing in reversed(opened):
            thing.close()
        lock.release(clean=False)
        raise
    if lock.crashed:  # the last process died holding the memory: check every store against it
        try:
            with components.writer.exclusive():
                report = components.doctor.examine(components.records.users(), repair=True)
        except BaseException:
            components.close()
            raise
        log.warning("opened after a crash; stores checked: %s", _summary(report))
    return components


def open_database(settings: Settings) -> Database:
    """PostgreSQL at `settings.database_url`, else the SQLite file in the home."""
    if settings.database_url is not None:
        from hexamem.stores.postgres import PostgresDatabase

        return PostgresDatabase(settings.database_url)
    return SqliteDatabase(settings.home / DATABASE_FILE)


def keyword_index(db: Database) -> KeywordIndex:
    """FTS5 in the SQLite file, or `tsvector` rows on the server."""
    if isinstance(db, SqliteDatabase):
        return LexicalIndex(db)
    from hexamem.stores.lexical.tsvector import PostgresLexicalIndex

    return PostgresLexicalIndex(db)


def _summary(report: DoctorReport) -> str:
    differ = [u.user_id for u in report.users if not u.agrees]
    return (
        f"{len(report.users) - len(differ)} users agree, {len(differ)} still differ {differ}, "
        f"{len(report.quarantined)} batches quarantined"
    )


def _assemble(
    settings: Settings,
    db: Database,
    embedder: Embedder,
    vectors: WriteBehindVectors,
    graph: GraphStore,
    llm: StructuredLLM,
    lock: DirectoryLock,
) -> Components:
    records, lexical, oplog, entities = (
        RecordStore(db),
        keyword_index(db),
        OpLog(db),
        EntityStore(db),
    )
    resolver = EntityResolver(entities, graph, embedder)
    vault = Vault(load_keys(settings.vault_key, settings.home))
    planner = Planner(records, entities, resolver, graph, unseal=vault.open)
    key_values = KeyValueStore(db)
    applier = Applier(
        db,
        oplog,
        records,
        entities,
        lexical,
        vectors,
        graph,
        embedder,
        key_values,
        shared=not isinstance(db, SqliteDatabase),
    )
    writer = Writer(planner, applier, oplog, protect=Protector(vault, records))
    doctor = Doctor(db, records, lexical, vectors, graph, entities, applier, oplog)
    writer.replay()  # a batch left pending by a crash is applied before anything reads
    writer.compact()
    search = HybridSearch(
        records,
        lexical,
        vectors,
        embedder,
        entities,
        graph,
        TranscriptReads(db),
        settings.search_overfetch,
    )
    reads = AgentReads(records, search)
    usage = UsageLedger(db)
    prepare = functools.partial(
        episode_from_inputs,
        max_chars=settings.max_message_chars,
        max_messages=settings.max_messages,
    )
    agents = Agents(
        llm,
        reads,
        writer,
        usage,
        prepare,
        overrides_in(settings.prompts_dir),
        reveal=functools.partial(opened, vault=vault),
    )
    return Components(
        settings=settings,
        db=db,
        records=records,
        log=oplog,
        planner=planner,
        applier=applier,
        writer=writer,
        search=search,
        reads=reads,
        vectors=vectors,
        graph=graph,
        entities=entities,
        resolver=resolver,
        usage=usage,
        llm=llm,
        agents=agents,
        vault=vault,
        doctor=doctor,
        key_values=key_values,
        embedder=embedder,
        lock=lock,
    )


def _opened(thing: Opened, opened: list[Closable]) -> Opened:
    """`thing`, noted as opened here (so closed again if opening fails later)."""
    opened.append(thing)
    return thing
