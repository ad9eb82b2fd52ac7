"""Per-user serial queues on one shared worker pool.

Episodes of one user are ingested strictly in the order they were added (a
later episode may depend on what an earlier one wrote); different users run in
parallel. A user's queue is drained by at most one worker at a time.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

R = TypeVar("R")


class KeyedSerialQueue(Generic[R]):
    def __init__(self, workers: int = 4) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hexamem-ingest")
        self._lock = threading.Lock()
        self._waiting: dict[str, deque[tuple[Callable[[], R], Future[R]]]] = {}
        self._pending: set[Future[R]] = set()

    def submit(self, key: str, job: Callable[[], R]) -> Future[R]:
        """Run `job` after every earlier job of the same key; returns its future."""
        future: Future[R] = Future()
        with self._lock:
            self._pending.add(future)
            queue = self._waiting.get(key)
            if queue is not None:  # a worker is draining this key: join the line
                queue.append((job, future))
                return future
            self._waiting[key] = deque([(job, future)])
        self._pool.submit(self._drain, key)
        return future

    def _drain(self, key: str) -> None:
        while True:
            with self._lock:
                queue = self._waiting[key]
                if not queue:
                    del self._waiting[key]
                    return
                job, future = queue.popleft()
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(job())
                except BaseException as exc:  # the caller sees it through the future
                    future.set_exception(exc)
            with self._lock:
                self._pending.discard(future)

    def flush(self, timeout: float | None = None) -> None:
        """Wait until every job submitted so far has finished (errors stay in their futures)."""
        with self._lock:
            pending = list(self._pending)
        for future in pending:
            future.exception(timeout=timeout)

    def close(self) -> None:
        self.flush()
        self._pool.shutdown(wait=True)
