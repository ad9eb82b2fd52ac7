"""Who a word in a sentence stands for: 'my' is the user, 'her' the woman named before it."""

from __future__ import annotations

import re

from hexamem.llm.offline.people import USER, names_in
from hexamem.llm.offline.reading import Said


def whose(word: str, said: Said, at: int = 0) -> str | None:
    """Whose: 'my' is the user, 'his'/'her' the person named before, "Ben's" Ben."""
    lower = word.lower()
    if lower in ("my", "our"):
        return USER
    if (kin := re.fullmatch(r"(?:my|our)\s+([a-z]+)['’]s", lower)) is not None:
        return dict(said.roles).get(kin.group(1))  # "my sister's husband": the sister, by name
    if lower in ("his", "her", "their"):
        return who_is(lower, said, at, people_only=True)
    return re.sub(r"['’]s$", "", word)


def who_is(word: str, said: Said, at: int = 0, *, people_only: bool = False) -> str | None:
    """Who a subject word is: 'I' the user, a pronoun the person it stands for, a name itself.

    A pronoun goes to the last person named earlier in the same sentence, else to
    whom it meant as the sentence began.
    """
    lower = word.lower().rstrip("s") if word.lower() in ("hes", "shes") else word.lower()
    if lower in ("i", "we"):
        return USER
    if lower not in ("he", "she", "they", "him", "her", "his", "their"):
        return word
    before = [
        name
        for name, offset in names_in(said.clause)
        if offset < at and name not in said.places and not (people_only and name in said.pets)
    ]
    if before:
        return before[-1]
    key = (
        "owner"
        if people_only
        else {"him": "he", "his": "he", "her": "she", "their": "they"}.get(lower, lower)
    )
    return said.refers(key) or said.refers("they")
