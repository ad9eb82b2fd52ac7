"""Entity resolution: aliases and first names, people kept apart, merges, near-identical names."""

from __future__ import annotations

import pytest

from hexamem import InvalidInput, Memory, NotFound
from hexamem.memory_types import AddEntity, MergeEntities
from tests.helpers import edges, lives, triple


def test_aliases_and_first_names_resolve_to_one_person(memory: Memory) -> None:
    memory.apply(
        [AddEntity(name="Alice Martin", entity_type="person", aliases=("Ali",))], user_id="alice"
    )
    memory.apply(
        [
            lives("Alice", "Paris"),
            lives("Ali", "Paris"),
            triple("Ali", "works_at", "the clinic", "Ali works at the clinic"),
        ],
        user_id="alice",
    )
    people = {row[0] for row in edges(memory)}
    assert people == {"Alice Martin"}
    entity = memory._c.entities.named("alice", ["alice martin"])[0]
    assert "Alice" in entity.aliases and "Ali" in entity.aliases


def test_two_people_sharing_a_first_name_are_never_merged_without_evidence(
    memory: Memory,
) -> None:
    memory.apply(
        [
            AddEntity(name="Alice Martin", entity_type="person"),
            AddEntity(name="Alice Chen", entity_type="person"),
        ],
        user_id="alice",
    )
    memory.apply([lives("Alice Chen", "Oslo"), lives("Alice", "Rome")], user_id="alice")
    subjects = {row[0] for row in edges(memory)}
    assert subjects == {"Alice Chen", "Alice"}  # the bare "Alice" stays its own entity


def test_merging_entities_joins_their_facts_and_keeps_both(memory: Memory) -> None:
    memory.apply([lives("Bob", "Paris"), lives("Robert Smith", "Paris")], user_id="alice")
    bob = memory._c.entities.named("alice", ["bob"])[0]
    robert = memory._c.entities.named("alice", ["robert smith"])[0]
    result = memory.apply([MergeEntities(into_id=robert.id, merge_id=bob.id)], user_id="alice")
    assert [o.kind for o in result.outcomes] == ["MERGE_ENTITIES"]
    assert memory._c.entities.get(bob.id).merged_into == robert.id
    assert "Bob" in memory._c.entities.get(robert.id).aliases
    assert set(memory._c.entities.family(robert.id)) == {robert.id, bob.id}
    # "Bob" now resolves to Robert Smith, and the same fact is re-asserted, not duplicated.
    again = memory.apply([lives("Bob", "Paris")], user_id="alice")
    assert again.outcomes[0].kind == "REASSERT"
    with pytest.raises(InvalidInput):
        memory.apply([MergeEntities(into_id=robert.id, merge_id=robert.id)], user_id="alice")
    with pytest.raises(NotFound):
        memory.apply([MergeEntities(into_id=robert.id, merge_id="ent_nope")], user_id="alice")


def test_near_identical_names_match_for_things_but_never_for_people(memory: Memory) -> None:
    memory.apply(
        [
            AddEntity(name="Acme Corporation", entity_type="organization"),
            AddEntity(name="Alice Martinez", entity_type="person"),
        ],
        user_id="alice",
    )
    memory.apply(
        [
            triple("Bo", "works_at", "Acme Corporations", "Bo works at Acme Corporations"),
            lives("Alice Martinelli", "Rome"),
        ],
        user_id="alice",
    )
    assert {row[2] for row in edges(memory)} == {"Acme Corporation", "Rome"}
    assert {row[0] for row in edges(memory)} == {"Bo", "Alice Martinelli"}
    acme = memory._c.entities.named("alice", ["acme corporation"])[0]
    assert "Acme Corporations" in acme.aliases
