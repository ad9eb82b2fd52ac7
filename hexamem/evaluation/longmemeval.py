"""LongMemEval: one user's chat history per question, with the sessions and turns
that hold the answer (`has_answer`). Each question gets a memory of its own.

Turn ids are ``<session id>:<index>``. Evidence is scored on user turns, as the
benchmark's retrieval metrics are; `_abs` questions are abstentions.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from hexamem.errors import InvalidInput
from hexamem.evaluation.cases import Benchmark, Haystack, Question, Turn
from hexamem.evaluation.reading import field_of, parsed_date, records_in

DATE_FORMATS = ("%Y/%m/%d (%a) %H:%M", "%Y/%m/%d %H:%M", "%Y/%m/%d")


def load_longmemeval(path: Path) -> Benchmark:
    haystacks: dict[str, Haystack] = {}
    questions: list[Question] = []
    dropped: dict[str, int] = {}
    for where, record in records_in(path, "question"):
        qid = str(field_of(record, "question_id", str, where))
        sessions = field_of(record, "haystack_sessions", list, where)
        ids = field_of(record, "haystack_session_ids", list, where)
        dates = field_of(record, "haystack_dates", list, where)
        if not len(sessions) == len(ids) == len(dates):
            raise InvalidInput(f"{where}: haystack sessions, ids and dates differ in length")
        haystack = Haystack(
            qid,
            tuple(
                _session(str(sid), turns, parsed_date(str(date), DATE_FORMATS, where), where)
                for sid, turns, date in zip(ids, sessions, dates, strict=True)
            ),
        )
        haystacks[qid] = haystack
        answering = _answer_turns(sessions, ids)
        evidence = tuple(t.id for t in haystack.turns() if t.id in answering)
        if not evidence:
            reason = "no user turn holds the answer"
            dropped[reason] = dropped.get(reason, 0) + 1
        questions.append(
            Question(
                id=qid,
                haystack_id=qid,
                text=str(field_of(record, "question", str, where)),
                answer=str(record.get("answer", "")),
                category=str(field_of(record, "question_type", str, where)),
                asked_at=parsed_date(
                    str(field_of(record, "question_date", str, where)), DATE_FORMATS, where
                ),
                evidence=evidence,
                evidence_sessions=tuple(str(s) for s in record.get("answer_session_ids", [])),
                abstention=qid.endswith("_abs"),
            )
        )
    return Benchmark("longmemeval", haystacks, questions, dropped)


def _answer_turns(sessions: list[Any], ids: list[Any]) -> set[str]:
    return {
        f"{sid}:{index}"
        for sid, turns in zip(ids, sessions, strict=True)
        for index, turn in enumerate(turns)
        if isinstance(turn, dict) and turn.get("has_answer") and turn.get("role") == "user"
    }


def _session(session_id: str, turns: Any, at: Any, where: str) -> tuple[Turn, ...]:
    if not isinstance(turns, list):
        raise InvalidInput(f"{where}: session {session_id} is not a list of turns")
    kept = []
    for index, turn in enumerate(turns):
        role = str(field_of(turn, "role", str, where))
        if role not in ("user", "assistant"):
            raise InvalidInput(f"{where}: session {session_id} turn {index}: role {role!r}")
        text = str(field_of(turn, "content", str, where)).strip()
        if not text:
            continue
        kept.append(
            Turn(
                f"{session_id}:{index}", session_id, role, role, text, at + timedelta(seconds=index)
            )
        )
    return tuple(kept)
