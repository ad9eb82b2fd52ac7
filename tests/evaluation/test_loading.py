"""Both loaders on files in the benchmarks' formats, malformed evidence included."""

from __future__ import annotations

from pathlib import Path

import pytest

from hexamem.errors import InvalidInput
from hexamem.evaluation.locomo import evidence_ids, load_locomo
from hexamem.evaluation.longmemeval import load_longmemeval
from tests.evaluation.slices import locomo_file, longmemeval_file


def test_malformed_locomo_evidence_is_repaired() -> None:
    assert evidence_ids(["D8:6; D9:17"]) == ["D8:6", "D9:17"]
    assert evidence_ids(["D:11:26", "D30:05", "D30:5"]) == ["D11:26", "D30:5"]
    assert evidence_ids(["D", ""]) == []


def test_locomo_turns_questions_and_what_was_dropped(tmp_path: Path) -> None:
    bench = load_locomo(locomo_file(tmp_path / "l.json"))
    haystack = bench.haystacks["conv-t"]
    turns = list(haystack.turns())
    assert [t.id for t in turns] == ["D1:1", "D1:2", "D1:3", "D2:1", "D2:2"]
    assert turns[2].text == "Look at this [shares a photo of a red kayak on a lake]"
    assert turns[0].at.isoformat() == "2023-05-08T13:56:00+00:00" and turns[1].at > turns[0].at
    by_text = {q.text: q for q in bench.questions}
    assert by_text["Where did Ben's cello teacher move?"].evidence == ("D1:2", "D2:1")
    assert by_text["What did Pixel knock over?"].evidence == ("D2:2",)
    assert by_text["What did Pixel knock over?"].category == "temporal"
    adversarial = by_text["What did Ben say about painting?"]
    assert adversarial.abstention and adversarial.answer == "nothing"
    assert bench.dropped_evidence == {"no evidence given": 1, "evidence names no turn": 1}
    assert by_text["Where did Ben's cello teacher move?"].evidence_sessions == (
        "conv-t-s1",
        "conv-t-s2",
    )


def test_longmemeval_evidence_is_user_turns_and_abstentions_are_marked(tmp_path: Path) -> None:
    bench = load_longmemeval(longmemeval_file(tmp_path / "m.json"))
    first, abstain, assistant_only = bench.questions
    assert first.evidence == ("s-b:0",) and first.evidence_sessions == ("s-b",)
    assert first.asked_at.isoformat() == "2023-06-01T10:00:00+00:00"
    assert abstain.abstention and not first.abstention
    assert assistant_only.evidence == ()
    assert bench.dropped_evidence == {"no user turn holds the answer": 1}
    assert [t.role for t in bench.haystacks["q1"].turns()] == ["user", "assistant"] * 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe", "not UTF-8"),
        (b"{", "not JSON"),
        (b"{}", "expected a list"),
        (b'[{"sample_id": "x"}]', "missing 'conversation'"),
    ],
)
def test_a_bad_file_is_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match=message):
        load_locomo(path)
    with pytest.raises(InvalidInput, match="no such file"):
        load_longmemeval(tmp_path / "absent.json")
