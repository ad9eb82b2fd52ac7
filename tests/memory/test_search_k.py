"""How many results a search returns: ten unless told, `k` at most, or every match."""

from __future__ import annotations

import pytest

from hexamem import InvalidInput, Memory
from tests.helpers import MARCH, fact


def test_no_k_gives_ten_and_none_gives_every_match(memory: Memory) -> None:
    stamps = [f"Alice keeps stamp album number {n}" for n in range(13)]
    memory.apply([fact(text) for text in stamps], user_id="alice", timestamp=MARCH)
    assert len(memory.search("stamp album", user_id="alice")) == 10
    assert len(memory.search("stamp album", user_id="alice", k=4)) == 4
    every = memory.search("stamp album", user_id="alice", k=None)
    assert sorted(hit.item.payload.summary for hit in every) == sorted(stamps)
    for wrong in (0, 101, "5"):
        with pytest.raises(InvalidInput, match="k must be an integer from 1 to 100"):
            memory.search("stamp album", user_id="alice", k=wrong)  # type: ignore[arg-type]
