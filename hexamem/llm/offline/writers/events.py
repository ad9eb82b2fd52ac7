"""Episodic writer: what happened, or will, on the day it names.

Every statement in the past or the future tense, or naming a date, is an event
dated by what it says ("on Saturday" said on a Monday is two days back), else
by when it was said. Its text keeps the words, with the date made absolute.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

from hexamem.agents.schemas import ProposedOp
from hexamem.dates import day_text
from hexamem.entities import normalize_name
from hexamem.llm.offline.language import content_words, lemmas
from hexamem.llm.offline.people import USER
from hexamem.llm.offline.reading import Said
from hexamem.llm.offline.writers.job import Job
from hexamem.memory_types import EpisodicEvent

EVENT_WORDS = 3


def is_event(said: Said) -> bool:
    """Something that happened or is planned, rather than how things are."""
    if not said.tells or len(content_words(said.text)) < EVENT_WORDS:
        return False
    if said.when is not None:
        return True
    durations = any(m.kind != "when" for m in said.dates)
    return said.tense in ("past", "future") and not durations


def episodic(job: Job) -> list[ProposedOp]:
    ops = job.forgets(EpisodicEvent, by_value=True)
    ops += _corrections(job)
    known = {
        normalize_name(i.payload.summary)
        for i in job.live()
        if isinstance(i.payload, EpisodicEvent)
    }
    for said in job.reading.told():
        if not is_event(said) or job.kept_elsewhere(said):
            continue
        text = job.text_of(said)
        if normalize_name(text) in known:
            continue
        known.add(normalize_name(text))
        when = said.when
        occurred = when.start if when is not None else said.observed
        ops.append(
            ProposedOp(
                kind="ADD",
                reason="an event",
                payload={
                    "occurred_at": occurred.isoformat(),
                    "actor": job.who(said.subject if said.subject is not None else USER),
                    "event_type": _event_type(said),
                    "summary": text,
                },
            )
        )
    for fact in job.facts:
        if fact.relation == "born_on" and fact.start is not None:
            who = job.who(fact.subject)
            summary = f"{who} was born on {fact.object}"
            if normalize_name(summary) not in known:
                ops.append(
                    ProposedOp(
                        kind="ADD",
                        reason="a birth, from an age",
                        payload={
                            "occurred_at": fact.start.isoformat(),
                            "actor": who,
                            "event_type": "birth",
                            "summary": summary,
                            "details": job.text_of(fact.said),
                        },
                    )
                )
    return ops


def _event_type(said: Said) -> str:
    """The first verb of the sentence, as its lemma ('moved' is 'move'); 'plan' ahead."""
    if said.tense == "future":
        return "plan"
    for word in re.findall(r"[a-z]+", said.clause.lower()):
        if word.endswith("ed") and len(word) > 4:
            options = sorted(lemmas(word) - {word}, key=len)
            return options[0] if options else word
    return "event"


def _corrections(job: Job) -> list[ProposedOp]:
    """A mistake put right in the record of an event; a wrong weekday moves the event too
    ("actually it's Thursday, not Tuesday": two days later, in the same week)."""
    ops = []
    for correction in (c for c in job.corrections if c.explicit):
        for item in job.live():
            payload = item.payload
            if not isinstance(payload, EpisodicEvent):
                continue
            moved = _moved_day(payload, correction.old, correction.new)
            if moved is not None:
                day, summary = moved
                ops.append(
                    job.update(
                        item,
                        {"summary": summary, "occurred_at": day.isoformat()},
                        f"corrected: {correction.new}, not {correction.old}",
                    )
                )
            elif correction.old.lower() in item.text.lower():
                fixed = re.sub(
                    re.escape(correction.old), correction.new, payload.summary, flags=re.I
                )
                ops.append(
                    job.update(
                        item,
                        {"summary": fixed},
                        f"corrected: {correction.new}, not {correction.old}",
                    )
                )
    return ops


_WEEKDAYS = [day.lower() for day in calendar.day_name]


def _moved_day(event: EpisodicEvent, old: str, new: str) -> tuple[datetime, str] | None:
    """The event on another weekday of its week, and its text with the day rewritten."""
    was, now = old.strip().lower(), new.strip().lower()
    if was not in _WEEKDAYS or now not in _WEEKDAYS:
        return None
    written = day_text(event.occurred_at)
    if event.occurred_at.weekday() != _WEEKDAYS.index(was) or written not in event.summary:
        return None
    day = event.occurred_at + timedelta(days=_WEEKDAYS.index(now) - _WEEKDAYS.index(was))
    return day, event.summary.replace(written, day_text(day))
