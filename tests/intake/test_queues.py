"""Episodes of one user are ingested in order; different users in parallel; flush waits."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future

from hexamem import Memory
from hexamem.agents.requests import AgentRequest
from hexamem.intake.queues import KeyedSerialQueue
from hexamem.llm.base import ChatMessage, Reply, Role, T
from hexamem.llm.offline import OfflineLLM


class SlowOffline(OfflineLLM):
    """The offline engine, slowed down, noting when each routing call ran."""

    def __init__(self) -> None:
        self.spans: list[tuple[str, float, float]] = []
        self._lock = threading.Lock()

    def structured(
        self,
        *,
        role: Role,
        system: str,
        messages: Sequence[ChatMessage],
        schema: type[T],
        request: AgentRequest | None = None,
    ) -> Reply[T]:
        started = time.monotonic()
        time.sleep(0.15)
        reply = super().structured(
            role=role, system=system, messages=messages, schema=schema, request=request
        )
        if role == "manager":
            with self._lock:
                self.spans.append((messages[-1].content, started, time.monotonic()))
        return reply


def test_one_user_in_order_two_users_at_once(tmp_path, embedder, graph_store) -> None:
    llm = SlowOffline()
    with Memory.open(str(tmp_path), embedder=embedder, graph_store=graph_store, llm=llm) as memory:
        futures: list[Future] = []
        for city in ("Paris", "Lyon", "Berlin"):
            futures.append(memory.add(f"I live in {city}.", user_id="alice", wait=False))
        futures.append(memory.add("I live in Oslo.", user_id="bob", wait=False))
        assert not all(f.done() for f in futures)  # add returned before the work was done
        memory.flush()
        assert all(f.done() and f.exception() is None for f in futures)

        alice = [(text, s, e) for text, s, e in llm.spans if "Oslo" not in text]
        episodes = [text.split("<episode>")[1] for text, _, _ in alice]
        cities = [next(c for c in ("Paris", "Lyon", "Berlin") if c in ep) for ep in episodes]
        assert cities == ["Paris", "Lyon", "Berlin"]  # in the order they were added
        assert all(alice[i][2] <= alice[i + 1][1] + 1e-3 for i in range(len(alice) - 1))
        bob = next((s, e) for text, s, e in llm.spans if "Oslo" in text)
        assert any(s < bob[1] and bob[0] < e for _, s, e in alice)  # bob ran alongside alice
        # The last word wins for alice: Berlin is current, the earlier homes are closed.
        homes = [
            e.item.payload.object for e in memory.timeline("User", user_id="alice") if e.current
        ]
        assert homes == ["Berlin"]


def test_a_failed_job_keeps_its_error_and_the_queue_goes_on() -> None:
    queue: KeyedSerialQueue[int] = KeyedSerialQueue(workers=2)

    def boom() -> int:
        raise ValueError("bad episode")

    failed = queue.submit("u", boom)
    fine = queue.submit("u", lambda: 7)
    queue.flush()
    assert isinstance(failed.exception(), ValueError) and fine.result() == 7
    queue.close()
