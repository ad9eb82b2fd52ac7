"""Key rotation: every stored secret sealed again with a new key, the old key retired."""

from __future__ import annotations

from pathlib import Path

from hexamem.stores.dialect import Database
from hexamem.stores.records import RecordStore
from hexamem.vault.keys import load_keys, retire_old_keys, rotate_key_file
from hexamem.vault.seal import Vault


def rotate(
    vault: Vault, records: RecordStore, db: Database, *, home: Path, keys_in_setting: bool
) -> int:
    """Reseal every stored vault value with the sealing key; returns how many changed.

    With the home's key file, a new key is put first and the old ones are dropped once
    everything is resealed (in one transaction, so a crash leaves either all old seals
    with both keys kept, or all new ones). With keys in the setting, the caller has put
    the new key first already; retiring the old one from the setting is theirs to do.
    Call it with writes held off (`Writer.exclusive`).
    """
    if not keys_in_setting:
        vault.use(rotate_key_file(home))
    with db.transaction() as conn:
        count = records.reseal(conn, vault.reseal)
    if not keys_in_setting:
        retire_old_keys(home)
        vault.use(load_keys(None, home))
    db.checkpoint()  # old seals leave the write-ahead log
    return count
