"""Many instances, one memory: PostgreSQL (vectors in pgvector or on a Chroma server) and
a FalkorDB server, shared.

Each instance has its own home (its caches only) and no directory lock; what one
acknowledges, every other reads at once; a user's writes are ordered across
instances; a batch an instance left pending is replayed by another, once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from hexamem import Memory
from hexamem.errors import ConfigurationError
from hexamem.memory_types import Add, EpisodicEvent, MemoryType
from tests.fakes.embedder import HashingEmbedder
from tests.helpers import MARCH


@pytest.fixture(params=["chroma-server", "pgvector"])
def servers(request: pytest.FixtureRequest, postgres_url: str, falkordb_url: str) -> dict[str, str]:
    """PostgreSQL and a graph server, with vectors on a Chroma server or in pgvector."""
    chosen = {
        "database_url": postgres_url,
        "graph": falkordb_url,
        "vault_key": Fernet.generate_key().decode(),
    }
    if request.param == "chroma-server":
        chosen["chroma_url"] = request.getfixturevalue("chroma_server")
    return chosen


@pytest.fixture
def instance(
    tmp_path: Path, servers: dict[str, str], embedder: HashingEmbedder
) -> Iterator[Callable[[], Memory]]:
    opened: list[Memory] = []

    def open_one() -> Memory:
        home = tmp_path / f"instance-{len(opened) + 1}"
        opened.append(Memory.open(str(home), embedder=embedder, llm="offline", **servers))
        return opened[-1]

    yield open_one
    for memory in reversed(opened):
        memory.close()


def _event(text: str) -> Add:
    return Add(
        memory_type=MemoryType.EPISODIC,
        payload=EpisodicEvent(occurred_at=MARCH, actor="Ana", event_type="note", summary=text),
    )


def test_what_one_instance_writes_every_other_reads_at_once(
    instance: Callable[[], Memory],
) -> None:
    first, second = instance(), instance()
    added = first.add("I adopted a cat called Miso", user_id="ana", timestamp=MARCH, infer=False)
    [hit] = second.search("cat called Miso", user_id="ana", k=1)
    assert hit.item.id == added.ids[0]
    second.update(added.ids[0], summary="I adopted two cats, Miso and Tofu")
    assert "Tofu" in first.get(added.ids[0]).text
    assert [h.op for h in first.history(added.ids[0])] == ["ADD", "UPDATE"]
    report = second.doctor()
    assert report.pending == 0 and all(u.agrees for u in report.users)


def test_no_directory_lock_when_every_store_is_a_server(
    tmp_path: Path, servers: dict[str, str], embedder: HashingEmbedder
) -> None:
    home = str(tmp_path / "one-home")
    with (
        Memory.open(home, embedder=embedder, llm="offline", **servers) as first,
        Memory.open(home, embedder=embedder, llm="offline", **servers) as second,
    ):
        first.apply([_event("same home, two instances")], user_id="ana", timestamp=MARCH)
        assert len(second.list("ana")) == 1
    assert not (tmp_path / "one-home" / "hexamem.lock").exists()


def test_a_batch_left_pending_is_replayed_by_another_instance_once(
    instance: Callable[[], Memory],
) -> None:
    dead, alive = instance(), instance()
    plan = dead._c.planner.plan([_event("logged, never applied")], user_id="ana", at=MARCH)
    dead._c.log.write_pending(plan)  # as if the instance died right after the log write
    writing = threading.Event()
    done = threading.Event()

    def hold_the_user() -> None:
        with dead._c.log.holding("ana"):
            writing.set()
            done.wait(10)

    holder = threading.Thread(target=hold_the_user)
    holder.start()
    writing.wait(10)
    alive._c.writer.replay()  # the user is being written elsewhere: not ours to replay
    assert alive._c.log.is_pending(plan.batch_id)
    done.set()
    holder.join()
    alive.apply([_event("the next write")], user_id="ana", timestamp=MARCH)
    assert not alive._c.log.is_pending(plan.batch_id)
    texts = sorted(i.payload.summary for i in dead.list("ana"))
    assert texts == ["logged, never applied", "the next write"]


def test_a_server_database_needs_one_vault_key_for_every_instance(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="vault_key"):
        Memory.open(str(tmp_path), database_url="postgresql://127.0.0.1:1/x")
    with pytest.raises(ConfigurationError, match="postgresql://"):
        Memory.open(str(tmp_path), database_url="mysql://127.0.0.1/x", vault_key="k")


def test_a_user_forgotten_by_one_instance_is_written_again_by_another(
    instance: Callable[[], Memory],
) -> None:
    first, second = instance(), instance()
    second.apply([_event("before the forget")], user_id="ana", timestamp=MARCH)
    assert second.search("before the forget", user_id="ana", k=1)  # its handle is cached now
    first.forget(user_id="ana")  # drops the user's collection on the shared server
    assert second.search("before the forget", user_id="ana", k=1) == []
    second.apply([_event("after the forget")], user_id="ana", timestamp=MARCH)
    [hit] = first.search("after the forget", user_id="ana", k=1)
    assert hit.item.payload.summary == "after the forget"
