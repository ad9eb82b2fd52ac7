"""Resolvers for dates that name the calendar: days, months, seasons, holidays, years."""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

from hexamem.dates.spans import (
    Span,
    Tense,
    day_start,
    forward,
    month_span,
    one_day,
    safe_day,
    year_for,
)

WEEKDAYS = [day.lower() for day in calendar.day_name]
WEEKDAY_OF: dict[str, weekday] = dict(zip(WEEKDAYS, (MO, TU, WE, TH, FR, SA, SU), strict=True))
FULL_MONTHS = [name.lower() for name in calendar.month_name if name]
MONTHS = {name: n for n, name in enumerate(FULL_MONTHS, start=1)}
MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
#: Month names that are also everyday words: a month only with a date, a year or a capital.
AMBIGUOUS_MONTHS = {"may", "march", "august", "jan", "mar", "dec"}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def iso(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    return safe_day(int(m.group("y")), int(m.group("m")), int(m.group("d")), ref)


def calendar_day(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    month, day = month_number(m.group("month")), int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else year_for(ref, month, day, tense)
    return safe_day(year, month, day, ref)


def week_of(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    """'the week of 9 September': Monday to Sunday around that day."""
    found = calendar_day(m, ref, tense)
    if found is None:
        return None
    monday = found[0] - timedelta(days=found[0].weekday())
    return monday, monday + timedelta(weeks=1), "week"


def month(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    word = m.group("month").rstrip(".")
    if word.lower() in AMBIGUOUS_MONTHS and not (m.group("year") or word[0].isupper()):
        return None
    number = month_number(word)
    if m.group("year"):
        year = int(m.group("year"))
    elif forward(tense):
        year = ref.year + (number < ref.month)
    else:
        year = ref.year - (number > ref.month)
    start, stop, _ = month_span(year, number, ref)
    part = (m.group("part") or "").lower().rstrip("- ")
    if not part:
        return start, stop, "month"
    first, last = {"early": (1, 11), "mid": (11, 21), "late": (21, None)}[part]
    return start.replace(day=first), start.replace(day=last) if last else stop, "part"


_ORDER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def nth_weekday(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    """'the first Friday of February', 'last Sunday of next month'."""
    day = WEEKDAY_OF[m.group("weekday").lower()]
    if m.group("month"):
        number = month_number(m.group("month"))
        if m.group("year"):
            year = int(m.group("year"))
        elif number == ref.month:
            year = ref.year
        else:
            year = year_for(ref, number, 1, tense)
        base = datetime(year, number, 1, tzinfo=ref.tzinfo)
    else:
        shift = {"next": 1, "last": -1}.get((m.group("rel") or "this").lower(), 0)
        base = day_start(ref).replace(day=1) + relativedelta(months=shift)
    which = m.group("nth").lower()
    if which == "last":
        return one_day(base + relativedelta(day=31, weekday=day(-1)))
    return one_day(base + relativedelta(weekday=day(_ORDER[which])))


def season(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    """'last summer' (the last one over), 'this winter', 'next spring', 'summer 2025'."""
    name, rel = m.group("season").lower(), (m.group("rel") or "").lower()
    if not (rel or m.group("year") or m.group("lead")):
        return None  # "a summer trip", "leaves fall": not a date
    first = SEASONS[name]
    if m.group("year"):
        start = datetime(int(m.group("year")), first, 1, tzinfo=ref.tzinfo)
        return start, start + relativedelta(months=3), "season"
    runs = [datetime(ref.year + shift, first, 1, tzinfo=ref.tzinfo) for shift in (-2, -1, 0, 1)]
    ended = [s for s in runs if s + relativedelta(months=3) <= ref]
    upcoming = [s for s in runs if s > ref]
    running = [s for s in runs if s <= ref < s + relativedelta(months=3)]
    if rel == "last" or (not rel and tense == "past" and not running):
        start = ended[-1]
    elif rel == "next" or (not rel and forward(tense) and not running):
        start = upcoming[0] if not running or rel == "next" else running[0]
    else:
        start = running[0] if running else upcoming[0]
    return start, start + relativedelta(months=3), "season"


_FIXED_HOLIDAYS = {
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "boxing day": (12, 26),
    "new year's eve": (12, 31),
    "new years eve": (12, 31),
    "new year": (1, 1),
    "new year's": (1, 1),
    "new years": (1, 1),
    "new year's day": (1, 1),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "valentines day": (2, 14),
}
_EASTER_SHIFT = {"good friday": -2, "easter": 0, "easter sunday": 0, "easter monday": 1}


def _holiday_in(name: str, year: int) -> tuple[int, int]:
    if name in _EASTER_SHIFT:
        moment = easter(year) + timedelta(days=_EASTER_SHIFT[name])
        return moment.month, moment.day
    return _FIXED_HOLIDAYS[name]


def holiday(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    name = " ".join(m.group("holiday").lower().replace("’", "'").split())
    if m.group("year"):
        year = int(m.group("year"))
    else:
        number, day = _holiday_in(name, ref.year)
        near = abs(number - ref.month) <= 1
        year = ref.year if tense == "present" and near else year_for(ref, number, day, tense)
    number, day = _holiday_in(name, year)
    return safe_day(year, number, day, ref)


def day_of_month(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    """'the 15th': this month's, or the last or next one's by tense ('for the 15th' is ahead)."""
    day, today = int(m.group("day")), day_start(ref)
    if not 1 <= day <= 31:
        return None
    ahead = forward(tense) or bool(m.group("for"))
    start = today.replace(day=1)
    if ahead and day < today.day:
        start += relativedelta(months=1)
    elif not ahead and day > today.day:
        start -= relativedelta(months=1)
    return safe_day(start.year, start.month, day, ref)


def year(m: re.Match[str], ref: datetime, tense: Tense | None) -> Span | None:
    start = datetime(int(m.group("year")), 1, 1, tzinfo=ref.tzinfo)
    return start, start + relativedelta(years=1), "year"
