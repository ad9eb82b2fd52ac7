"""The arithmetic the date rules share: spans, grains, and which way a date points."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

from hexamem.dates.numbers import count_value

Tense = Literal["past", "present", "future"]
Grain = Literal["day", "week", "weekend", "month", "part", "season", "year"]
Kind = Literal["when", "age", "duration"]
Span = tuple[datetime, datetime, Grain]
"""[start, stop) and the grain it was said in."""
Resolver = Callable[[re.Match[str], datetime, "Tense | None"], "Span | None"]


def day_start(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def one_day(start: datetime) -> Span:
    return start, start + timedelta(days=1), "day"


def safe_day(year: int, month: int, day: int, ref: datetime) -> Span | None:
    """That day, or None when it does not exist (31 June)."""
    try:
        return one_day(datetime(year, month, day, tzinfo=ref.tzinfo))
    except ValueError:
        return None


def month_span(year: int, month: int, ref: datetime) -> Span:
    start = datetime(year, month, 1, tzinfo=ref.tzinfo)
    return start, start + relativedelta(months=1), "month"


def forward(tense: Tense | None) -> bool:
    """Whether an undirected date points ahead: anything not said in the past tense."""
    return tense != "past"


def year_for(ref: datetime, month: int, day: int, tense: Tense | None) -> int:
    """The year of a month and day said without one: the last such date, or the next."""
    if forward(tense):
        return ref.year + ((month, day) < (ref.month, ref.day))
    return ref.year - ((month, day) > (ref.month, ref.day))


def units(m: re.Match[str]) -> relativedelta:
    """The length a match's `count` and `unit` groups name."""
    count, unit = count_value(m.group("count")), m.group("unit").lower()
    if unit == "fortnight":
        return relativedelta(weeks=2 * count)
    return relativedelta(**{f"{unit}s": count})


def grain_around(point: datetime, unit: str) -> Span:
    """The day, week, month or year around `point`, by the unit it was counted in."""
    if unit == "day":
        return one_day(day_start(point))
    if unit in ("week", "fortnight"):
        start = day_start(point) - timedelta(days=point.weekday())
        return start, start + timedelta(weeks=1), "week"
    if unit == "month":
        return month_span(point.year, point.month, point)
    start = day_start(point).replace(month=1, day=1)
    return start, start + relativedelta(years=1), "year"
