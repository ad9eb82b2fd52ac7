"""Hostile input, generated: whatever a caller passes, the answer is a stored write or
one `HexamemError`, never another exception, a half-written batch, or a stuck memory."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hexamem import HexamemError, Memory
from tests.fuzz.scale import fuzzed

#: Any code point, lone surrogates and NUL included.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
IDS = st.one_of(ANY_TEXT, st.none(), st.integers(), st.just(""), st.just("x" * 300))
ZONES = st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-14))])
TIMES = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31), timezones=ZONES),
    st.datetimes(),  # naive
    ANY_TEXT,
)
MESSAGES = st.one_of(
    ANY_TEXT,
    st.lists(
        st.fixed_dictionaries(
            {"role": st.sampled_from(["user", "assistant", "robot", ""]), "content": ANY_TEXT},
            optional={"id": IDS, "name": IDS},
        ),
        max_size=4,
    ),
    st.integers(),
)


def pending(memory: Memory) -> int:
    with memory._c.db.reading() as conn:
        return int(
            conn.execute("SELECT count(*) FROM batches WHERE status = 'pending'").fetchone()[0]
        )


def still_works(memory: Memory) -> None:
    """The same memory takes a plain write and reads every stored user back."""
    at = datetime(2024, 1, 1, tzinfo=UTC)
    memory.add("plain words", user_id="ana", timestamp=at, infer=False)
    for user in memory.users():
        memory.list(user, include_expired=True)  # every stored value validates on read


@fuzzed(120)
@given(messages=MESSAGES, user=IDS, session=IDS, when=TIMES)
def test_add_stores_or_refuses_cleanly(memory: Memory, messages, user, session, when) -> None:
    with contextlib.suppress(HexamemError):
        memory.add(messages, user_id=user, session_id=session, timestamp=when, infer=False)
    assert pending(memory) == 0
    still_works(memory)


@fuzzed(80)
@given(query=ANY_TEXT, user=IDS, when=TIMES, k=st.one_of(st.integers(-5, 500), st.none()))
def test_reads_answer_or_refuse_cleanly(memory: Memory, query, user, when, k) -> None:
    for read in (
        lambda: memory.search(query, user_id=user, k=k, as_of=when),
        lambda: memory.answer(query, user_id=user, reference_time=when),
        lambda: memory.timeline(query, user_id=user),
        lambda: memory.context(query, user_id=user),
    ):
        with contextlib.suppress(HexamemError):
            read()


@pytest.mark.parametrize("text", ["\ud800", "a\x00b", "\udfff" * 3])
def test_unencodable_text_is_a_caller_error(memory: Memory, text: str) -> None:
    with pytest.raises(HexamemError):
        memory.add(text, user_id="ana", infer=False)
