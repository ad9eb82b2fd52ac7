"""A plan made safe to log and store: vault values sealed, every known secret masked.

A secret told in a message reaches more than the vault: the episode keeps the
message, another writer may quote it ("the door code is 77319" as a step), a
reason may cite the sentence. Before a plan is logged, every value under a
`secret_value` key is sealed, and every occurrence of a secret the user has
(stored, or new in this plan) is replaced by a reference to its vault entry in
every other string, ids and times excepted. No plaintext copy is left to leak.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hexamem.memory_types import REDACTED, Add, MemoryItem, MemoryType, Update, VaultEntry
from hexamem.oplog.plan import Plan, Purge, PutVersion, Step
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.records import RecordStore
from hexamem.vault.seal import Vault

#: Shorter secrets are not masked in other text: "1" or "ok" would mask half of it.
MIN_MASKED = 4
#: Keys whose strings are ids, names of kinds or dates, never free text (with `id`, `*_id`,
#: `*_ids` and `*_at`).
_NOT_TEXT = {
    "kind",
    "type",
    "memory_type",
    "op",
    "role",
    "step",
    "sensitivity",
    "supersedes",
    "reasserted_in",
}


def mask(text: str, secrets: Mapping[str, str]) -> str:
    """`text` with each secret (longest first) replaced by ``[vault:<entry id>]``."""
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= MIN_MASKED and secret in text:
            text = text.replace(secret, f"[vault:{secrets[secret]}]")
    return text


def protect(plan: Plan, vault: Vault, known: Mapping[str, str]) -> Plan:
    """`plan` with no plaintext secret in it. `known` maps the user's stored secrets
    (plaintext) to their vault entry ids; the plan's own new secrets are added."""
    secrets = {**known, **_new_secrets(plan)}
    if not secrets:
        return plan
    safe = _walk(plan.model_dump(mode="json"), "", vault, secrets)
    return Plan.model_validate(safe)


def opened(item: MemoryItem, vault: Vault) -> MemoryItem:
    """`item` with its vault value in plaintext, for a caller who asked to see secrets."""
    payload = item.payload
    if not isinstance(payload, VaultEntry) or not vault.is_sealed(payload.secret_value):
        return item
    plain = payload.model_copy(update={"secret_value": vault.open(payload.secret_value)})
    return item.model_copy(update={"payload": plain})


class Protector:
    """`protect` for the write path, with the user's stored secrets read from the records."""

    def __init__(self, vault: Vault, records: RecordStore) -> None:
        self.vault, self._records = vault, records
        #: Per user, read once and kept until a plan of theirs changes the vault.
        self._cache: dict[str, dict[str, str]] = {}

    def __call__(self, plan: Plan) -> Plan:
        """Called by the writer, under its lock: the only path that changes the vault."""
        user = plan.user_id
        known = self._cache.get(user)
        if known is None:
            known = self._cache[user] = self.known(user)
        if any(_changes_vault(step) for step in plan.steps):
            del self._cache[user]  # read again at the next plan, with this one applied
        return protect(plan, self.vault, known)

    def known(self, user_id: str) -> dict[str, str]:
        """Every secret the user has stored (any version) and the id of its vault entry."""
        where = RecallFilter(
            user_id=user_id, types=(MemoryType.KNOWLEDGE_VAULT,), include_expired=True
        )
        found: dict[str, str] = {}
        for item in self._records.select(where):
            if isinstance(item.payload, VaultEntry):
                secret = self.vault.open(item.payload.secret_value)
                if secret != REDACTED:
                    found[secret] = item.id
        return found


def _changes_vault(step: Step) -> bool:
    return isinstance(step, Purge) or (
        isinstance(step, PutVersion) and step.item.type is MemoryType.KNOWLEDGE_VAULT
    )


def _new_secrets(plan: Plan) -> dict[str, str]:
    found: dict[str, str] = {}
    for step in plan.steps:
        if not isinstance(step, PutVersion) or not isinstance(step.item.payload, VaultEntry):
            continue
        if not Vault.is_sealed(secret := step.item.payload.secret_value):
            found[secret] = step.item.id
    for op in plan.ops:  # an update's new value, before its version is built
        if isinstance(op, Update) and isinstance(op.payload.get("secret_value"), str):
            found.setdefault(op.payload["secret_value"], op.target_id)
        elif isinstance(op, Add) and isinstance(op.payload, VaultEntry) and op.id:
            found.setdefault(op.payload.secret_value, op.id)
    return {s: i for s, i in found.items() if s != REDACTED and not Vault.is_sealed(s)}


def _walk(value: Any, key: str, vault: Vault, secrets: Mapping[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: _walk(v, k, vault, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, key, vault, secrets) for v in value]
    if not isinstance(value, str):
        return value
    if key == "secret_value":
        return value if value == REDACTED else vault.seal(value)
    if key in _NOT_TEXT or key == "id" or key.endswith(("_id", "_ids", "_at")):
        return value
    return mask(value, secrets)
