"""LoCoMo: long two-person conversations, questions with the turns that answer them.

Both speakers are stored under one memory (the conversation), each turn with its
speaker's name; a shared photo's caption is kept with its turn, as the benchmark's
own baselines do. Evidence ids are normalised ("D8:6; D9:17", "D:11:26", "D30:05");
ids that name no turn are dropped and the questions left with none are counted.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from hexamem.errors import InvalidInput
from hexamem.evaluation.cases import Benchmark, Haystack, Question, Turn
from hexamem.evaluation.reading import field_of, parsed_date, records_in

CATEGORIES = {1: "multi-hop", 2: "temporal", 3: "open-domain", 4: "single-hop", 5: "adversarial"}
#: Categories that have an answer to find; adversarial questions are reported apart.
ANSWERABLE = ("multi-hop", "temporal", "open-domain", "single-hop")
DATE_FORMATS = ("%I:%M %p on %d %B, %Y", "%I:%M %p on %d %b, %Y")
_EVIDENCE = re.compile(r"D:?(\d+):(\d+)")


def load_locomo(path: Path) -> Benchmark:
    haystacks: dict[str, Haystack] = {}
    questions: list[Question] = []
    dropped: dict[str, int] = {}
    for where, record in records_in(path, "conversation"):
        sample = str(field_of(record, "sample_id", str, where))
        haystack = _haystack(sample, field_of(record, "conversation", dict, where), where)
        haystacks[sample] = haystack
        known = {t.id for t in haystack.turns()}
        asked_at = max(t.at for t in haystack.turns()) + timedelta(days=1)
        for index, qa in enumerate(field_of(record, "qa", list, where)):
            question = _question(qa, f"{sample}-q{index}", sample, asked_at, known, dropped, where)
            questions.append(question)
    return Benchmark("locomo", haystacks, questions, dropped)


def evidence_ids(raw: list[Any]) -> list[str]:
    """Evidence entries as turn ids, malformed ones repaired, in order, once each."""
    found: list[str] = []
    for entry in raw:
        for session, turn in _EVIDENCE.findall(str(entry)):
            turn_id = f"D{int(session)}:{int(turn)}"
            if turn_id not in found:
                found.append(turn_id)
    return found


def _haystack(sample: str, conversation: dict[str, Any], where: str) -> Haystack:
    sessions = []
    number = 1
    while f"session_{number}" in conversation:
        key = f"session_{number}"
        at = parsed_date(
            str(field_of(conversation, f"{key}_date_time", str, where)), DATE_FORMATS, where
        )
        turns = field_of(conversation, key, list, where)
        sessions.append(
            tuple(_turn(t, f"{sample}-s{number}", at, i, where) for i, t in enumerate(turns))
        )
        number += 1
    if not sessions:
        raise InvalidInput(f"{where}: no session_1")
    return Haystack(sample, tuple(sessions))


def _turn(record: Any, session_id: str, at: Any, index: int, where: str) -> Turn:
    text = str(field_of(record, "text", str, where))
    caption = record.get("blip_caption")
    if isinstance(caption, str) and caption.strip():
        text = f"{text} [shares {caption.strip()}]"
    return Turn(
        id=str(field_of(record, "dia_id", str, where)),
        session_id=session_id,
        role="user",
        speaker=str(field_of(record, "speaker", str, where)),
        text=text,
        at=at + timedelta(seconds=index),  # one session, one time; turns keep their order
    )


def _question(
    qa: Any,
    question_id: str,
    sample: str,
    asked_at: Any,
    known: set[str],
    dropped: dict[str, int],
    where: str,
) -> Question:
    category = CATEGORIES.get(field_of(qa, "category", int, where), "other")
    raw = qa.get("evidence") or []
    evidence = tuple(e for e in evidence_ids(raw if isinstance(raw, list) else [raw]) if e in known)
    if not evidence:
        reason = "no evidence given" if not raw else "evidence names no turn"
        dropped[reason] = dropped.get(reason, 0) + 1
    answer = qa.get("answer", qa.get("adversarial_answer", ""))
    return Question(
        id=question_id,
        haystack_id=sample,
        text=str(field_of(qa, "question", str, where)),
        answer=str(answer),
        category=category,
        asked_at=asked_at,
        evidence=evidence,
        evidence_sessions=tuple(sorted({f"{sample}-s{e[1:].split(':')[0]}" for e in evidence})),
        abstention=category == "adversarial",
    )
