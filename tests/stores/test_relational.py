"""The relational stores behave the same on SQLite and on a real PostgreSQL server.

One contract, two engines: the record store (versions, history, episodes), the
op log, the transcript reads and the migrations ledger, each run over a
SQLite file and over a fresh schema on the session's PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hexamem.errors import ConfigurationError, StoreError
from hexamem.memory_types import (
    Episode,
    EpisodicEvent,
    MemoryItem,
    Message,
    Provenance,
    SemanticFact,
)
from hexamem.memory_types.ids import new_id
from hexamem.oplog.log import OpLog
from hexamem.oplog.plan import Plan
from hexamem.results import HistoryEntry
from hexamem.stores.dialect import Database
from hexamem.stores.migrations import Migration
from hexamem.stores.postgres import PostgresDatabase
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.records import RecordStore
from hexamem.stores.sqlite import Database as SqliteDatabase
from hexamem.stores.transcripts import TranscriptReads

AT = datetime(2024, 3, 1, 10, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    opened: Database
    if request.param == "sqlite":
        opened = SqliteDatabase(tmp_path / "hexamem.db")
    else:
        opened = PostgresDatabase(request.getfixturevalue("postgres_url"))
    yield opened
    opened.close()


def event(
    summary: str,
    *,
    user: str = "u",
    actor: str = "Alice",
    episode: str = "ep1",
    version: int = 1,
    id: str | None = None,
    at: datetime = AT,
) -> MemoryItem:
    return MemoryItem(
        id=id or new_id("mem"),
        user_id=user,
        text=summary,
        payload=EpisodicEvent(occurred_at=at, actor=actor, event_type="message", summary=summary),
        provenance=Provenance(episode_id=episode),
        created_at=at,
        updated_at=at,
        valid_at=at,
        version=version,
    )


def fact(subject: str, obj: str, *, user: str = "u", entities: tuple[str, ...] = ()) -> MemoryItem:
    return MemoryItem(
        id=new_id("mem"),
        user_id=user,
        text=f"{subject} lives in {obj}",
        payload=SemanticFact(
            name=subject,
            summary=f"{subject} lives in {obj}",
            subject=subject,
            relation="lives_in",
            object=obj,
        ),
        created_at=AT,
        updated_at=AT,
        valid_at=AT,
        entity_ids=entities,
    )


def put(db: Database, store: RecordStore, *items: MemoryItem) -> list[int]:
    with db.transaction() as conn:
        return [store.put(conn, item) for item in items]


def test_versions_are_kept_and_read_back_in_order(db: Database) -> None:
    store = RecordStore(db)
    first = event("moved to Paris")
    closed = first.model_copy(update={"expired_at": AT + timedelta(days=1)})
    second = first.model_copy(update={"version": 2, "text": "moved to Lyon"})
    [rowid] = put(db, store, first)
    assert put(db, store, closed) == [rowid]  # the same version again keeps its row
    put(db, store, second)
    assert [v.version for v in store.versions(first.id)] == [1, 2]
    assert store.latest(first.id) == second
    assert [i.version for i in store.select(RecallFilter("u"))] == [2]
    assert store.count(RecallFilter("u", include_expired=True)) == 2
    assert store.count(RecallFilter("u", include_expired=True), up_to=1) == 1
    assert store.fetch([(first.id, 1), (first.id, 9)]) == {(first.id, 1): closed}
    assert store.passing(RecallFilter("u"), [(first.id, 1), (first.id, 2)]) == {(first.id, 2)}
    assert store.keys(RecallFilter("someone else"), limit=5) == []


def test_history_episodes_and_sessions(db: Database) -> None:
    store = RecordStore(db)
    item = event("adopted a cat")
    entry = HistoryEntry(item_id=item.id, op="ADD", to_version=1, at=AT, batch_id="b1")
    episodes = [
        Episode(
            id=f"ep{n}",
            user_id="u",
            session_id="s1",
            observed_at=AT + timedelta(minutes=n),
            messages=(Message(id=f"m{n}", role="user", content=f"line {n}"),),
        )
        for n in range(3)
    ]
    with db.transaction() as conn:
        store.put(conn, item)
        store.add_history(conn, entry, "u")
        store.add_history(conn, entry, "u")  # a replayed batch writes it once
        for episode in episodes:
            store.put_episode(conn, episode)
        store.put_episode(conn, episodes[0])  # rewritten in place, still first
    assert [(h.op, h.to_version) for h in store.history(item.id)] == [("ADD", 1)]
    assert store.history(item.id)[0].new == item
    assert [e.id for e in store.episodes("u")] == ["ep0", "ep1", "ep2"]
    before = store.session_messages("u", "s1", before="ep2", limit=5)
    assert [m.content for m in before] == ["line 0", "line 1"]
    assert store.episode_exists("ep1") and not store.episode_exists("ep9")
    assert store.users() == ["u"] and store.episode_count("u") == 3


def test_purge_takes_the_versions_and_the_words_they_came_from(db: Database) -> None:
    store = RecordStore(db)
    episode = Episode(
        id="ep1",
        user_id="u",
        observed_at=AT,
        messages=(Message(id="m1", role="user", content="my PIN is 1234"),),
    )
    item = event("PIN mentioned").model_copy(
        update={"provenance": Provenance(episode_id="ep1", message_ids=("m1",))}
    )
    kept = fact("Sam", "Leeds", entities=("ent_a", "ent_b"))
    with db.transaction() as conn:
        store.put_episode(conn, episode)
        rowids = [store.put(conn, i) for i in (item, kept)]
    assert store.version_keys("u") == {(item.id, 1): False, (kept.id, 1): True}
    assert store.names_entity("u", "ent_a", besides="nobody")
    assert not store.names_entity("u", "ent_a", besides=kept.id)
    with db.transaction() as conn:
        assert store.purge(conn, "u", [item.id]) == rowids[:1]
    assert store.versions(item.id) == []
    assert store.episodes("u")[0].messages[0].content == "[forgotten]"
    with db.transaction() as conn:
        store.purge(conn, "u", None)
    assert store.users() == []


def test_a_failed_transaction_leaves_nothing(db: Database) -> None:
    store = RecordStore(db)
    with pytest.raises(RuntimeError), db.transaction() as conn:
        store.put(conn, event("half a write"))
        raise RuntimeError("the apply failed midway")
    assert store.count(RecallFilter("u", include_expired=True)) == 0


def test_transcript_reads_follow_the_turns(db: Database) -> None:
    store, transcripts = RecordStore(db), TranscriptReads(db)
    question = event("where should we eat tonight?", actor="Alice")
    answer = event("the ramen place on 5th", actor="Bob")
    reply = event("I can suggest a few places", actor="assistant")
    put(db, store, question, answer)
    assert transcripts.is_actor("u", "alice") and not transcripts.is_actor("u", "Carol")
    keys = [(question.id, 1), (answer.id, 1)]
    assert transcripts.actors(keys) == {(question.id, 1): "Alice", (answer.id, 1): "Bob"}
    assert transcripts.replies(keys, RecallFilter("u")) == {(question.id, 1): (answer.id, 1)}
    other = event("who is coming?", actor="Alice", episode="ep2")
    put(db, store, other, reply.model_copy(update={"provenance": Provenance(episode_id="ep2")}))
    assert transcripts.replies([(other.id, 1)], RecallFilter("u")) == {}  # not the assistant's


def _plan(user: str = "u") -> Plan:
    return Plan(batch_id=new_id("batch"), user_id=user, at=AT)


def test_the_op_log_keeps_pending_batches_until_done(db: Database) -> None:
    log = OpLog(db)
    first, second = _plan(), _plan()
    log.write_pending(first)
    log.write_pending(second)
    assert [p.batch_id for p in log.pending()] == [first.batch_id, second.batch_id]
    with db.transaction() as conn:
        log.mark_done(conn, first.batch_id)
    assert [p.plan for p in log.pending()] == [second]
    log.quarantine(second.batch_id, "refused by a store", AT)
    assert log.pending() == []
    [aside] = log.quarantined("u")
    assert aside.batch_id == second.batch_id and aside.reason == "refused by a store"
    for _ in range(3):
        plan = _plan()
        log.write_pending(plan)
        with db.transaction() as conn:
            log.mark_done(conn, plan.batch_id)
    assert log.compact(keep=2) == 2
    with db.transaction() as conn:
        log.forget_user(conn, "u")
    assert log.quarantined() == []


def test_each_engine_keeps_its_own_migrations_ledger(db: Database) -> None:
    notes = Migration(
        1,
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);",
        "notes",
        postgres="CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT);",
    )
    assert db.migrate("notes", [notes]) == 1
    assert db.migrate("notes", [notes]) == 1
    with db.reading() as conn:
        rows = conn.execute(
            "SELECT store, version FROM schema_migrations WHERE store = ?", ("notes",)
        ).fetchall()
    assert [tuple(r) for r in rows] == [("notes", 1)]
    later = Migration(2, "ALTER TABLE notes ADD COLUMN at REAL;", "at")
    if db.dialect.name == "postgres":  # a step with no server text is refused, not skipped
        with pytest.raises(ConfigurationError, match="no PostgreSQL schema"):
            db.migrate("notes", [notes, later])
    with pytest.raises(ConfigurationError, match="newer hexamem"):
        db.migrate("notes", [])  # an older release that knows no step of it


def test_a_statement_the_engine_refuses_is_a_store_error(db: Database) -> None:
    with pytest.raises(StoreError) as caught, db.reading() as conn:
        conn.execute("SELECT * FROM no_such_table")
    assert "no_such_table" in str(caught.value)
