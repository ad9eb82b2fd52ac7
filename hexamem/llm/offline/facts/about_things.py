"""The names people give the things they have and the ventures they run.

"I run a small bakery called Crumb & Co", "our band is called Low Tide",
"Tom's boat is named Sea Breeze": the thing's kind is kept as the fact's word,
so a question about the boat is not answered with the band.
"""

from __future__ import annotations

from collections.abc import Iterator

from hexamem.llm.offline.facts.model import Fact, rule
from hexamem.llm.offline.facts.objects import title_at
from hexamem.llm.offline.facts.whose import who_is, whose
from hexamem.llm.offline.language.lexicon import FRIENDS, KIN, PARTNERS, PETS
from hexamem.llm.offline.reading import Said

#: Kinds told elsewhere: people and pets have their own relations.
_NOT_THINGS = KIN | PARTNERS | FRIENDS | PETS | {"name", "son", "daughter", "baby", "kid", "child"}
_SIZE = frozenset("small little tiny new old big local lovely".split())
_KIND = r"(?P<kind>(?:[a-z-]+\s+){0,2}?[a-z]+)"
_HAVE = (
    r"(?:run|runs|own|owns|have|has|opened|started|set up|founded|launched|built|bought|"
    r"play in|plays in|sing in|sings in)"
)
_RUNS = rule(
    rf"\b(?P<who>i|we|he|she|they|(?-i:[A-Z][\w-]*))\s+(?:\w+\s+)?{_HAVE}\s+"
    rf"(?:a|an|our|my|his|her|their)\s+{_KIND}\s+(?:called|named)\s+(?=(?P<rest>.+))"
)
_IS_CALLED = rule(
    rf"\b(?P<owner>my|our|his|her|their|(?-i:[A-Z][\w-]*)['’]s)\s+{_KIND}\s+"
    rf"(?:is|'s)\s+(?:now\s+)?(?:called|named)\s+(?=(?P<rest>.+))"
)


def about_things(said: Said) -> Iterator[Fact]:
    """Facts naming a thing someone has: relation "called", the kind as its word."""
    text = said.clause
    for pattern, side in ((_RUNS, "who"), (_IS_CALLED, "owner")):
        for found in pattern.finditer(text):
            kind = _kind(found.group("kind"))
            name = title_at(found.group("rest"))
            if kind is None or name is None:
                continue
            word, at = found.group(side), found.start()
            owner = who_is(word, said, at) if side == "who" else whose(word, said, at)
            if owner is not None:
                yield Fact(owner, "called", name, said, word=kind)


def _kind(phrase: str) -> str | None:
    words = [w for w in phrase.lower().split() if w not in _SIZE]
    if not words or words[-1] in _NOT_THINGS:
        return None
    return " ".join(words)
