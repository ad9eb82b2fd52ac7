"""Ids for everything the package creates: memories, episodes, messages, entities, batches."""

from __future__ import annotations

import uuid


def new_id(prefix: str) -> str:
    """A fresh random id such as ``mem_3f2a...``."""
    return f"{prefix}_{uuid.uuid4().hex[:24]}"
