"""Benchmark text: real conversation sentences and real questions from the shared data.

Reads LoCoMo and LongMemEval from ``../shared/data`` (or ``HEXAMEM_BENCH_DATA``)
without copying them. Memories in hexamem are short, so turns are split into
sentences of 5 to 60 words; duplicates are dropped.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def data_dir() -> Path:
    explicit = os.environ.get("HEXAMEM_BENCH_DATA")
    path = Path(explicit) if explicit else Path(__file__).resolve().parents[2] / "shared" / "data"
    if not (path / "locomo-dev.json").exists():
        raise SystemExit(f"benchmark data not found in {path}; set HEXAMEM_BENCH_DATA")
    return path


@dataclass
class Corpus:
    path: Path

    @cached_property
    def _locomo(self) -> list[dict]:
        return json.loads((self.path / "locomo-dev.json").read_text())

    @cached_property
    def _longmemeval(self) -> list[dict]:
        return json.loads((self.path / "longmemeval_s_cleaned-dev.json").read_text())

    def short_turns(self) -> list[str]:
        """LoCoMo turns: short chat lines, the 'short sentences' of the embedding target."""
        return [
            turn["text"]
            for conversation in self._locomo
            for key, session in conversation["conversation"].items()
            if key.startswith("session_") and isinstance(session, list)
            for turn in session
            if turn.get("text")
        ]

    def sentences(self, limit: int) -> list[str]:
        """Up to `limit` distinct sentences from both data sets, in a fixed order."""
        seen: dict[str, None] = {}
        turns = self.short_turns() + [
            turn["content"]
            for question in self._longmemeval
            for session in question["haystack_sessions"]
            for turn in session
        ]
        for turn in turns:
            for sentence in _SENTENCE.split(turn):
                words = sentence.split()
                if 5 <= len(words) <= 60:
                    seen.setdefault(" ".join(words), None)
                    if len(seen) >= limit:
                        return list(seen)
        return list(seen)

    def questions(self) -> list[str]:
        """Real benchmark questions, used as search queries."""
        asked = [q["question"] for q in self._longmemeval]
        asked += [qa["question"] for conversation in self._locomo for qa in conversation["qa"]]
        return asked
