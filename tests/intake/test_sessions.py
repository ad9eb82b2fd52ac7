"""Messages batched per session: every N messages, at session end, and on flush."""

from __future__ import annotations

import pytest

from hexamem import InvalidInput, Memory
from hexamem.llm.offline import OfflineLLM
from tests.helpers import JUNE


def test_a_session_goes_to_the_agents_in_batches(tmp_path, embedder, graph_store) -> None:
    llm = OfflineLLM()
    with Memory.open(
        str(tmp_path), embedder=embedder, graph_store=graph_store, llm=llm, session_batch=3
    ) as memory:
        first = memory.add("I live in Paris.", user_id="alice", session_id="s1", timestamp=JUNE)
        second = memory.add("I work as a nurse.", user_id="alice", session_id="s1", timestamp=JUNE)
        assert (first.batch_id, first.pending_messages) == (None, 1)
        assert (second.batch_id, second.pending_messages) == (None, 2)
        assert memory.list("alice") == []  # nothing extracted yet
        third = memory.add("I love jazz.", user_id="alice", session_id="s1", timestamp=JUNE)
        assert third.batch_id is not None and third.episode_id is not None
        episode = next(e for e in memory._c.records.episodes("alice") if e.id == third.episode_id)
        assert [m.content for m in episode.messages] == [
            "I live in Paris.",
            "I work as a nurse.",
            "I love jazz.",
        ]
        relations = {i.payload.relation for i in memory.list("alice", "semantic")}
        assert relations == {"lives_in", "works_as", "likes"}

        memory.add("I'm allergic to peanuts.", user_id="alice", session_id="s2")
        ended = memory.end_session(user_id="alice", session_id="s2")
        assert ended is not None and ended.outcomes
        assert memory.end_session(user_id="alice", session_id="s2") is None

        memory.add("I have a cat named Miso.", user_id="bob", session_id="b1")
        memory.flush()
        [pet] = memory.list("bob", "semantic")
        assert (pet.payload.relation, pet.payload.object) == ("pet", "Miso")

        # Without a session id nothing waits, and bad input fails at once.
        assert memory.add("I live in Oslo.", user_id="carol").batch_id is not None
        with pytest.raises(InvalidInput, match="content is empty"):
            memory.add("", user_id="alice", session_id="s3")


def test_a_session_batch_that_fails_at_flush_is_logged(
    tmp_path, embedder, graph_store, caplog
) -> None:
    from hexamem import ModelUnavailable
    from hexamem.llm.offline import OfflineLLM

    class Down(OfflineLLM):
        def structured(self, **kwargs):
            raise ModelUnavailable("provider down")

    with Memory.open(
        str(tmp_path), embedder=embedder, graph_store=graph_store, llm=Down(), session_batch=5
    ) as memory:
        memory.add("I live in Paris.", user_id="alice", session_id="s1")
        with caplog.at_level("ERROR", logger="hexamem"):
            memory.flush()
    assert "could not be ingested: provider down" in caplog.text
