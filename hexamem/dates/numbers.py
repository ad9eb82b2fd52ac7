"""Counts as people say them: '3', 'three', 'a couple of', 'a few'."""

from __future__ import annotations

_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "a couple of": 2,
    "couple of": 2,
    "a couple": 2,
    "a few": 3,
    "few": 3,
    "several": 3,
}
COUNT = (
    r"(?P<count>\d{1,3}|"
    + "|".join(sorted((w.replace(" ", r"\s+") for w in _WORDS), key=len, reverse=True))
    + r")"
)
"""A count, as a named regular-expression group."""


def count_value(text: str) -> int:
    """The number a count stands for ('a couple of' is 2)."""
    words = " ".join(text.lower().split())
    return int(words) if words.isdigit() else _WORDS[words]
