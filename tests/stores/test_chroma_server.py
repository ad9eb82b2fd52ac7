"""The full API against a real Chroma server started by the suite (HEXAMEM_CHROMA_URL)."""

from __future__ import annotations

import pytest

from hexamem import Memory, StoreError
from tests.helpers import APRIL, JUNE, MARCH, fact


def test_memory_works_end_to_end_on_a_chroma_server(
    chroma_server, tmp_path, embedder, monkeypatch
) -> None:
    monkeypatch.setenv("HEXAMEM_CHROMA_URL", chroma_server)
    with Memory.open(str(tmp_path), embedder=embedder) as memory:
        assert memory.settings.chroma_url == chroma_server
        assert not (tmp_path / "chroma").exists()
        [item_id] = memory.apply(
            [fact("Alice lives in Paris")], user_id="server-alice", timestamp=MARCH
        ).ids
        memory.update(item_id, summary="Alice lives in Berlin", timestamp=JUNE)
        current = memory.search("where does Alice live", user_id="server-alice")
        assert [h.item.payload.summary for h in current] == ["Alice lives in Berlin"]
        assert current[0].vector_rank == 1
        april = memory.search("where does Alice live", user_id="server-alice", as_of=APRIL)
        assert april[0].item.payload.summary == "Alice lives in Paris"
        memory.forget(user_id="server-alice")
        assert memory._c.vectors.count("server-alice") == 0


def test_an_unreachable_server_is_a_store_error(tmp_path, embedder) -> None:
    with pytest.raises(StoreError, match="did not answer"):
        Memory.open(str(tmp_path), embedder=embedder, chroma_url="http://127.0.0.1:9")
