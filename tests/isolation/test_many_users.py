"""Fifty users, each with words of their own: no read path ever shows one user another's.

Every user gets a unique marker word in facts, episodes, a graph fact and a secret.
Then each user's every read (search with and without time, list, get, history,
context, timeline, answer, export, stats, the LangGraph store and the tools) is
checked for any other user's marker, and reads of another user's ids are refused.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from hexamem import Add, Memory, NotFound, SemanticFact, VaultEntry
from hexamem.langgraph import HexamemStore, memory_tools
from tests.helpers import lives

USERS = [f"user{n:02}" for n in range(50)]
AT = datetime(2024, 3, 1, tzinfo=UTC)


def marker(user: str) -> str:
    return f"zq{user}x"  # one token, unlike any other user's


@pytest.fixture(scope="module")
def crowd(tmp_path_factory, falkordb_server):
    from falkordb import FalkorDB

    from hexamem.stores.graph.falkordb import FalkorDBGraphStore
    from tests.fakes.embedder import HashingEmbedder

    home = tmp_path_factory.mktemp("crowd")
    graph = FalkorDBGraphStore(
        FalkorDB(unix_socket_path=str(falkordb_server.socket_path)),
        HashingEmbedder.dimension,
        namespace=str(home),
    )
    with Memory.open(str(home / "home"), embedder=HashingEmbedder(), graph_store=graph) as memory:
        ids: dict[str, list[str]] = {}
        for n, user in enumerate(USERS):
            word, at = marker(user), AT + timedelta(hours=n)
            secret = VaultEntry(
                entry_type="password",
                sensitivity="high",
                caption=f"{word} locker",
                secret_value=f"pw-{word}",
            )
            ids[user] = memory.apply(
                [
                    Add(payload=SemanticFact(name=word, summary=f"{word} likes tea")),
                    lives(word.capitalize(), f"Town{word}"),
                    Add(payload=secret),
                ],
                user_id=user,
                timestamp=at,
            ).ids
            memory.add(f"I met {word} at the market", user_id=user, timestamp=at, infer=False)
            HexamemStore(memory).put(("notes", user), "note", {"text": f"{word} parks in B2"})
        yield memory, ids


def leaked(text: str, user: str) -> list[str]:
    return [other for other in USERS if other != user and marker(other) in text]


def test_no_read_path_shows_one_user_another_users_data(crowd) -> None:
    memory, ids = crowd
    store = HexamemStore(memory, memories="hexamem")
    tools = {t.name: t for t in memory_tools(memory)}
    rng = random.Random(5)
    reads = 0
    for user in USERS:
        probes = [marker(user), *(marker(o) for o in rng.sample(USERS, 4))]
        config = {"configurable": {"user_id": user}}
        seen: list[str] = []
        for query in probes:
            seen += [r.item.text for r in memory.search(query, user_id=user, k=20)]
            seen += [
                r.item.text
                for r in memory.search(
                    query, user_id=user, k=20, include_expired=True, reveal_secrets=True
                )
            ]
            seen.append(memory.context(query, user_id=user))
            seen.append(memory.answer(f"What about {query}?", user_id=user).answer)
            for space in (("hexamem", user), ("notes", user)):
                seen += [str(i.value) for i in store.search(space, query=query, limit=20)]
            seen.append(tools["search_memory"].invoke({"query": query}, config=config))
            reads += 7
        seen += [i.text for i in memory.list(user, include_expired=True, reveal_secrets=True)]
        seen += [h.model_dump_json() for i in ids[user] for h in memory.history(i)]
        seen += [e.item.text for e in memory.timeline(marker(user).capitalize(), user_id=user)]
        seen.append(memory.export(user, reveal_secrets=True))
        seen.append(memory.stats(user).model_dump_json())
        reads += 5
        assert leaked("\n".join(seen), user) == [], user
        assert marker(user) in "\n".join(seen)  # the reads did see the user's own data
    assert reads >= 50 * 30


def test_another_users_ids_are_not_found_not_forbidden(crowd) -> None:
    memory, ids = crowd
    for user, other in zip(USERS, USERS[1:] + USERS[:1], strict=True):
        for item_id in ids[other]:
            with pytest.raises(NotFound):
                memory.get(item_id, user_id=user)
            with pytest.raises(NotFound):
                memory.history(item_id, user_id=user)
            with pytest.raises(NotFound):
                memory.forget(item_id, user_id=user)
        with pytest.raises(NotFound):
            memory.timeline(marker(other).capitalize(), user_id=user)
    assert all(len(memory.list(u)) == 4 for u in USERS)  # nothing was forgotten by the tries
