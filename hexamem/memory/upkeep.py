"""Keeping a memory whole and moving it: the store check, vault key rotation, and
export/import of one user's memory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hexamem.intake.checks import checked_flag, checked_user, everything_of
from hexamem.memory_types.time import now
from hexamem.results import BatchResult, DoctorReport
from hexamem.transfer.archive import UserArchive, dump_archive, load_archive
from hexamem.vault.protect import opened
from hexamem.vault.rotation import rotate

if TYPE_CHECKING:
    from hexamem.memory.assembly import Components
    from hexamem.settings import Settings


class Upkeep:
    """Whole-memory operations, held off while they run by the writer's exclusive lock."""

    _c: Components
    settings: Settings

    def doctor(self, *, repair: bool = False, user_id: str | None = None) -> DoctorReport:
        """Check that the FTS index, the vectors and the graph agree with the records,
        version for version (every user's, or `user_id`'s); with `repair`, write again what a
        store lost and drop what no memory owns. Also runs by itself at the first open
        after a crash."""
        users = [checked_user(user_id)] if user_id is not None else self._c.records.users()
        with self._c.writer.exclusive():
            return self._c.doctor.examine(users, repair=checked_flag(repair, "repair"))

    def rotate_vault_key(self) -> int:
        """Seal every stored secret again with a new key; returns how many were resealed.

        With the key file in the data directory (the default), a new key is made and
        the old one dropped once nothing needs it. With keys in ``HEXAMEM_VAULT_KEY``,
        put the new key first there (keep the old one after it), reopen, call this,
        then remove the old key from the setting.
        """
        with self._c.writer.exclusive():
            return rotate(
                self._c.vault,
                self._c.records,
                self._c.db,
                home=self.settings.home,
                keys_in_setting=self.settings.vault_key is not None,
            )

    def import_(self, jsonl: str) -> BatchResult:
        """Load an `export` into this memory; refused whole if any id already exists."""
        archive = load_archive(jsonl)
        return self._c.writer.import_archive(archive, at=now())

    def export(self, user_id: str, *, reveal_secrets: bool = False) -> str:
        """Every version, history entry and episode of a user, as JSON Lines."""
        user = checked_user(user_id)
        archive = UserArchive(
            user_id=user,
            items=sorted(  # opened: the archive redacts them unless asked not to
                (opened(i, self._c.vault) for i in self._c.records.select(everything_of(user))),
                key=lambda i: (i.created_at, i.id, i.version),
            ),
            history=self._c.records.user_history(user),
            episodes=self._c.records.episodes(user),
            entities=self._c.entities.of_user(user),
        )
        return dump_archive(archive, reveal_secrets=reveal_secrets)
