"""Answers graded by a model, and the full-context baseline: what an eval can only do
with a real model configured (the offline engine runs neither, and the eval says so).

Both ask through the memory's own model seam under the `answer` role: the judge
is the model that answers, as in the published LoCoMo and LongMemEval set-ups
where one chat model answers and grades. The full-context baseline hands the
model the whole transcript instead of retrieved memories, newest lines kept
when it does not fit `budget` tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hexamem.evaluation.cases import Turn
from hexamem.llm import StructuredLLM
from hexamem.prompts.render import render

#: Most transcript tokens the full-context baseline sends (LoCoMo fits whole; a
#: LongMemEval S haystack, about 115k tokens, keeps its newest lines).
CONTEXT_BUDGET = 100_000


class Verdict(BaseModel):
    """The judge's label for one answer."""

    model_config = ConfigDict(extra="forbid")

    label: Literal["CORRECT", "WRONG"] = Field(description="CORRECT or WRONG.")
    reason: str = Field(description="One short sentence: why.")


class ContextAnswer(BaseModel):
    """The full-context baseline's answer."""

    model_config = ConfigDict(extra="forbid")

    answer: str = Field(description="The answer, brief and direct.")


def judged(llm: StructuredLLM, question: str, reference: str, prediction: str) -> bool:
    """Whether the model grades `prediction` CORRECT against `reference`."""
    prompt = render(
        "judge", {"question": question, "reference": reference, "prediction": prediction}
    )
    return llm.ask("answer", prompt, Verdict).value.label == "CORRECT"


def full_context_answer(
    llm: StructuredLLM,
    turns: Sequence[Turn],
    question: str,
    asked_at: datetime,
    count_tokens: Callable[[str], int],
    budget: int = CONTEXT_BUDGET,
) -> tuple[str, int]:
    """The model's answer from the transcript, and the transcript tokens it was sent."""
    lines = transcript(turns, count_tokens, budget)
    prompt = render(
        "full_context",
        {"asked_at": asked_at.isoformat(), "question": question, "transcript": lines},
    )
    answer = llm.ask("answer", prompt, ContextAnswer).value.answer
    return answer, sum(count_tokens(line) for line in lines)


def transcript(turns: Sequence[Turn], count_tokens: Callable[[str], int], budget: int) -> list[str]:
    """One line per turn, oldest first, cut from the oldest end to fit `budget`."""
    kept: list[str] = []
    used = 0
    for turn in reversed(turns):
        line = f"[{turn.at:%Y-%m-%d %H:%M}] {turn.speaker}: {turn.text}"
        cost = count_tokens(line)
        if used + cost > budget:
            break
        kept.append(line)
        used += cost
    return kept[::-1]
