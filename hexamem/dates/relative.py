"""Resolvers for dates said relative to now: weekdays, 'yesterday', 'last week', '3 days ago'."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from hexamem.dates.named import WEEKDAY_OF
from hexamem.dates.spans import Span, Tense, day_start, grain_around, one_day, units


def weekday(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    """'last Tuesday', 'next Friday', and 'on Saturday' by tense (this week's for 'this')."""
    today = day_start(ref)
    day = WEEKDAY_OF[m.group("weekday").lower()]
    rel = (m.group("rel") or "").lower()
    if rel in ("last", "past"):
        return one_day(today - timedelta(days=1) + relativedelta(weekday=day(-1)))
    if rel in ("next", "coming"):
        return one_day(today + timedelta(days=1) + relativedelta(weekday=day(+1)))
    if rel == "this":  # the one in this week, Monday to Sunday
        return one_day(today - timedelta(days=today.weekday()) + relativedelta(weekday=day(+1)))
    if tense == "past":
        return one_day(today - timedelta(days=1) + relativedelta(weekday=day(-1)))
    return one_day(today + relativedelta(weekday=day(+1)))


DAY_WORDS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "yesterday morning": -1,
    "yesterday evening": -1,
    "the day before yesterday": -2,
    "tomorrow": 1,
    "tomorrow morning": 1,
    "tomorrow night": 1,
    "the day after tomorrow": 2,
}


def day_word(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    return one_day(day_start(ref) + timedelta(days=DAY_WORDS[" ".join(m.group(0).lower().split())]))


_SHIFT = {"last": -1, "the past": -1, "this": 0, "next": 1, "the coming": 1}


def relative_unit(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    """'last week', 'this weekend', 'next month', 'last year'."""
    shift = _SHIFT[" ".join(m.group("rel").lower().split())]
    unit, today = m.group("unit").lower(), day_start(ref)
    monday = today - timedelta(days=today.weekday())
    if unit == "week":
        start = monday + timedelta(weeks=shift)
        return start, start + timedelta(weeks=1), "week"
    if unit == "weekend":
        saturday = monday + timedelta(days=5, weeks=shift)
        if shift < 0 and today.weekday() >= 5:
            saturday -= timedelta(weeks=1)  # said during a weekend: the one before it
        return saturday, saturday + timedelta(days=2), "weekend"
    if unit == "month":
        start = today.replace(day=1) + relativedelta(months=shift)
        return start, start + relativedelta(months=1), "month"
    start = today.replace(month=1, day=1) + relativedelta(years=shift)
    return start, start + relativedelta(years=1), "year"


def ago(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    return grain_around(ref - units(m), m.group("unit").lower())


def ahead(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    return grain_around(ref + units(m), m.group("unit").lower())


def age(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    """'3 weeks old': born that long before; to the day for days and weeks."""
    unit = m.group("unit").lower()
    return grain_around(ref - units(m), "day" if unit in ("day", "week", "fortnight") else unit)


def duration(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    """'for 6 years', 'been together 2 years': it began that long before."""
    return grain_around(ref - units(m), m.group("unit").lower())


_WEEK_PART = {"start": (0, 3), "beginning": (0, 3), "middle": (2, 5), "end": (4, 7)}
_MONTH_PART = {"start": (0, 10), "beginning": (0, 10), "middle": (10, 20), "end": (20, None)}
_YEAR_PART = {"start": (0, 3), "beginning": (0, 3), "middle": (4, 8), "end": (9, 12)}


def period_part(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    """'at the start of the month', 'the end of next week', 'the middle of the year'."""
    part, rel, unit = ((m.group(g) or "").lower() for g in ("part", "rel", "unit"))
    shift, today = {"last": -1, "next": 1}.get(rel, 0), day_start(ref)
    if unit == "week":
        start = today - timedelta(days=today.weekday()) + timedelta(weeks=shift)
        first, last = _WEEK_PART[part]
        return start + timedelta(days=first), start + timedelta(days=last), "part"
    if unit == "month":
        start = today.replace(day=1) + relativedelta(months=shift)
        begin, end = _MONTH_PART[part]
        stop = start + (timedelta(days=end) if end else relativedelta(months=1))
        return start + timedelta(days=begin), stop, "part"
    start = today.replace(month=1, day=1) + relativedelta(years=shift)
    first, last = _YEAR_PART[part]
    return start + relativedelta(months=first), start + relativedelta(months=last), "part"


def other_day(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    """'the other day': some day in the week before."""
    today = day_start(ref)
    return today - timedelta(days=6), today, "week"
