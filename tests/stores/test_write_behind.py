"""Vectors written behind: staged texts are seen by every read, survive a store that is
down for a while, and a process killed before they were written loses none of them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hexamem import Memory, StoreError
from hexamem.stores.vector.chroma import ChromaVectorStore
from hexamem.stores.vector.write_behind import WriteBehindVectors
from tests.fakes.embedder import HashingEmbedder
from tests.helpers import fact

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def staged(tmp_path: Path, embedder: HashingEmbedder) -> WriteBehindVectors:
    store = WriteBehindVectors(ChromaVectorStore.embedded(tmp_path / "chroma"), embedder)
    yield store
    store.close()


def test_a_read_sees_every_staged_text(staged: WriteBehindVectors, embedder) -> None:
    staged.stage("ana", ["a:1", "b:1"], ["tea in Kyoto", "a red bicycle"])
    hits = staged.query("ana", embedder.embed_one("a red bicycle"), 1)
    assert [h.key for h in hits] == ["b:1"] and hits[0].similarity == pytest.approx(1.0, abs=1e-5)
    assert staged.count("ana") == 2 and staged.staged == 0


def test_a_key_staged_again_keeps_only_its_last_text(staged: WriteBehindVectors, embedder) -> None:
    staged.stage("ana", ["a:1"], ["first words"])
    staged.stage("ana", ["a:1"], ["second words"])
    [hit] = staged.query("ana", embedder.embed_one("second words"), 5)
    assert hit.key == "a:1" and hit.similarity == pytest.approx(1.0, abs=1e-5)


def test_staged_texts_wait_out_a_store_that_is_down(
    staged: WriteBehindVectors, embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = staged.inner.upsert

    def down(*args, **kwargs):
        raise StoreError("vector store down")

    monkeypatch.setattr(staged.inner, "upsert", down)
    staged.stage("ana", ["a:1"], ["tea in Kyoto"])
    with pytest.raises(StoreError, match="down"):
        staged.query("ana", embedder.embed_one("tea"), 1)
    assert staged.staged == 1
    monkeypatch.setattr(staged.inner, "upsert", real)
    assert [h.key for h in staged.query("ana", embedder.embed_one("tea in Kyoto"), 1)] == ["a:1"]


def test_a_purge_after_staging_leaves_no_vector(staged: WriteBehindVectors) -> None:
    staged.stage("ana", ["a:1", "b:1"], ["one", "two"])
    staged.delete("ana", ["a:1"])
    assert staged.keys("ana") == {"b:1"}


def test_close_writes_what_is_staged(tmp_path: Path, embedder) -> None:
    store = WriteBehindVectors(ChromaVectorStore.embedded(tmp_path / "chroma"), embedder)
    store.stage("ana", ["a:1"], ["tea in Kyoto"])
    store.close()
    reopened = ChromaVectorStore.embedded(tmp_path / "chroma")
    try:
        assert reopened.keys("ana") == {"a:1"}
    finally:
        reopened.close()


CHILD = textwrap.dedent(
    """
    import os, sys, threading
    from hexamem import Memory
    from hexamem.stores.vector.write_behind import WriteBehindVectors
    from tests.fakes.embedder import HashingEmbedder
    from tests.helpers import fact

    def die(self):
        os._exit(17)

    WriteBehindVectors.flush = die  # the process dies before any staged vector is written
    memory = Memory.open(sys.argv[1], embedder=HashingEmbedder())
    memory.apply([fact("Alice keeps bees on the roof")], user_id="alice")
    print("acknowledged", flush=True)
    threading.Event().wait(60)
    """
)


def test_an_acknowledged_write_killed_before_its_vectors_is_found_by_vector_after_open(
    tmp_path: Path, embedder
) -> None:
    home = tmp_path / "home"
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(home)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 17 and "acknowledged" in child.stdout, child.stderr
    with Memory.open(str(home), embedder=embedder) as memory:
        [hit] = memory.search("Alice keeps bees on the roof", user_id="alice", k=1)
        assert hit.vector_rank == 1 and hit.similarity == pytest.approx(1.0, abs=1e-5)
        assert memory._c.vectors.count("alice") == 1


def test_flush_makes_every_add_searchable_by_vector(memory: Memory) -> None:
    memory.apply([fact("Alice keeps bees on the roof")], user_id="alice")
    memory.flush()
    assert memory._c.vectors.staged == 0
    assert memory._c.vectors.inner.count("alice") == 1
