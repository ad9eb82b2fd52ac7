"""What `stats` and `usage` report: counts per type, graph size, costs kept across runs."""

from __future__ import annotations

from pathlib import Path

from hexamem import Memory
from tests.helpers import JUNE, MARCH, lives, secret


def test_stats_count_current_memories_versions_episodes_and_the_graph(memory: Memory) -> None:
    [paris] = memory.apply([lives("Alice", "Paris")], user_id="alice", timestamp=MARCH).ids
    memory.apply(
        [lives("Alice", "Berlin", supersedes=(paris,)), secret()], user_id="alice", timestamp=JUNE
    )
    memory.add("I live in Berlin.", user_id="alice", timestamp=JUNE)
    stats = memory.stats("alice")
    assert (stats.types["semantic"].current, stats.types["semantic"].versions) >= (1, 2)
    assert stats.types["knowledge_vault"].current == 1
    assert stats.episodes == 1
    assert stats.entities >= 3 and stats.facts >= 2  # Alice, Paris, Berlin; both versions
    assert stats.llm_calls == len(memory.usage("alice")) > 0
    empty = memory.stats("nobody")
    assert empty.episodes == 0 and empty.facts == 0 and empty.llm_calls == 0
    assert memory.users() == ["alice"]


def test_usage_is_kept_across_runs_and_forgotten_with_the_user(
    tmp_path: Path, embedder, graph_store
) -> None:
    home = str(tmp_path / "home")
    with Memory.open(home, embedder=embedder, graph_store=graph_store) as memory:
        memory.add("I live in Paris.", user_id="alice", timestamp=MARCH)
        memory.answer("Where do I live?", user_id="alice")
        calls = memory.usage("alice")
    with Memory.open(home, embedder=embedder, graph_store=graph_store) as memory:
        assert memory.usage("alice") == calls and calls[-1].role == "answer"
        memory.forget(user_id="alice")
        assert memory.usage("alice") == [] and memory.users() == []
