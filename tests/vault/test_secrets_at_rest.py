"""Secrets stay secret on disk: sealed in the vault, masked everywhere else, and gone
for good when forgotten. Every byte under the data directory is searched."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hexamem import Add, InvalidInput, Memory, MemoryType, Update, VaultEntry
from hexamem.memory_types import REDACTED

AT = datetime(2024, 3, 1, 10, tzinfo=UTC)
SECRETS = ("sunflower42", "DoorCode-77319")
TOLD = (
    "The wifi password is sunflower42.",
    "To get in, the door code is DoorCode-77319, then push hard.",
)


def files_holding(home: Path, *needles: str) -> dict[str, list[str]]:
    """Which needles each file under `home` holds, as raw bytes (WAL, AOF and all)."""
    found: dict[str, list[str]] = {}
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits = [n for n in needles if n.encode() in data]
            if hits:
                found[str(path.relative_to(home))] = hits
    return found


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def told(home: Path, embedder) -> Iterator[Memory]:
    """A memory, with its own embedded graph under `home`, told two secrets in passing."""
    with Memory.open(str(home), embedder=embedder, llm="offline") as memory:
        for offset, text in enumerate(TOLD):
            memory.add(text, user_id="ana", timestamp=AT + timedelta(minutes=offset))
        yield memory


def test_no_file_holds_a_secret_yet_the_caller_who_asks_sees_it(told: Memory, home) -> None:
    vault = told.list("ana", MemoryType.KNOWLEDGE_VAULT, reveal_secrets=True)
    assert sorted(i.payload.secret_value for i in vault) == sorted(SECRETS)
    assert all(i.payload.secret_value == REDACTED for i in told.list("ana", "knowledge_vault"))
    answer = told.answer("What is the wifi password?", user_id="ana", reveal_secrets=True)
    assert "sunflower42" in answer.answer
    assert "sunflower42" not in told.answer("What is the wifi password?", user_id="ana").answer
    everywhere = " ".join(
        [i.text for i in told.list("ana", include_expired=True)]
        + [m.content for e in told._c.records.episodes("ana") for m in e.messages]
        + [h.reason for i in told.list("ana") for h in told.history(i.id)]
        + [told.export("ana")]
    )
    assert not any(secret in everywhere for secret in SECRETS)
    assert "[vault:" in everywhere  # the episode points at the entry instead
    told.close()
    assert files_holding(home, *SECRETS) == {}


def test_no_store_file_carries_a_secret_left_on_the_heap(tmp_path: Path, embedder) -> None:
    """Chroma writes whole malloc'd buffers; before freed memory was wiped, about one
    memory in three opened in a row in one process had a secret in `data_level0.bin`."""
    for n in range(8):
        home = tmp_path / f"home-{n}"
        with Memory.open(str(home), embedder=embedder, llm="offline") as memory:
            for offset, text in enumerate(TOLD):
                memory.add(text, user_id="ana", timestamp=AT + timedelta(minutes=offset))
        assert files_holding(home, *SECRETS) == {}


def test_a_writer_that_echoes_the_redaction_marker_changes_no_secret(told: Memory) -> None:
    [entry] = [
        i for i in told.list("ana", "knowledge_vault") if "wifi" in i.payload.caption.lower()
    ]
    told.apply(
        [
            Update(
                memory_type=MemoryType.KNOWLEDGE_VAULT,
                target_id=entry.id,
                payload={"secret_value": REDACTED},
            )
        ],
        user_id="ana",
    )
    assert told.get(entry.id, reveal_secrets=True).payload.secret_value == "sunflower42"
    echoed = VaultEntry(
        entry_type="pin", sensitivity="high", caption="bank pin", secret_value=REDACTED
    )
    with pytest.raises(InvalidInput, match="redaction marker"):
        told.apply([Add(payload=echoed)], user_id="ana")


def test_forgetting_leaves_no_byte_behind(told: Memory, home, embedder) -> None:
    told.add("My sister Ana Lindqvist lives in Rome.", user_id="ana", timestamp=AT)
    about_her = [i for i in told.list("ana") if "Ana Lindqvist lives" in i.text]
    assert about_her
    for item in about_her:
        told.forget(item.id, user_id="ana")
    for item in told.list("ana", "knowledge_vault"):
        told.forget(item.id, user_id="ana")
    told.close()
    assert files_holding(home, "Lindqvist", *SECRETS) == {}  # her name as an entity too
    with Memory.open(str(home), embedder=embedder, llm="offline") as memory:
        memory.add("I work at Kinetic Labs as a welder.", user_id="ana", timestamp=AT)
        memory.forget(user_id="ana")
    assert files_holding(home, "Kinetic Labs", "welder", "Lindqvist") == {}


def test_rotating_the_key_reseals_every_secret(told: Memory, home) -> None:
    before = (home / "vault.key").read_bytes()
    assert told.rotate_vault_key() == 2
    assert (home / "vault.key").read_bytes() != before
    shown = told.list("ana", "knowledge_vault", reveal_secrets=True)
    assert sorted(i.payload.secret_value for i in shown) == sorted(SECRETS)


def test_a_secret_said_again_later_is_masked_too(told: Memory, home) -> None:
    [wifi] = [
        i.id for i in told.list("ana", "knowledge_vault") if "wifi" in i.payload.caption.lower()
    ]
    for n in range(2):  # the second plain add reads the user's secrets from the cache
        told.add(f"Reminder {n}: sunflower42 opens the router", user_id="ana", infer=False)
    said = [m.content for e in told._c.records.episodes("ana") for m in e.messages]
    assert [s for s in said if s.startswith("Reminder")] == [
        f"Reminder {n}: [vault:{wifi}] opens the router" for n in range(2)
    ]
    told.close()
    assert files_holding(home, "sunflower42") == {}
