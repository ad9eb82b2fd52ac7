"""Small benchmark files written here, in each benchmark's own format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def locomo_file(path: Path) -> Path:
    turns_1 = [
        {"speaker": "Ana", "dia_id": "D1:1", "text": "I adopted a grey cat named Pixel."},
        {"speaker": "Ben", "dia_id": "D1:2", "text": "Lovely! I started learning the cello."},
        {
            "speaker": "Ana",
            "dia_id": "D1:3",
            "text": "Look at this",
            "blip_caption": "a photo of a red kayak on a lake",
        },
    ]
    turns_2 = [
        {"speaker": "Ben", "dia_id": "D2:1", "text": "My cello teacher moved to Lisbon."},
        {"speaker": "Ana", "dia_id": "D2:2", "text": "Pixel knocked over my coffee today."},
    ]
    qa: list[dict[str, Any]] = [
        {
            "question": "What is the name of Ana's cat?",
            "answer": "Pixel",
            "evidence": ["D1:1"],
            "category": 4,
        },
        {
            "question": "Where did Ben's cello teacher move?",
            "answer": "Lisbon",
            "evidence": ["D1:2; D2:1"],
            "category": 1,
        },
        {
            "question": "What boat does Ana have?",
            "answer": "a kayak",
            "evidence": ["D:1:3"],
            "category": 4,
        },
        {
            "question": "What did Pixel knock over?",
            "answer": "coffee",
            "evidence": ["D02:02"],
            "category": 2,
        },
        {
            "question": "What did Ben say about painting?",
            "adversarial_answer": "nothing",
            "evidence": ["D1:2"],
            "category": 5,
        },
        {"question": "No evidence at all?", "answer": "none", "evidence": [], "category": 4},
        {
            "question": "Evidence naming no turn?",
            "answer": "x",
            "evidence": ["D9:9"],
            "category": 3,
        },
    ]
    record = {
        "sample_id": "conv-t",
        "conversation": {
            "speaker_a": "Ana",
            "speaker_b": "Ben",
            "session_1_date_time": "1:56 pm on 8 May, 2023",
            "session_1": turns_1,
            "session_2_date_time": "10:00 am on 25 May, 2023",
            "session_2": turns_2,
        },
        "qa": qa,
    }
    path.write_text(json.dumps([record]))
    return path


def longmemeval_file(path: Path) -> Path:
    def session(*pairs: tuple[str, str, bool]) -> list[dict[str, Any]]:
        return [{"role": r, "content": c, "has_answer": h} for r, c, h in pairs]

    record = {
        "question_id": "q1",
        "question_type": "single-session-user",
        "question": "What breed is my dog?",
        "answer": "a beagle",
        "question_date": "2023/06/01 (Thu) 10:00",
        "haystack_session_ids": ["s-a", "s-b"],
        "haystack_dates": ["2023/05/01 (Mon) 09:00", "2023/05/20 (Sat) 02:21"],
        "haystack_sessions": [
            session(
                ("user", "Any tips for a rainy hike?", False),
                ("assistant", "Waterproof boots help.", False),
            ),
            session(
                ("user", "My beagle Rex loves long walks.", True),
                ("assistant", "Beagles do love walks, your dog sounds happy.", True),
            ),
        ],
        "answer_session_ids": ["s-b"],
    }
    abstain = dict(record, question_id="q2_abs", question="What breed is my cat?")
    assistant_only = dict(
        record,
        question_id="q3",
        question_type="single-session-assistant",
        haystack_sessions=[
            session(("user", "Hi", False), ("assistant", "Try the blue trail.", True)),
            session(("user", "Thanks", False)),
        ],
    )
    path.write_text(json.dumps([record, abstain, assistant_only]))
    return path
