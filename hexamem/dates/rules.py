"""The date grammar: one regular expression per kind of expression, with its resolver.

Matching is case-insensitive; the longest match wins (see `mentions`), so the
order below matters only between matches of the same length.
"""

from __future__ import annotations

import re

from hexamem.dates import named, relative
from hexamem.dates.numbers import COUNT
from hexamem.dates.spans import Kind, Resolver

_SHORT_MONTHS = sorted(set(named.MONTHS) - set(named.FULL_MONTHS), key=len, reverse=True)
_MONTH = r"(?P<month>" + "|".join(named.FULL_MONTHS) + "|(?:" + "|".join(_SHORT_MONTHS) + r")\.?)"
_DAY_NAME = r"(?P<weekday>" + "|".join(named.WEEKDAYS) + r")"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DOM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_UNIT = r"(?P<unit>day|week|fortnight|month|year)s?"
_ABOUT = r"(?:about\s+|almost\s+|nearly\s+|over\s+|around\s+)?"
_NTH = r"(?P<nth>first|second|third|fourth|last|1st|2nd|3rd|4th)"
_PART_OF_MONTH = r"(?P<part>early|mid-?|late)\s*"
_HOLIDAYS = (
    r"(?P<holiday>christmas(?: eve| day)?|boxing day|new year'?s?(?: eve| day)?|"
    r"easter(?: sunday| monday)?|good friday|halloween|valentine'?s day)"
)
_DAY_WORDS = "|".join(
    sorted((re.escape(w).replace(r"\ ", r"\s+") for w in relative.DAY_WORDS), key=len, reverse=True)
)

RULES: list[tuple[str, Resolver, Kind]] = [
    (r"(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)", named.iso, "when"),
    (
        rf"(?:{_DAY_NAME},?\s+)?(?:the\s+)?{_DOM}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?",
        named.calendar_day,
        "when",
    ),
    (
        rf"(?:{_DAY_NAME},?\s+)?{_MONTH}\s+{_DOM}(?!\d|:)(?:,?\s+{_YEAR})?",
        named.calendar_day,
        "when",
    ),
    (
        rf"(?:the\s+)?week\s+of\s+(?:the\s+)?{_DOM}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?",
        named.week_of,
        "when",
    ),
    (rf"(?:the\s+)?week\s+of\s+{_MONTH}\s+{_DOM}(?!\d|:)(?:,?\s+{_YEAR})?", named.week_of, "when"),
    (
        rf"(?:the\s+)?{_NTH}\s+{_DAY_NAME}\s+(?:of|in)\s+(?:(?P<rel>next|this|last)\s+month|"
        rf"the\s+month|{_MONTH}(?:\s+{_YEAR})?)",
        named.nth_weekday,
        "when",
    ),
    (rf"(?:{_PART_OF_MONTH})?{_MONTH}(?:,?\s+{_YEAR})?", named.month, "when"),
    (
        rf"(?:(?P<lead>in|during|over|since|by|until|till)\s+(?:the\s+)?)?"
        rf"(?:(?P<rel>this|last|next)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
        rf"(?:\s+{_YEAR})?",
        named.season,
        "when",
    ),
    (rf"{_HOLIDAYS}(?:\s+{_YEAR})?", named.holiday, "when"),
    (
        r"(?P<for>for\s+)?the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?\w+day)",
        named.day_of_month,
        "when",
    ),
    (
        rf"(?P<lead>in|since|during|until|till|by|from|before|after|of)\s+{_YEAR}",
        named.year,
        "when",
    ),
    (
        rf"(?<!every\s)(?<!each\s)(?:(?P<rel>last|this|next|past|coming)\s+)?{_DAY_NAME}(?!s\b)"
        r"(?:\s+(?:morning|afternoon|evening|night))?",
        relative.weekday,
        "when",
    ),
    (_DAY_WORDS, relative.day_word, "when"),
    (
        r"(?P<rel>last|this|next|the\s+past|the\s+coming)\s+(?P<unit>week|weekend|month|year)",
        relative.relative_unit,
        "when",
    ),
    (rf"{COUNT}\s+{_UNIT}\s+ago", relative.ago, "when"),
    (rf"in\s+{COUNT}\s+{_UNIT}(?:'?s?\s+time)?", relative.ahead, "when"),
    (rf"{COUNT}[\s-]+{_UNIT}[\s-]+old", relative.age, "age"),
    (rf"for\s+{_ABOUT}{COUNT}\s+{_UNIT}", relative.duration, "duration"),
    (
        rf"been\s+(?:\w+\s+){{0,2}}?(?:for\s+)?{_ABOUT}{COUNT}\s+{_UNIT}",
        relative.duration,
        "duration",
    ),
    (
        r"(?:at\s+)?the\s+(?P<part>start|beginning|middle|end)\s+of\s+(?:the\s+)?"
        r"(?P<rel>this|last|next|the)?\s*(?P<unit>week|month|year)",
        relative.period_part,
        "when",
    ),
    (r"the\s+other\s+day", relative.other_day, "when"),
]

COMPILED = [
    (re.compile(rf"(?<![\w-])(?:{rule})(?![\w-])", re.IGNORECASE), resolve, kind)
    for rule, resolve, kind in RULES
]
