"""Counted nouns in command output: "1 memory", "2 memories", "0 scenarios"."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """``count`` and the noun that agrees with it (`many` defaults to `one` + "s")."""
    noun = one if count == 1 else (many if many is not None else one + "s")
    return f"{count:,} {noun}"
