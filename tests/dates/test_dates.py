"""Dates people use, resolved against when they were said (table-driven, our own sentences)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hexamem.dates import find_dates, mention_text
from hexamem.retrieval.when import parse_window

# Wednesday 16 October 2024, mid-morning
SAID = datetime(2024, 10, 16, 10, 30, tzinfo=UTC)


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "tense", "start", "grain"),
    [
        ("we adopted her yesterday", "past", "2024-10-15", "day"),
        ("the day before yesterday", "past", "2024-10-14", "day"),
        ("the parcel comes tomorrow", "future", "2024-10-17", "day"),
        ("I saw it last night", "past", "2024-10-15", "day"),
        ("we met last Tuesday", "past", "2024-10-15", "day"),
        ("we met on Monday", "past", "2024-10-14", "day"),
        ("the party is on Saturday", "present", "2024-10-19", "day"),
        ("dinner is next Friday", "future", "2024-10-18", "day"),
        ("this friday works", "present", "2024-10-18", "day"),
        ("she moved in last weekend", "past", "2024-10-12", "weekend"),
        ("I started last week", "past", "2024-10-07", "week"),
        ("it closed last month", "past", "2024-09-01", "month"),
        ("we split two weeks ago", "past", "2024-09-30", "week"),
        ("three days ago it rained", "past", "2024-10-13", "day"),
        ("the results come in two weeks", "future", "2024-10-28", "week"),
        ("the first Monday of next month", "future", "2024-11-04", "day"),
        ("the last Friday of November", "future", "2024-11-29", "day"),
        ("it ships the second tuesday of january", "future", "2025-01-14", "day"),
        ("I paid on the 3rd", "past", "2024-10-03", "day"),
        ("rent is due on the 3rd", "future", "2024-11-03", "day"),
        ("we flew on 2 September", "past", "2024-09-02", "day"),
        ("we fly on March 4th", "future", "2025-03-04", "day"),
        ("born on 12 May 1990", "past", "1990-05-12", "day"),
        ("the lease ends in February", "present", "2025-02-01", "month"),
        ("I started in February", "past", "2024-02-01", "month"),
        ("in May 2023 we lived abroad", "past", "2023-05-01", "month"),
        ("back in 2019", "past", "2019-01-01", "year"),
        ("at the start of the month", "past", "2024-10-01", "part"),
        ("late August 2022", "past", "2022-08-21", "part"),
        ("last summer was hot", "past", "2024-06-01", "season"),
        ("the wedding is summer 2026", "future", "2026-06-01", "season"),
        ("on Christmas Eve", "past", "2023-12-24", "day"),
        ("over Easter we hiked", "past", "2024-03-31", "day"),
        ("2024-02-29 was a leap day", "past", "2024-02-29", "day"),
    ],
)
def test_when_things_happen(text: str, tense: str, start: str, grain: str) -> None:
    [found] = find_dates(text, SAID, tense=tense)  # type: ignore[arg-type]
    assert (found.start, found.grain) == (day(start), grain), found


@pytest.mark.parametrize(
    ("text", "kind", "start"),
    [
        ("the puppy is 5 weeks old", "age", "2024-09-11"),
        ("our son is two years old", "age", "2022-01-01"),
        ("I've been vegan for about 6 years", "duration", "2018-01-01"),
        ("we've been married 10 years", "duration", "2014-01-01"),
    ],
)
def test_ages_and_durations_say_when_something_began(text: str, kind: str, start: str) -> None:
    [found] = find_dates(text, SAID, tense="present")
    assert (found.kind, found.start) == (kind, day(start))


@pytest.mark.parametrize(
    "text",
    [
        "I may go to the gym",
        "they march on",
        "bath at 6:30 then bed",
        "the car has 120k miles",
        "the password is Otter!2024",
        "choir on tuesdays",
        "leaves fall in the park",
    ],
)
def test_words_that_only_look_like_dates(text: str) -> None:
    assert find_dates(text, SAID, tense="present") == []


def test_a_bare_day_follows_the_month_named_before_it() -> None:
    out, back = find_dates("flying out November 2, back on the 20th", SAID, tense="future")
    assert (out.start, back.start) == (day("2024-11-02"), day("2024-11-20"))


@pytest.mark.parametrize(
    ("text", "tense", "written"),
    [
        ("we met yesterday", "past", "on Tuesday 15 October 2024"),
        ("since last month", "past", "since September 2024"),
        ("about two weeks ago", "past", "in the week of 30 September 2024"),
        ("in May 2023", "past", "in May 2023"),
    ],
)
def test_resolved_dates_are_written_for_people(text: str, tense: str, written: str) -> None:
    [found] = find_dates(text, SAID, tense=tense)  # type: ignore[arg-type]
    assert mention_text(found) == written


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("What did I do last Tuesday?", "2024-10-15", "2024-10-16"),
        ("What happened on October 3?", "2024-10-03", "2024-10-04"),
        ("Where did I live in March 2023?", "2023-03-01", "2023-04-01"),
        ("What did I buy the day before yesterday?", "2024-10-14", "2024-10-15"),
        ("What have I read since September?", "2024-09-01", None),
        ("Who did I see before June 2024?", None, "2024-06-01"),
    ],
)
def test_questions_become_windows(question: str, start: str | None, end: str | None) -> None:
    window = parse_window(question, SAID)
    assert window is not None
    assert window.start == (day(start) if start else None)
    assert window.end == (day(end) if end else None)


def test_last_week_in_a_question_runs_on_to_the_question() -> None:
    window = parse_window("What did I do last week?", SAID)
    assert window is not None
    assert (window.start, window.end) == (day("2024-10-07"), SAID)
    later = parse_window("What did I do in the week of 9 September 2024?", SAID)
    assert later is not None and later.end == day("2024-09-16")
