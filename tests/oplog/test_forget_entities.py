"""Forgetting a memory takes the entities only it named, and no entity anything else names."""

from __future__ import annotations

from hexamem import Memory, MemoryType
from hexamem.memory_types import Forget
from tests.helpers import MARCH, lives


def names(memory: Memory, user: str) -> set[str]:
    return {e.name for e in memory._c.entities.of_user(user)}


def test_an_entity_only_the_forgotten_memory_named_goes_with_it(memory: Memory) -> None:
    rome, oslo = memory.apply(
        [lives("Ana", "Rome"), lives("Ana", "Oslo")], user_id="u", timestamp=MARCH
    ).ids
    memory.forget(rome, user_id="u")
    assert "Rome" not in names(memory, "u") and {"Ana", "Oslo"} <= names(memory, "u")
    assert memory.doctor().healthy


def test_an_entity_named_again_in_the_same_batch_stays(memory: Memory) -> None:
    [rome] = memory.apply([lives("Bo", "Rome")], user_id="u", timestamp=MARCH).ids
    memory.apply(
        [Forget(memory_type=MemoryType.SEMANTIC, target_id=rome), lives("Cy", "Rome")],
        user_id="u",
        timestamp=MARCH,
    )
    assert "Rome" in names(memory, "u")
    assert [e.item.text for e in memory.timeline("Rome", user_id="u")] == ["Cy lives in Rome"]
    assert memory.doctor().healthy
