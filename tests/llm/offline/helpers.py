"""Reading one message the way the offline engine does, for the table-driven rule tests."""

from __future__ import annotations

from datetime import UTC, datetime

from hexamem.llm.offline.facts import facts_in, summary
from hexamem.llm.offline.reading import Reading, read
from hexamem.memory_types import Episode, Message

#: Monday 14 October 2024, evening
SAID = datetime(2024, 10, 14, 19, 0, tzinfo=UTC)


def reading_of(*said: str, context: tuple[str, ...] = (), at: datetime = SAID) -> Reading:
    messages = tuple(Message(id=f"m{n}", role="user", content=text) for n, text in enumerate(said))
    earlier = tuple(Message(id=f"c{n}", role="user", content=t) for n, t in enumerate(context))
    episode = Episode(id=f"ep-{hash(said)}", user_id="u", observed_at=at, messages=messages)
    return read(episode, earlier, {})


def facts_of(*said: str, context: tuple[str, ...] = ()) -> set[tuple[str, str, str]]:
    """(subject, relation, object) of every fact in the messages; the user is 'User'."""
    reading = reading_of(*said, context=context)
    return {(reading.who(f.subject) or "", f.relation, f.object) for f in facts_in(reading)}


def summaries_of(*said: str) -> list[str]:
    reading = reading_of(*said)
    return [summary(f, reading.who(f.subject) or "") for f in facts_in(reading)]
