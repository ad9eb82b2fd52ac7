"""Message batching per session: extraction sees a few turns at once, not every line alone.

With ``session_batch = N``, messages added with a session id wait until N have
arrived, then go to the agents as one episode (observed at the last add's time);
`end_session` and `flush` send whatever is left. Messages are checked when
added, so bad input still fails at once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from hexamem.memory_types import Episode, Message
from hexamem.memory_types.ids import new_id


@dataclass
class _Waiting:
    messages: list[Message] = field(default_factory=list)
    last: Episode | None = None


class SessionBuffer:
    def __init__(self, size: int) -> None:
        self.size = size
        self._waiting: dict[tuple[str, str], _Waiting] = {}
        self._lock = threading.Lock()

    def collect(self, episode: Episode) -> Episode | None:
        """The batch to ingest once this episode fills it, else None (it waits)."""
        assert episode.session_id is not None
        key = (episode.user_id, episode.session_id)
        with self._lock:
            waiting = self._waiting.setdefault(key, _Waiting())
            waiting.messages.extend(episode.messages)
            waiting.last = episode
            if len(waiting.messages) < self.size:
                return None
            del self._waiting[key]
        return _merged(waiting)

    def pending(self, user_id: str, session_id: str) -> int:
        with self._lock:
            waiting = self._waiting.get((user_id, session_id))
            return len(waiting.messages) if waiting else 0

    def take(self, user_id: str, session_id: str) -> Episode | None:
        """What a session still holds, as one episode (session end)."""
        with self._lock:
            waiting = self._waiting.pop((user_id, session_id), None)
        return _merged(waiting) if waiting and waiting.messages else None

    def take_all(self) -> list[Episode]:
        with self._lock:
            everything, self._waiting = self._waiting, {}
        return [_merged(w) for w in everything.values() if w.messages]


def _merged(waiting: _Waiting) -> Episode:
    assert waiting.last is not None
    return waiting.last.model_copy(update={"id": new_id("ep"), "messages": tuple(waiting.messages)})
