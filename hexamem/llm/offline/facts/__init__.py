"""Facts in what the user said: about themself and about the people in their life."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime

from hexamem.llm.offline.facts.about_people import about_people
from hexamem.llm.offline.facts.about_things import about_things
from hexamem.llm.offline.facts.about_user import about_user
from hexamem.llm.offline.facts.model import OPPOSITE, Fact, summary
from hexamem.llm.offline.reading import Reading

__all__ = ["OPPOSITE", "Fact", "facts_in", "summary"]


def facts_in(reading: Reading, *, vehicle: str | None = None) -> list[Fact]:
    """Every fact told in the episode, first saying first; questions tell none.

    A move dated in one sentence dates the home named in the next ("moved on
    Saturday! we're in Leeds now").
    """
    found: dict[tuple[str, str, str], Fact] = {}
    moved: tuple[str, datetime] | None = None
    vehicle = reading.vehicle or vehicle
    for said in reading.told():
        if _MOVED.search(said.text) and said.when is not None:
            moved = (said.message_id, said.when.start)
        for fact in [*about_user(said, vehicle), *about_people(said), *about_things(said)]:
            subject = reading.who(fact.subject) or fact.subject
            if fact.object and fact.object.lower() == subject.lower():
                continue
            dated_move = moved is not None and moved[0] == said.message_id and not fact.past
            if fact.relation == "lives_in" and fact.start is None and moved and dated_move:
                fact = dataclasses.replace(fact, start=moved[1])
            found.setdefault((fact.subject, fact.relation, fact.object.lower()), fact)
    return list(found.values())


_MOVED = re.compile(r"\b(?:moved|moving|relocated)\b", re.IGNORECASE)
