"""The filtered-retrieval fallbacks: a match deep in the unfiltered ranking is still found."""

from __future__ import annotations

from datetime import timedelta

from hexamem import Memory
from tests.helpers import MARCH, fact


def test_a_current_match_behind_many_closed_ones_is_found(memory: Memory) -> None:
    closed = memory.apply(
        [fact(f"Alice drinks green tea, cup number {i}") for i in range(120)],
        user_id="alice",
        timestamp=MARCH,
    ).ids
    memory.apply(
        [{"kind": "DELETE", "memory_type": "semantic", "target_id": i} for i in closed],
        user_id="alice",
        timestamp=MARCH + timedelta(days=1),
    )
    [kept] = memory.apply(
        [fact("On long quiet winter evenings by the fire, Alice still likes a green tea")],
        user_id="alice",
        timestamp=MARCH,
    ).ids
    hits = memory.search("green tea", user_id="alice", k=3)
    assert [h.id for h in hits] == [kept]
    assert hits[0].vector_rank == 1 and hits[0].lexical_rank == 1


def test_a_narrow_time_window_reaches_past_the_unfiltered_neighbours(
    memory: Memory, monkeypatch
) -> None:
    restricted: list[int] = []
    query = memory._c.vectors.query

    def spy(scope, vector, n, *, among=None):
        if among is not None:
            restricted.append(len(among))
        return query(scope, vector, n, among=among)

    monkeypatch.setattr(memory._c.vectors, "query", spy)
    memory.add(
        [f"Board game night number {i} with the neighbours" for i in range(80)],
        user_id="alice",
        timestamp=MARCH,
        infer=False,
    )
    late = MARCH + timedelta(days=90)
    [target] = memory.add("Bought a new blender", user_id="alice", timestamp=late, infer=False).ids
    hits = memory.search("board game night neighbours", user_id="alice", since=late)
    assert [h.id for h in hits] == [target]
    assert hits[0].vector_rank == 1
    assert restricted == [1]  # the unfiltered read missed it; the kNN among 1 key found it
