"""Time expressions in questions, resolved into a window against the question time.

"last week", "on October 15", "in May 2023", "last Tuesday", "since March",
"before June 2024" become a window [start, end) (see `hexamem.dates`); "last
week" runs on to the question's time, as people asking it mean. In a
question about the past, "before she moved" or "after the wedding" name an event
instead of a date: the window then carries an `anchor` clause that search
resolves to the time of the best matching memory. ("Who signs off before a
deploy goes out?" asks for an order of steps, not a time.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from hexamem.dates import Tense, find_dates

_WEEK = timedelta(weeks=1)
_PAST = re.compile(r"\b(?:did|was|were|had|used to|ago|last|yesterday)\b|\b\w+ed\b", re.IGNORECASE)
_ANCHOR = re.compile(
    r"\b(?P<word>before|after)\s+"
    r"(?P<clause>(?:(?!\b(?:what|who|where|when|why|how|which)\b)[^?.!,;]){3,80})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TimeWindow:
    """A resolved window; `anchor` is an event clause still to be placed in time."""

    start: datetime | None
    end: datetime | None
    phrase: str
    anchor: str | None = None
    anchor_side: str | None = None  # "before" or "after" the anchor


def question_tense(query: str) -> Tense:
    """Past for "When did ...", "What was ...", present otherwise."""
    return "past" if _PAST.search(query) else "present"


def parse_window(query: str, reference: datetime) -> TimeWindow | None:
    """The first time expression in `query`, resolved against `reference`, or None."""
    for mention in find_dates(query, reference, tense=question_tense(query)):
        if mention.kind != "when":
            continue
        lead = (mention.lead or "").split()[-1:] or [""]
        if lead[0] in ("since", "after", "from"):
            start = mention.start if lead[0] != "after" else mention.stop
            return TimeWindow(start, None, mention.phrase)
        if lead[0] in ("before", "until", "till", "by"):
            return TimeWindow(None, mention.start, mention.phrase)
        if mention.grain == "week" and mention.stop <= reference < mention.stop + _WEEK:
            # "What did I do last week?" on a Friday: people mean this week's Tuesday too.
            return TimeWindow(mention.start, reference, mention.phrase)
        return TimeWindow(mention.start, mention.stop, mention.phrase)
    if question_tense(query) == "past" and (anchor := _ANCHOR.search(query)):
        return TimeWindow(
            None,
            None,
            anchor.group(0),
            anchor=anchor.group("clause").strip(),
            anchor_side=anchor.group("word").lower(),
        )
    return None
