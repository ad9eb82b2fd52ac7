"""`Writer`: the one way anything is written: plan, embed, log ahead, apply.

Built once when a memory opens and shared by everything that writes: the
facade, the ingest graph, the LangGraph store (through the facade) and import.
Writes are serialised by one lock, and whatever the log still holds as pending
(a crash between the log write and the stores) is applied again before the
next batch, so the stores never disagree for longer than one failed write.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from hexamem.errors import PendingWrite, StoreError
from hexamem.memory_types import Episode, Op
from hexamem.memory_types.time import now
from hexamem.oplog.apply import Applier
from hexamem.oplog.log import OpLog, Pending
from hexamem.oplog.plan import Plan
from hexamem.oplog.planner import Planner
from hexamem.results import BatchResult
from hexamem.transfer.archive import UserArchive

#: Characters of a store's refusal kept with a quarantined batch.
MAX_REASON = 500
#: Quoted fragments of a store's message: the driver may echo a value it was sent.
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
log = logging.getLogger("hexamem")


class Writer:
    """Plans, logs and applies batches for one data directory; safe to share between threads."""

    def __init__(
        self,
        planner: Planner,
        applier: Applier,
        log: OpLog,
        protect: Callable[[Plan], Plan] = lambda plan: plan,
    ) -> None:
        self._planner, self._applier, self._log = planner, applier, log
        self._protect = protect  # no plaintext secret may reach the log or a store
        self._lock = threading.RLock()

    def compact(self) -> int:
        """Drop old finished batches from the log (see `OpLog.compact`)."""
        with self._lock:
            return self._log.compact()

    def replay(self) -> None:
        """Apply every batch written ahead but not yet applied, oldest first.

        A batch that a store refuses (or that cannot be read back) is quarantined with
        the reason and reported, so it cannot stop every later write; a store that is
        down raises, and the batch stays pending for the next try. Instances sharing
        the log each take a batch only under its user's lock, so an instance that
        died mid-batch is healed by exactly one other.
        """
        with self._lock:
            for pending in self._log.pending():
                with self._log.holding(pending.user_id, wait=False) as mine:
                    # Not ours: another instance is writing that user's batch right now.
                    if mine and self._log.is_pending(pending.batch_id):
                        self._replay(pending)

    def _replay(self, pending: Pending) -> None:
        if pending.plan is None:
            self._set_aside(pending.batch_id, pending.unreadable or "unreadable")
            return
        try:
            self._applier.apply(pending.plan)
        except StoreError as exc:
            if not exc.refused:
                raise
            self._set_aside(pending.batch_id, str(exc))

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Nothing else writes inside this block, and nothing is left pending at its start
        (for work on the stores as a whole, such as resealing the vault)."""
        with self._lock:
            self.replay()
            yield

    def has_episode(self, episode_id: str) -> bool:
        """Whether the episode is stored, once whatever is pending has been applied."""
        with self._lock:
            self.replay()
            return self._planner.episode_exists(episode_id)

    def _set_aside(self, batch_id: str, reason: str) -> None:
        reason = without_values(reason)
        self._log.quarantine(batch_id, reason, now())
        log.error("batch %s quarantined, no store would take it: %s", batch_id, reason)

    def ops(
        self,
        ops: Sequence[Op],
        *,
        user_id: str,
        at: datetime,
        actor: str | None = None,
        episode: Episode | None = None,
    ) -> BatchResult:
        """Apply ops for one user, all or nothing; with `episode`, store it in the same batch
        (unless it is stored already: an `add` retried with its idempotency key)."""
        return self._commit(
            user_id,
            lambda: self._planner.plan(ops, user_id=user_id, at=at, actor=actor, episode=episode),
            episode_id=episode.id if episode is not None else None,
        )

    def episode(self, episode: Episode, ops: Sequence[Op]) -> BatchResult:
        """What the agents extracted from an episode, with the episode itself, as one batch."""
        return self.ops(
            ops, user_id=episode.user_id, at=episode.observed_at, actor="ingest", episode=episode
        )

    def forget(self, *, user_id: str, item_id: str | None, at: datetime) -> BatchResult:
        """Purge one memory (every version) or, with no id, everything of the user."""
        return self._commit(
            user_id, lambda: self._planner.plan_forget(user_id=user_id, item_id=item_id, at=at)
        )

    def import_archive(self, archive: UserArchive, *, at: datetime) -> BatchResult:
        """Load an export; refused whole if any id already exists."""
        return self._commit(archive.user_id, lambda: self._planner.plan_import(archive, at=at))

    def _commit(
        self, user_id: str, make_plan: Callable[[], Plan], *, episode_id: str | None = None
    ) -> BatchResult:
        """Plan (every check, nothing written), embed, log as pending, apply, mark done.

        A failure before the log write leaves no trace; one after it is replayed. An
        episode already stored (an `add` retried with its idempotency key) writes nothing.
        """
        with self._lock, self._log.holding(user_id):
            self.replay()
            if episode_id is not None and self._planner.episode_exists(episode_id):
                return BatchResult(batch_id=None, episode_id=episode_id, duplicate=True)
            plan = self._protect(make_plan())
            vectors = self._applier.embed(plan)
            self._log.write_pending(plan)
            try:
                self._applier.apply(plan, vectors)
            except StoreError as exc:
                if exc.refused:  # checked, yet a store refused it: never replay it
                    self._set_aside(plan.batch_id, str(exc))
                    raise
                raise PendingWrite(
                    f"{exc}; batch {plan.batch_id} is logged and will be applied when the "
                    "store answers again",
                    batch_id=plan.batch_id,
                    episode_id=episode_id,
                ) from exc
        return BatchResult(batch_id=plan.batch_id, episode_id=episode_id, outcomes=plan.outcomes)


def without_values(reason: str) -> str:
    """A store's refusal fit to keep and show: its first line, quoted values elided,
    bounded (the reason outlives the batch's data and is written to the log)."""
    first_line = reason.strip().splitlines()[0] if reason.strip() else "refused"
    return QUOTED.sub("'…'", first_line)[:MAX_REASON]
