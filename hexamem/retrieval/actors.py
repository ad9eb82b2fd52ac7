"""Who a question is about: names in it that are the actors of stored events.

In a transcript every turn carries its speaker, so a speaker's name matches half
of the memories and says little about which one answers. Ranked by text, the
name pulls up the short turns that only greet that person ("Go get 'em, Jon!").
The name is therefore taken out of the text that is ranked, and used instead to
favour what that actor said or did. A question in the first person asks the user's
own memory about the user ("What did I buy?"): it favours the user's turns. (Sending
"you" to the assistant's turns as well was measured and cost more than it gave.)
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NAME = re.compile(r"\b([A-Z][\w-]+)(?:'s|’s)?\b")
_FIRST_PERSON = re.compile(r"\bI\b|\b(?i:me|my|mine|myself)\b")


def named_actors(query: str, is_actor: Callable[[str], bool]) -> list[str]:
    """The capitalised words of `query` that name an actor, as written, once each."""
    found: dict[str, None] = {}
    for word in _NAME.findall(query):
        if word.lower() not in (f.lower() for f in found) and is_actor(word):
            found[word] = None
    return list(found)


def spoken_of(query: str, is_actor: Callable[[str], bool]) -> list[str]:
    """The role a first-person question is about ("user"), when it is an actor."""
    return ["user"] if _FIRST_PERSON.search(query) and is_actor("user") else []


def without_names(query: str, names: list[str]) -> str:
    """`query` with the names (and their possessive 's) taken out; `query` itself when
    nothing else would be left."""
    if not names:
        return query
    pattern = r"\b(?:" + "|".join(re.escape(n) for n in names) + r")(?:'s|’s)?\b"
    rest = re.sub(r"\s+", " ", re.sub(pattern, " ", query, flags=re.IGNORECASE)).strip()
    return rest if re.search(r"\w", rest) else query
