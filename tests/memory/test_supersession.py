"""Which fact is current after a change, for every order of stated and unstated starts.

The latest word wins; a start that was never said is only 'known since the
observation' and never outranks a later, explicit change; what is told as past
closes nothing; the same fact again is re-asserted, not duplicated.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hexamem import Add, InvalidInput, Memory, NotFound
from hexamem.memory_types import Forget, Reassert, SemanticFact, Update
from tests.helpers import triple

OCT = datetime(2024, 10, 15, tzinfo=UTC)
NOV = datetime(2024, 11, 10, tzinfo=UTC)
DEC_1 = datetime(2024, 12, 1, 9, tzinfo=UTC)
DEC_20 = datetime(2024, 12, 20, 9, tzinfo=UTC)


def home(city: str, **extra) -> Add:
    return triple("Sam", "lives_in", city, f"Sam lives in {city}", **extra)


def homes_now(memory: Memory, *, as_of: datetime | None = None) -> list[str]:
    found = memory.search("where Sam lives", user_id="sam", types=["semantic"], as_of=as_of)
    return sorted(hit.item.payload.object for hit in found)


def add(memory: Memory, op: Add, at: datetime) -> str:
    [item_id] = [
        o.id for o in memory.apply([op], user_id="sam", timestamp=at).outcomes if o.kind == "ADD"
    ]
    return item_id


def test_an_explicit_move_outranks_a_start_that_was_never_said(memory: Memory) -> None:
    leeds = add(memory, home("Leeds"), DEC_1)  # "I live in Leeds"
    # "we moved to Manchester last month", said on 20 December
    manchester = add(memory, home("Manchester", valid_at=NOV, supersedes=(leeds,)), DEC_20)

    old, new = memory.get(leeds), memory.get(manchester)
    assert new.current and new.invalid_at is None and new.valid_at_stated
    assert not old.current and old.invalid_at == NOV and not old.start_known
    assert homes_now(memory) == ["Manchester"]
    assert homes_now(memory, as_of=OCT) == ["Leeds"]
    before = memory.search(
        "where did Sam live before moving to Manchester",
        user_id="sam",
        types=["semantic"],
        until=NOV,
        include_expired=True,
    )
    assert "Leeds" in [hit.item.payload.object for hit in before]


def test_a_change_dated_before_a_stated_start_is_an_earlier_chapter(memory: Memory) -> None:
    leeds = add(memory, home("Leeds", valid_at=NOV), DEC_1)  # "since November in Leeds"
    york = add(memory, home("York", valid_at=OCT, supersedes=(leeds,)), DEC_20)
    assert memory.get(leeds).current and memory.get(leeds).invalid_at is None
    assert memory.get(york).invalid_at == NOV
    assert homes_now(memory) == ["Leeds"]


@pytest.mark.parametrize("stated_first", [True, False])
def test_a_later_word_without_a_date_closes_the_old_fact_when_it_is_said(
    memory: Memory, stated_first: bool
) -> None:
    first = home("Leeds", valid_at=OCT) if stated_first else home("Leeds")
    leeds = add(memory, first, OCT if not stated_first else DEC_1)
    manchester = add(memory, home("Manchester", supersedes=(leeds,)), DEC_20)
    assert memory.get(leeds).invalid_at == DEC_20
    assert memory.get(manchester).valid_at == DEC_20
    assert not memory.get(manchester).valid_at_stated
    assert homes_now(memory) == ["Manchester"]


def test_what_is_told_as_past_closes_nothing(memory: Memory) -> None:
    add(memory, home("Manchester"), DEC_1)
    york = add(memory, home("York", invalid_at=DEC_20), DEC_20)  # "I used to live in York"
    assert homes_now(memory) == ["Manchester"]
    past = memory.get(york)
    assert past.invalid_at == DEC_20 and not past.start_known and past.expired_at is None


def test_telling_the_current_fact_as_past_ends_it(memory: Memory) -> None:
    leeds = add(memory, home("Leeds"), DEC_1)
    result = memory.apply([home("Leeds", invalid_at=DEC_20)], user_id="sam", timestamp=DEC_20)
    assert [o.kind for o in result.outcomes] == ["INVALIDATE"]
    assert memory.get(leeds).invalid_at == DEC_20
    assert homes_now(memory) == []


def test_the_same_fact_again_is_reasserted(memory: Memory) -> None:
    first = memory.add("I live in Leeds.", user_id="sam", timestamp=DEC_1, infer=False)
    leeds = add(memory, home("Leeds", source_episode=first.episode_id), DEC_1)
    again = memory.apply(
        [home("Leeds", source_episode="ep_later")], user_id="sam", timestamp=DEC_20
    )
    assert [o.kind for o in again.outcomes] == ["REASSERT"]
    explicit = memory.apply(
        [Reassert(memory_type="semantic", target_id=leeds, source_episode="ep_last")],
        user_id="sam",
        timestamp=DEC_20,
    )
    assert [o.kind for o in explicit.outcomes] == ["REASSERT"]
    provenance = memory.get(leeds).provenance
    assert provenance.episodes() == (first.episode_id, "ep_later", "ep_last")
    assert [e.op for e in memory.history(leeds)] == ["ADD", "REASSERT", "REASSERT"]


def test_an_update_dated_before_an_unstated_start_keeps_the_old_value_until_then(
    memory: Memory,
) -> None:
    fact = memory.apply(
        [Add(payload=SemanticFact(name="Sam", summary="Sam drives a Civic"))],
        user_id="sam",
        timestamp=DEC_20,
    ).ids[0]
    memory.update(fact, summary="Sam drives a Maverick", valid_at=NOV, timestamp=DEC_20)
    [old, new] = memory._c.records.versions(fact)
    assert not old.start_known and old.invalid_at == NOV
    assert new.valid_at == NOV and new.valid_at_stated and new.current


def test_forget_purges_every_version_and_the_graph_edge(memory: Memory) -> None:
    leeds = add(memory, home("Leeds"), DEC_1)
    add(memory, home("Manchester", supersedes=(leeds,)), DEC_20)
    result = memory.apply(
        [Forget(memory_type="semantic", target_id=leeds, reason="asked to forget")],
        user_id="sam",
        timestamp=DEC_20,
    )
    assert [o.kind for o in result.outcomes] == ["FORGET"]
    with pytest.raises(NotFound):
        memory.get(leeds)
    assert memory._c.records.versions(leeds) == []
    assert "Leeds" not in str(memory.timeline("Sam", user_id="sam"))
    found = memory.search("Leeds", user_id="sam", include_expired=True)
    assert all("Leeds" not in hit.item.text for hit in found)


def test_forget_refuses_what_the_same_batch_touched(memory: Memory) -> None:
    leeds = add(memory, home("Leeds"), DEC_1)
    change = Update(memory_type="semantic", target_id=leeds, payload={"details": "a flat"})
    forget = Forget(memory_type="semantic", target_id=leeds)
    with pytest.raises(InvalidInput, match="changed earlier in this batch"):
        memory.apply([change, forget], user_id="sam", timestamp=DEC_20)
    with pytest.raises(NotFound):
        memory.apply([forget, change], user_id="sam", timestamp=DEC_20)
    assert memory.get(leeds).current  # nothing of either batch was written


def test_a_past_fact_must_end_after_it_begins_and_supersede_nothing() -> None:
    with pytest.raises(ValueError, match="before invalid_at"):
        home("York", valid_at=DEC_20, invalid_at=DEC_1)
    with pytest.raises(ValueError, match="supersedes nothing"):
        home("York", invalid_at=DEC_1, supersedes=("mem_x",))
