"""Opening, locking and the async front."""

from __future__ import annotations

import asyncio

import pytest

from hexamem import AsyncMemory, ConfigurationError, Memory
from hexamem.settings import Settings
from tests.helpers import APRIL, JUNE, MARCH, fact


def test_a_directory_can_be_open_only_once(tmp_path, embedder) -> None:
    home = str(tmp_path / "home")
    with Memory.open(home, embedder=embedder), pytest.raises(ConfigurationError, match="open"):
        Memory.open(home, embedder=embedder)
    with Memory.open(home, embedder=embedder) as reopened:  # closing released the lock
        assert reopened.list("alice") == []


def test_home_comes_from_the_environment(tmp_path, embedder, monkeypatch) -> None:
    monkeypatch.setenv("HEXAMEM_HOME", str(tmp_path / "from-env"))
    with Memory.open(embedder=embedder) as memory:
        assert memory.settings.home == (tmp_path / "from-env").resolve()
    assert (tmp_path / "from-env" / "hexamem.db").exists()


def test_async_memory_has_the_same_methods(tmp_path, embedder) -> None:
    public = {name for name in dir(Memory) if not name.startswith("_")} - {"open", "settings"}
    assert public <= set(dir(AsyncMemory))

    async def scenario() -> None:
        async with await AsyncMemory.open(str(tmp_path), embedder=embedder) as memory:
            [item_id] = (
                await memory.apply([fact("Alice lives in Paris")], user_id="alice", timestamp=MARCH)
            ).ids
            await memory.update(item_id, summary="Alice lives in Berlin", timestamp=JUNE)
            hits = await memory.search("Alice lives", user_id="alice", as_of=APRIL)
            assert hits[0].item.payload.summary == "Alice lives in Paris"
            assert [h.op for h in await memory.history(item_id)] == ["ADD", "UPDATE"]

    asyncio.run(scenario())


def test_an_unknown_graph_setting_is_a_configuration_error(tmp_path, embedder) -> None:
    with pytest.raises(ConfigurationError, match="use falkordb"):
        Memory.open(str(tmp_path), embedder=embedder, graph="mysql://db")
    # The failed open released the directory: a correct open succeeds at once.
    with Memory.open(str(tmp_path), embedder=embedder) as memory:
        assert memory.settings.graph == "falkordb"


def test_the_provider_can_be_named_when_opening(tmp_path, embedder, graph_store) -> None:
    home = str(tmp_path / "home")
    with Memory.open(home, llm="offline", embedder=embedder, graph_store=graph_store) as memory:
        assert memory.llm_provider == "offline" and memory.settings.llm == "offline"
        memory.add("I live in Porto", user_id="alice", timestamp=MARCH)
        assert "Porto" in memory.answer("Where do I live?", user_id="alice").answer


def test_a_bad_provider_or_mixed_settings_are_refused_before_anything_opens(tmp_path) -> None:
    home = tmp_path / "home"
    with pytest.raises(ConfigurationError, match="anthropic, openai, offline"):
        Memory.open(str(home), llm="gpt-5")
    with pytest.raises(ConfigurationError, match="not both"):
        Memory.open(str(home), settings=Settings.load(home, environ={}))
    assert not home.exists()
