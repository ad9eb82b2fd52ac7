"""Resolved dates written for people: 'Saturday 3 June 2023', 'the week of 17 June 2024'."""

from __future__ import annotations

from datetime import datetime, timedelta

from hexamem.dates.mentions import DateMention
from hexamem.dates.spans import Grain


def day_text(moment: datetime) -> str:
    """'Saturday 3 June 2023'."""
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def span_text(start: datetime, stop: datetime, grain: Grain) -> str:
    """The span a date expression named, at the grain it was said in."""
    if grain == "day":
        return day_text(start)
    if grain == "week":
        return f"the week of {start.day} {start:%B %Y}"
    if grain == "weekend":
        return f"the weekend of {start.day} {start:%B %Y}"
    if grain == "month":
        return f"{start:%B %Y}"
    if grain == "season":
        season = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}.get(start.month, "")
        return f"{season} {start.year}".strip()
    if grain == "year":
        return str(start.year)
    last = stop - timedelta(days=1)
    if (start.year, start.month) == (last.year, last.month):
        third = "early" if start.day < 10 else "mid-" if start.day < 20 else "late"
        return f"{third}{'' if third.endswith('-') else ' '}{start:%B %Y}"
    return f"{start.day} {start:%B} to {last.day} {last:%B %Y}"


_PREPOSITION = {"day": "on", "weekend": "on", "week": "in", "month": "in", "part": "in"}


def mention_text(mention: DateMention) -> str:
    """The expression rewritten with its absolute date, keeping a 'since' or 'before'."""
    when = span_text(mention.start, mention.stop, mention.grain)
    lead = mention.lead or ""
    if lead in ("", "on", "in", "during", "at") or lead.endswith(" on"):
        lead = _PREPOSITION.get(mention.grain, "in")
    prefix = "around " if mention.approximate and mention.grain == "day" else ""
    return f"{lead} {prefix}{when}"
