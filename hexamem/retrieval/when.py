"""Time expressions in questions, resolved against a reference time.

"last week", "yesterday", "3 days ago", "in May 2023", "in 2022", "on 7 May 2023",
"since March", "before June 2024" become a window [start, end). "before she
moved" or "after the wedding" name an event instead of a date: the window then
carries an `anchor` clause that search resolves to the time of the best
matching memory.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "couple of": 2,
    "few": 3,
}
_COUNT = r"(?P<count>\d+|" + "|".join(_NUMBER_WORDS) + r")"


@dataclass(frozen=True)
class TimeWindow:
    """A resolved window; `anchor` is an event clause still to be placed in time."""

    start: datetime | None
    end: datetime | None
    phrase: str
    anchor: str | None = None
    anchor_side: str | None = None  # "before" or "after" the anchor


def _day(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def _month_span(year: int, month: int, tz) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 + months
    return moment.replace(year=index // 12, month=index % 12 + 1, day=1)


def _span(text: str, ref: datetime) -> tuple[datetime, datetime] | None:
    """A date expression (the whole of `text`) as [start, end), or None."""
    text = text.strip().lower()
    today = _day(ref)
    tz = ref.tzinfo
    if text == "today":
        return today, today + timedelta(days=1)
    if text == "yesterday":
        return today - timedelta(days=1), today
    if m := re.fullmatch(r"(last|this|next) (week|month|year)", text):
        which, unit = m.groups()
        shift = {"last": -1, "this": 0, "next": 1}[which]
        if unit == "week":
            start = today - timedelta(days=today.weekday()) + timedelta(weeks=shift)
            return start, start + timedelta(weeks=1)
        if unit == "month":
            start = _add_months(today.replace(day=1), shift)
            return start, _add_months(start, 1)
        start = today.replace(month=1, day=1, year=today.year + shift)
        return start, start.replace(year=start.year + 1)
    if m := re.fullmatch(_COUNT + r" (day|week|month|year)s? ago", text):
        count_text, unit = m.group("count"), m.group(2)
        count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
        if unit == "day":
            start = today - timedelta(days=count)
            return start, start + timedelta(days=1)
        if unit == "week":
            start = today - timedelta(weeks=count, days=today.weekday())
            return start, start + timedelta(weeks=1)
        if unit == "month":
            start = _add_months(today.replace(day=1), -count)
            return start, _add_months(start, 1)
        start = today.replace(year=today.year - count, month=1, day=1)
        return start, start.replace(year=start.year + 1)
    if m := re.fullmatch(_YEAR, text):
        start = datetime(int(m.group("year")), 1, 1, tzinfo=tz)
        return start, start.replace(year=start.year + 1)
    for pattern in (
        rf"{_DAY} {_MONTH},? {_YEAR}",
        rf"{_MONTH} {_DAY},? {_YEAR}",
        rf"{_DAY} {_MONTH}",
        rf"{_MONTH} {_DAY}",
    ):
        if m := re.fullmatch(pattern, text):
            year = int(m.group("year")) if "year" in m.groupdict() else _latest_year(ref, m)
            try:
                start = datetime(year, MONTHS[m.group("month")], int(m.group("day")), tzinfo=tz)
            except ValueError:
                return None
            return start, start + timedelta(days=1)
    if m := re.fullmatch(rf"{_MONTH}(?:,? {_YEAR})?", text):
        month = MONTHS[m.group("month")]
        year = int(m.group("year")) if m.group("year") else ref.year - (month > ref.month)
        return _month_span(year, month, tz)
    return None


def _latest_year(ref: datetime, m: re.Match[str]) -> int:
    month, day = MONTHS[m.group("month")], int(m.group("day"))
    return ref.year - ((month, day) > (ref.month, ref.day))


_DATE_WORDS = (
    r"today|yesterday|(?:last|this|next) (?:week|month|year)|"
    + _COUNT.replace("(?P<count>", "(?:")
    + r" (?:day|week|month|year)s? ago|"
    + r"(?:[0-3]?\d(?:st|nd|rd|th)? )?(?:"
    + "|".join(MONTHS)
    + r")\.?(?: [0-3]?\d(?:st|nd|rd|th)?)?"
    + r"(?:,? (?:19|20)\d{2})?|(?:19|20)\d{2}"
)
_BOUNDED = re.compile(
    rf"\b(?P<word>since|before|after|until|in|on|during)\s+(?P<date>{_DATE_WORDS})\b", re.IGNORECASE
)
_BARE = re.compile(
    rf"\b(?P<date>today|yesterday|(?:last|this) (?:week|month|year)|"
    rf"{_COUNT.replace('(?P<count>', '(?:')} (?:day|week|month|year)s? ago)\b",
    re.IGNORECASE,
)
_ANCHOR = re.compile(
    r"\b(?P<word>before|after)\s+"
    r"(?P<clause>(?:(?!\b(?:what|who|where|when|why|how|which)\b)[^?.!,;]){3,80})",
    re.IGNORECASE,
)


def parse_window(query: str, reference: datetime) -> TimeWindow | None:
    """The first time expression in `query`, resolved against `reference`, or None."""
    for match in _BOUNDED.finditer(query):
        span = _span(match.group("date"), reference)
        if span is None:
            continue
        word = match.group("word").lower()
        start, end = span
        if word == "since" or word == "after":
            return TimeWindow(start if word == "since" else end, None, match.group(0))
        if word in ("before", "until"):
            return TimeWindow(None, start, match.group(0))
        return TimeWindow(start, end, match.group(0))
    if bare := _BARE.search(query):
        span = _span(bare.group("date"), reference)
        if span is not None:
            return TimeWindow(span[0], span[1], bare.group(0))
    if anchor := _ANCHOR.search(query):
        return TimeWindow(
            None,
            None,
            anchor.group(0),
            anchor=anchor.group("clause").strip(),
            anchor_side=anchor.group("word").lower(),
        )
    return None
