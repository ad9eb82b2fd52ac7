"""Scores of ranked hits, worked out by hand, on turns, budgets and sessions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hexamem.evaluation.cases import Question
from hexamem.evaluation.retrieval import Hit
from hexamem.evaluation.scoring import scorable, session_scores, turn_scores

AT = datetime(2023, 6, 1, tzinfo=UTC)


def _question(evidence: tuple[str, ...], sessions: tuple[str, ...] = ()) -> Question:
    return Question("q", "h", "?", "a", "single-hop", AT, evidence, sessions)


def test_turn_scores_by_rank_and_budget() -> None:
    hits = [
        Hit("x" * 600, ("t9",), 1.0),
        Hit("y" * 1500, ("t1", "t2"), 0.9),
        Hit("z" * 100, ("t3",), 0.8),
    ]
    scores = turn_scores(hits, _question(("t1", "t3")), len)
    assert scores["any@1"] == 0.0 and scores["any@5"] == 1.0
    assert scores["all@1"] == 0.0 and scores["all@5"] == 1.0
    # in 1000 "tokens" (characters here): the first and third fit, the second does not
    assert scores["any@1000tok"] == 1.0 and scores["all@1000tok"] == 0.0
    assert scores["tokens@1000tok"] == 700.0
    assert scores["all@4000tok"] == 1.0
    # ranked turns t9, t1, t2, t3: gains at ranks 2 and 4
    ideal = 1 + 1 / 1.584962500721156
    assert scores["ndcg@5"] == pytest.approx(
        (1 / 1.584962500721156 + 1 / 2.321928094887362) / ideal
    )


def test_turns_outside_the_scored_set_are_ignored() -> None:
    hits = [Hit("a", ("assistant-turn",), 1.0), Hit("b", ("t1",), 0.5)]
    kept = turn_scores(hits, _question(("t1",)), len, keep=lambda s: s.startswith("t"))
    assert kept["ndcg@1"] == 1.0  # the assistant turn is not in the ranking at all


def test_session_scores() -> None:
    hits = [Hit("a", ("s1:0",), 1.0), Hit("b", ("s1:3",), 0.9), Hit("c", ("s2:1",), 0.8)]
    scores = session_scores(hits, _question(("s2:1",), ("s2",)), lambda t: t.split(":")[0])
    assert scores["session_any@1"] == 0.0 and scores["session_any@5"] == 1.0
    assert scores["session_ndcg@5"] == pytest.approx(1 / 1.584962500721156)


def test_abstentions_and_questions_without_evidence_are_not_scored() -> None:
    assert scorable(_question(("t1",)))
    assert not scorable(_question(()))
    assert not scorable(Question("q", "h", "?", "", "adversarial", AT, ("t1",), abstention=True))
