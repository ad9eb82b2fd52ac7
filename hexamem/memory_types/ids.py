"""Ids for everything the package creates: memories, episodes, messages, entities, batches."""

from __future__ import annotations

import hashlib
import uuid


def new_id(prefix: str) -> str:
    """A fresh random id such as ``mem_3f2a...``."""
    return f"{prefix}_{uuid.uuid4().hex[:24]}"


def keyed_id(prefix: str, user_id: str, key: str) -> str:
    """The same id for the same user and key, every time (an `add` retried with its
    idempotency key); two users' keys never meet."""
    digest = hashlib.sha256(f"{user_id}\0{key}".encode()).hexdigest()
    return f"{prefix}_{digest[:24]}"
