"""Playing a scenario into a memory: replayed and live turns, probes on the simulated clock."""

from __future__ import annotations

from datetime import UTC, datetime

from hexamem import Memory
from hexamem.simulation import Scenario, run_scenario

STORY = {
    "name": "relocation",
    "user": "alice",
    "sessions": [
        {
            "id": "s1",
            "at": "2024-03-01T10:00:00",
            "turns": [
                {"user": "Hi, I'm Alice. I live in Paris."},
                {"assistant": "Nice to meet you, Alice!"},
                {"user": "The wifi password is sunflower42."},
            ],
        },
        {
            "id": "s2",
            "at": "2024-06-10T09:00:00",
            "turns": [{"user": "Big news: we moved to Berlin last week."}],
        },
    ],
    "probes": [
        {"after": "s1", "ask": "Where does Alice live?", "expect": ["Paris"]},
        {"ask": "Where does Alice live?", "expect": ["Berlin"], "reject": ["Paris"]},
        {"ask": "Where does Alice live?", "expect": ["Rome"], "reject": ["Berlin"]},
        {
            "memory": {
                "query": "wifi password",
                "type": "knowledge_vault",
                "expect": ["wifi"],
                "reject": ["sunflower42"],
            }
        },
    ],
}


def test_turns_become_episodes_at_their_times_with_replayed_or_live_replies(
    memory: Memory,
) -> None:
    seen: list[tuple[str, int, int]] = []
    report = run_scenario(memory, Scenario.model_validate(STORY), on_turn=lambda *a: seen.append(a))
    first, second = report.sessions
    assert [e.live for e in first.exchanges] == [False, True]
    assert first.exchanges[0].assistant == ["Nice to meet you, Alice!"]
    live_reply = first.exchanges[1].assistant[0]
    assert "vault" in live_reply and "sunflower42" not in live_reply
    episodes = memory._c.records.episodes("alice")
    assert [e.observed_at for e in episodes] == [
        datetime(2024, 3, 1, 10, 1, tzinfo=UTC),  # when its last message was said
        datetime(2024, 3, 1, 10, 2, tzinfo=UTC),
        datetime(2024, 6, 10, 9, 0, tzinfo=UTC),
    ]
    assert [m.role for m in episodes[0].messages] == ["user", "assistant"]
    assert episodes[1].messages[1].content == live_reply
    assert seen == [("s1", 2, 4), ("s1", 3, 4), ("s2", 4, 4)]
    assert second.op_counts()["semantic"]["ADD"] == 1
    assert report.totals.turns == 4 and report.totals.live_replies == 2
    assert report.totals.llm_calls == len(memory.usage()) > 0


def test_probes_run_after_their_session_and_say_why_they_failed(memory: Memory) -> None:
    report = run_scenario(memory, Scenario.model_validate(STORY))
    early, now, wrong, vault = report.probes
    assert early.after == "s1" and early.passed and "Paris" in early.answer
    assert early.asked_at == datetime(2024, 3, 1, 10, 3, tzinfo=UTC)  # a minute after s1 ended
    assert now.passed and "Berlin" in now.answer
    assert not wrong.passed and wrong.missing == ["Rome"] and wrong.unexpected == ["Berlin"]
    assert vault.kind == "memory" and vault.passed and "sunflower42" not in vault.answer
    assert not report.passed
    assert (report.totals.probes_passed, report.totals.probes_failed) == (3, 1)


def test_a_probe_can_ask_as_of_an_earlier_moment_and_for_another_user(memory: Memory) -> None:
    story = {
        **STORY,
        "probes": [
            {
                "ask": "Where did Alice live in April 2024?",
                "as_of": "2024-06-11T00:00:00",
                "expect": ["Paris"],
            },
            {"user": "bob", "ask": "Where does Alice live?", "reject": ["Berlin", "Paris"]},
        ],
    }
    report = run_scenario(memory, Scenario.model_validate(story))
    assert [p.passed for p in report.probes] == [True, True]
    assert report.probes[1].user == "bob"


SCRIPTED = {
    "name": "scripted",
    "user": "alice",
    "sessions": [
        {
            "id": "s1",
            "at": "2024-03-01T10:00:00",
            "turns": [
                {"user": "Hi, I'm Alice. I live in Paris."},
                {"assistant": "Nice to meet you, Alice!"},
                {"user": "I work as a nurse."},
                {"assistant": "Noted."},
                {"user": "What do you know about me?"},
                {"user": "I adopted a cat called Miso.", "at": "2024-03-01T11:00:00"},
                {"assistant": "Lovely!"},
            ],
        }
    ],
    "probes": [{"ask": "Where does Alice live?", "expect": ["Paris"]}],
}


def test_scripted_turns_since_the_last_live_reply_are_one_add_with_their_own_times(
    memory: Memory,
) -> None:
    report = run_scenario(memory, Scenario.model_validate(SCRIPTED))
    before, stretch = memory._c.records.episodes("alice")
    at = [m.at for m in before.messages]
    assert [m.content for m in before.messages][::2] == [
        "Hi, I'm Alice. I live in Paris.",
        "I work as a nurse.",
    ]
    assert at == [datetime(2024, 3, 1, 10, m, tzinfo=UTC) for m in range(4)]
    assert before.observed_at == datetime(2024, 3, 1, 10, 3, tzinfo=UTC)
    assert [m.role for m in stretch.messages] == ["user", "assistant", "user", "assistant"]
    assert stretch.messages[2].at == datetime(2024, 3, 1, 11, 0, tzinfo=UTC)
    exchanges = report.sessions[0].exchanges
    assert [e.live for e in exchanges] == [False, False, True, False]
    assert exchanges[0].ops == [] and exchanges[1].ops  # saved just before the live reply
    assert any(op.memory_type.value == "semantic" for op in exchanges[1].ops)
    assert report.passed


def test_per_exchange_ingests_each_exchange_on_its_own(memory: Memory) -> None:
    report = run_scenario(memory, Scenario.model_validate(SCRIPTED), per_exchange=True)
    episodes = memory._c.records.episodes("alice")
    assert [len(e.messages) for e in episodes] == [2, 2, 2, 2]
    assert report.sessions[0].exchanges[0].ops  # the intro's own ops
    assert report.passed
