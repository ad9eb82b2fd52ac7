"""The scenario file format: defaults, times, and a clear error for every malformed file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from hexamem import InvalidInput
from hexamem.simulation import ScenarioError, load_scenario

BASIC = """
name: relocation
user: alice
sessions:
  - at: 2024-03-01T10:00:00          # unquoted: YAML reads a naive datetime
    turns:
      - user: "Hi, I'm Alice."
      - assistant: "Hello!"
      - user: "I live in Paris."
        at: "2024-03-01T12:30:00+02:00"
      - user: "Bye."
  - turns:
      - user: "Back again."
  - id: late
    at: "2024-06-10T09:00:00Z"
    user: bob
    turns:
      - user: "I'm Bob."
probes:
  - after: s1
    ask: "Where does Alice live?"
    expect: ["Paris"]
  - memory: {query: "Alice's city", type: semantic, reject: ["Rome"]}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_defaults_fill_ids_users_and_a_clock_a_minute_per_turn(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, BASIC))
    first, second, late = scenario.sessions
    assert [s.id for s in scenario.sessions] == ["s1", "s2", "late"]
    assert [s.user for s in scenario.sessions] == ["alice", "alice", "bob"]
    assert [t.at for t in first.turns] == [
        at(2024, 3, 1, 10, 0),
        at(2024, 3, 1, 10, 1),
        at(2024, 3, 1, 10, 30),  # its own time, in UTC, and the clock goes on from it
        at(2024, 3, 1, 10, 31),
    ]
    assert second.at == at(2024, 3, 2, 10, 31)  # a day after the last turn before it
    assert late.turns[0].at == at(2024, 6, 10, 9, 0)
    assert [p.after for p in scenario.probes] == ["s1", "late"]
    assert scenario.probes[1].user == "alice" and scenario.ended("s1") == first.turns[-1].at


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\nuser: a\nsessions: []\n", "sessions"),
        ("name: x\nuser: a\nsessions:\n  - turns:\n      - user: hi\n", "first session needs"),
        (
            "name: x\nuser: a\nsessions:\n  - at: 2024-01-01T00:00:00\n    turns:\n"
            "      - {user: hi, assistant: hey}\n",
            "either `user` or `assistant`",
        ),
        (
            "name: x\nuser: a\nsessions:\n  - at: 2024-01-01T00:00:00\n    turns:\n"
            "      - {usr: hi}\n",
            "usr",
        ),
        (
            "name: x\nuser: a\nsessions:\n  - at: 2024-01-01T00:00:00\n    turns: [{user: hi}]\n"
            "probes:\n  - ask: where\n",
            "could never fail",
        ),
        (
            "name: x\nuser: a\nsessions:\n  - at: 2024-01-01T00:00:00\n    turns: [{user: hi}]\n"
            "probes:\n  - {after: s9, ask: where, expect: [x]}\n",
            "no such session",
        ),
        (
            "name: x\nuser: a\nsessions:\n  - at: 2024-01-01T00:00:00\n    turns: [{user: hi}]\n"
            "probes:\n  - {ask: where, memory: {query: q, expect: [x]}, expect: [x]}\n",
            "either `ask` or `memory`",
        ),
        (
            "name: x\nuser: a\nsessions:\n  - at: 2024-02-01T00:00:00\n    turns: [{user: hi}]\n"
            "  - at: 2024-01-01T00:00:00\n    turns: [{user: hi}]\n",
            "starts before",
        ),
        (
            "name: x\nuser: a\nsessions:\n  - at: yesterday\n    turns: [{user: hi}]\n",
            "sessions.0.at",
        ),
        ("name: x\nuser: a\nsessions:\n  - at: [\n", "not valid YAML"),
        ("- just a list\n", "a scenario is a mapping"),
    ],
)
def test_a_malformed_file_names_itself_and_the_problem(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError, match=message) as raised:
        load_scenario(path)
    assert str(path) in str(raised.value)
    assert isinstance(raised.value, InvalidInput)


def test_a_missing_file_is_a_scenario_error(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="cannot be read"):
        load_scenario(tmp_path / "nope.yaml")


def test_a_turn_that_goes_back_in_time_is_refused(tmp_path: Path) -> None:
    text = (
        "name: x\nuser: a\nsessions:\n  - at: 2024-01-01T10:00:00\n    turns:\n"
        "      - user: hi\n      - {user: earlier, at: 2024-01-01T09:00:00}\n"
    )
    with pytest.raises(ScenarioError, match="goes back in time"):
        load_scenario(write(tmp_path, text))
