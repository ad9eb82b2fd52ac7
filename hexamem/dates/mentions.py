"""Finding date expressions in text, each resolved to the span of time it names.

An expression that does not say which way it points ("on Saturday", "in March",
"the 15th") follows the tense of what is said: the last one for the past, the
next one otherwise. Matches never overlap; the longest wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from dateutil.relativedelta import relativedelta

from hexamem.dates.rules import COMPILED
from hexamem.dates.spans import Grain, Kind, Tense, safe_day

__all__ = ["DateMention", "Grain", "Tense", "find_dates"]

LEADS = ("on", "in", "since", "before", "after", "until", "till", "by", "during", "from", "for")
_LEAD = re.compile(
    r"(?P<lead>\b(?:just |right |shortly |not long )?(?:" + "|".join(LEADS) + r")\s+)$",
    re.IGNORECASE,
)
_BARE_DAY = re.compile(r"(?:for\s+)?the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)", re.IGNORECASE)
_APPROXIMATE = re.compile(r"\bago\b|\bcouple\b|\bfew\b|\bother day\b|\babout\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """One date expression: where it is in the text and the span [start, stop) it names.

    `kind` is "when" for a time, "age" for '3 weeks old' (the span is the birth) and
    "duration" for 'for 6 years' (the span is when it began).
    """

    phrase: str
    begin: int
    end: int
    start: datetime
    stop: datetime
    grain: Grain
    kind: Kind = "when"
    lead: str | None = None
    approximate: bool = False


def find_dates(
    text: str,
    reference: datetime,
    *,
    tense: Tense | None = None,
    last_day: datetime | None = None,
) -> list[DateMention]:
    """Every date expression in `text`, resolved against `reference`, in reading order.

    `tense` says which way an undirected date points: back for "past", ahead otherwise.
    `last_day` is the last day named before `text` (a bare "the 27th" follows its month).
    """
    found: list[DateMention] = []
    for pattern, resolve, kind in COMPILED:
        for match in pattern.finditer(text):
            before = _LEAD.search(text[: match.start()])
            since = before is not None and before.group("lead").split()[-1].lower() == "since"
            span = resolve(match, reference, "past" if since else tense)
            if span is None:
                continue
            lead = match.groupdict().get("lead")
            found.append(
                DateMention(
                    phrase=match.group(0),
                    begin=match.start(),
                    end=match.end(),
                    start=span[0],
                    stop=span[1],
                    grain=span[2],
                    kind=kind,
                    lead=lead.lower() if lead else None,
                    approximate=bool(_APPROXIMATE.search(match.group(0))),
                )
            )
    return [_with_lead(text, m) for m in _in_context(_longest_first(found), last_day)]


def _longest_first(found: list[DateMention]) -> list[DateMention]:
    kept: list[DateMention] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.begin), m.begin)):
        if all(mention.end <= k.begin or mention.begin >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.begin)


def _in_context(mentions: list[DateMention], named: datetime | None) -> list[DateMention]:
    """'October 10, back on the 27th': a bare day of the month follows the month before it."""
    placed: list[DateMention] = []
    for mention in mentions:
        bare = _BARE_DAY.fullmatch(mention.phrase)
        if bare and named is not None:
            day = int(bare.group("day"))
            month = named.replace(day=1) + relativedelta(months=int(day < named.day))
            span = safe_day(month.year, month.month, day, named)
            if span is not None:
                mention = replace(mention, start=span[0], stop=span[1])
        elif mention.grain == "day" and mention.kind == "when" and re.search(r"\d", mention.phrase):
            named = mention.start
        placed.append(mention)
    return placed


def _with_lead(text: str, mention: DateMention) -> DateMention:
    """Attach the preposition before the expression ('on', 'since', 'just after' ...)."""
    lead = None if mention.lead else _LEAD.search(text[: mention.begin])
    if lead is None:
        return mention
    word = lead.group("lead")
    return replace(
        mention,
        phrase=word + mention.phrase,
        begin=mention.begin - len(word),
        lead=" ".join(word.lower().split()),
    )
