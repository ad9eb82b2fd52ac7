"""Vault writer: each secret once, under a caption that is safe to show; a new value replaces.

A secret whose caption matches a stored one (or names the same thing: "the new
PIN" after "alarm PIN") updates it. Existing entries are shown redacted; their
marker is never written back as a value.
"""

from __future__ import annotations

from hexamem.agents.schemas import ProposedOp
from hexamem.llm.offline.secrets import Secret
from hexamem.llm.offline.writers.job import Job
from hexamem.memory_types import REDACTED, MemoryItem, VaultEntry


def knowledge_vault(job: Job) -> list[ProposedOp]:
    ops = job.forgets(VaultEntry)
    stored = [(i, i.payload) for i in job.live() if isinstance(i.payload, VaultEntry)]
    for secret in job.secrets:
        if secret.value == REDACTED:
            continue
        target = _replaces(secret, stored)
        if target is not None:
            ops.append(
                job.update(
                    target, {"secret_value": secret.value}, f"a new value for the {secret.caption}"
                )
            )
            continue
        ops.append(
            ProposedOp(
                kind="ADD",
                reason="a secret was shared",
                payload={
                    "entry_type": secret.entry_type,
                    "sensitivity": secret.sensitivity,
                    "caption": secret.caption,
                    "secret_value": secret.value,
                    "source": "user",
                },
            )
        )
    return ops


def _replaces(secret: Secret, stored: list[tuple[MemoryItem, VaultEntry]]) -> MemoryItem | None:
    """The stored entry this secret is a new value of: the same caption, or the same kind of
    secret sharing a word of it ("building code" for "building door code")."""
    words = set(secret.caption.lower().split())
    best: tuple[int, MemoryItem] | None = None
    for item, entry in stored:
        if entry.caption.lower() == secret.caption.lower():
            return item
        if entry.entry_type != secret.entry_type:
            continue
        shared = len(words & set(entry.caption.lower().split()))
        if shared and (best is None or shared > best[0]):
            best = (shared, item)
    return best[1] if best else None
