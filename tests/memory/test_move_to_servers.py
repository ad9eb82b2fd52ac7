"""Moving an embedded memory into PostgreSQL and servers, checked item for item."""

from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet

from hexamem import Memory
from hexamem.langgraph.store import HexamemStore
from hexamem.transfer.migrate import move_memory
from tests.cli.running import hexamem
from tests.fakes.embedder import HashingEmbedder
from tests.helpers import JUNE, MARCH, secret


def _fill(memory: Memory) -> str:
    memory.add("I live in Paris and work as a nurse", user_id="ana", timestamp=MARCH)
    [home] = memory.add("we moved to Berlin", user_id="ana", timestamp=JUNE, infer=False).ids
    memory.update(home, summary="we moved to Berlin in May")
    memory.apply([secret("sunflower42")], user_id="ana", timestamp=MARCH)
    HexamemStore(memory).put(("notes", "bob"), "n1", {"text": "likes tea"})
    return home


def test_every_user_moves_with_versions_secrets_and_store_values(
    tmp_path: Path, postgres_url: str, chroma_server: str, falkordb_url: str
) -> None:
    embedder = HashingEmbedder()
    servers = {
        "database_url": postgres_url,
        "chroma_url": chroma_server,
        "graph": falkordb_url,
        "vault_key": Fernet.generate_key().decode(),
    }
    with (
        Memory.open(str(tmp_path / "embedded"), embedder=embedder, llm="offline") as source,
        Memory.open(str(tmp_path / "target"), embedder=embedder, llm="offline", **servers) as into,
    ):
        home = _fill(source)
        report = move_memory(source, into)
        assert [(u.user_id, u.moved, u.same) for u in report.users] == [
            ("ana", True, True),
            ("bob", True, True),
        ]
        assert [v.version for v in into._c.records.versions(home)] == [1, 2]
        [vaulted] = into.list("ana", "knowledge_vault", reveal_secrets=True)
        assert vaulted.payload.secret_value == "sunflower42"
        assert HexamemStore(into).get(("notes", "bob"), "n1").value == {"text": "likes tea"}
        assert into.search("Berlin", user_id="ana", k=1)[0].item.id == home
        again = move_memory(source, into)  # run twice: nothing copied, everything checked
        assert [(u.moved, u.same) for u in again.users] == [(False, True), (False, True)]
        source.apply([secret("4711")], user_id="ana", timestamp=JUNE)
        changed = move_memory(source, into)
        assert not changed.ok and "different" in changed.users[0].problem
        assert len(into.list("ana", "knowledge_vault")) == 1  # never overwritten


def test_the_command_refuses_embedded_target_stores_without_a_home(tmp_path: Path) -> None:
    result = hexamem("migrate", "--to", "postgresql://127.0.0.1:1/x", "--home", tmp_path)
    assert result.exit_code == 2
    assert "--target-home" in result.output
