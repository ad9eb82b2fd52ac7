"""Moving a whole memory into another setup (an embedded home into PostgreSQL and servers).

Each user goes across as their export, secrets included, imported in one batch
on the other side, then their key-value rows; then both sides are read back
and compared item for item: the export of every user (every version, history
entry, episode and entity) must be the same text on both sides, and so must
the key-value rows with their vectors. A user already there and identical is
left alone, so an interrupted move can simply be run again; one that is there
and differs is reported, never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from hexamem.memory import Memory


@dataclass
class UserMove:
    user_id: str
    moved: bool = False
    """False when the user was there already, identical."""
    lines: int = 0
    """Lines of the user's export: one per version, history entry, episode and entity."""
    values: int = 0
    same: bool = False
    problem: str = ""


@dataclass
class MoveReport:
    users: list[UserMove] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(u.same for u in self.users)


def _users(memory: Memory) -> list[str]:
    return sorted({*memory.users(), *memory.key_values.users()})


def move_memory(
    source: Memory, target: Memory, on_user: Callable[[UserMove], None] | None = None
) -> MoveReport:
    """Copy every user of `source` into `target` and check each copy; see the module."""
    report = MoveReport()
    there = set(_users(target))
    for user in _users(source):
        move = UserMove(user)
        archive = source.export(user, reveal_secrets=True) if user in source.users() else ""
        rows = source.key_values.kept(user)
        move.lines, move.values = len(archive.splitlines()), len(rows)
        if user in there:
            move.same = _same(source, target, user, archive)
            if not move.same:
                move.problem = "already in the target, and different: left as it is"
        else:
            if archive:
                target.import_(archive)
            target.key_values.restore(rows)
            move.moved = True
            move.same = _same(source, target, user, archive)
            if not move.same:
                move.problem = "the copy read back differs from the original"
        report.users.append(move)
        if on_user is not None:
            on_user(move)
    return report


def _same(source: Memory, target: Memory, user: str, archive: str) -> bool:
    copied = target.export(user, reveal_secrets=True) if user in target.users() else ""
    return copied == archive and target.key_values.kept(user) == source.key_values.kept(user)
