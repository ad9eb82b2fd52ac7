"""What an episodic event gives the indexes: its account, led by a named actor."""

from __future__ import annotations

from datetime import UTC, datetime

from hexamem.memory_types import EpisodicEvent

AT = datetime(2023, 5, 8, tzinfo=UTC)


def _event(actor: str, summary: str) -> EpisodicEvent:
    return EpisodicEvent(occurred_at=AT, actor=actor, event_type="message", summary=summary)


def test_a_named_speaker_leads_the_indexed_text() -> None:
    assert _event("Caroline", "I went to a support group").index_text() == (
        "Caroline: I went to a support group"
    )


def test_roles_and_names_already_in_the_account_are_not_repeated() -> None:
    assert _event("user", "I moved to Oslo").index_text() == "I moved to Oslo"
    assert _event("assistant", "Try the blue trail").index_text() == "Try the blue trail"
    assert _event("Sam", "Sam ran a marathon").index_text() == "Sam ran a marathon"
