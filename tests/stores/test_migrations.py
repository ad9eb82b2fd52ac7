"""Versioned schema changes on the SQLite file: applied once, in order, each whole or
not at all, and a file from a newer hexamem refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hexamem import Memory
from hexamem.errors import ConfigurationError, StoreError
from hexamem.stores import records, records_schema
from hexamem.stores.migrations import Migration, statements
from hexamem.stores.sqlite import Database

FIRST = Migration(1, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);", "notes")
SECOND = Migration(2, "ALTER TABLE notes ADD COLUMN at REAL;", "a time on each note")


def _columns(db: Database, table: str) -> list[str]:
    with db.reading() as conn:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def test_each_step_runs_once_and_the_next_release_adds_its_own(tmp_path: Path) -> None:
    db = Database(tmp_path / "m.db")
    assert db.migrate("notes", [FIRST]) == 1
    assert db.migrate("notes", [FIRST]) == 1  # a second open runs nothing again
    assert _columns(db, "notes") == ["id", "body"]
    assert db.migrate("notes", [FIRST, SECOND]) == 2
    assert _columns(db, "notes") == ["id", "body", "at"]
    with db.reading() as conn:
        ledger = conn.execute("SELECT store, version, why FROM schema_migrations").fetchall()
    assert ledger == [("notes", 1, "notes"), ("notes", 2, "a time on each note")]


def test_a_failing_step_leaves_nothing_half_done(tmp_path: Path) -> None:
    db = Database(tmp_path / "m.db")
    db.migrate("notes", [FIRST])
    broken = Migration(2, "ALTER TABLE notes ADD COLUMN at REAL;\nCREATE TABLE notes (x);", "x")
    with pytest.raises(StoreError):
        db.migrate("notes", [FIRST, broken])
    assert _columns(db, "notes") == ["id", "body"]  # the first statement was rolled back
    assert db.migrate("notes", [FIRST, SECOND]) == 2  # and the fixed release applies


def test_a_file_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    db = Database(tmp_path / "m.db")
    db.migrate("notes", [FIRST, SECOND])
    with pytest.raises(ConfigurationError, match="newer hexamem"):
        db.migrate("notes", [FIRST])


def test_steps_must_count_up_from_one(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="numbered 1..n"):
        Database(tmp_path / "m.db").migrate("notes", [SECOND])


def test_a_trigger_body_stays_one_statement() -> None:
    sql = """CREATE TABLE a (x);
CREATE TRIGGER t AFTER INSERT ON a BEGIN
    INSERT INTO a VALUES (1);
    INSERT INTO a VALUES (2);
END;
CREATE INDEX i ON a(x)"""
    found = statements(sql)
    assert len(found) == 3 and found[1].startswith("CREATE TRIGGER") and found[2].endswith("(x)")


def test_a_memory_records_the_version_of_every_store(memory: Memory) -> None:
    with memory._c.db.reading() as conn:
        stores = {row[0] for row in conn.execute("SELECT store FROM schema_migrations")}
    assert {"records", "oplog", "lexical", "entities", "usage", "keyvalue"} <= stores


def test_a_file_from_before_the_ledger_is_adopted_as_version_one(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "old.db") as old:  # tables made the old way, no ledger
        old.executescript(records_schema.SCHEMA)
        old.execute("INSERT INTO episodes (id, user_id, body) VALUES ('ep_1', 'alice', '{}')")
    db = Database(tmp_path / "old.db")
    records.RecordStore(db)
    with db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM episodes").fetchone()[0] == 1
        assert conn.execute(
            "SELECT version FROM schema_migrations WHERE store = 'records'"
        ).fetchall() == [(1,)]
