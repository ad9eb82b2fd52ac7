"""The answer agent: answers from retrieved memories, names the ones it used, or abstains."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from hexamem.agents.requests import AnswerRequest
from hexamem.agents.schemas import AnswerReply
from hexamem.errors import ModelOutputError
from hexamem.llm import StructuredLLM
from hexamem.memory_types import CoreBlock
from hexamem.prompts import render
from hexamem.results import AnswerResult, SearchResult
from hexamem.retrieval.context import describe
from hexamem.retrieval.when import TimeWindow

DONT_KNOW = "I don't know."


def memory_lines(
    results: Sequence[SearchResult], asked_at: datetime, *, reveal_secrets: bool = False
) -> list[str]:
    """Retrieved memories as dated lines, each behind a small ref ([1], [2], ...)."""
    return [
        describe(r.item, now=asked_at, reveal_secrets=reveal_secrets).replace(
            f"[{r.item.id} v{r.item.version}]", f"[{n}]", 1
        )
        for n, r in enumerate(results, start=1)
    ]


def redacted_results(result: SearchResult) -> SearchResult:
    """The result with any secret value replaced by the marker."""
    return result.model_copy(update={"item": result.item.redacted()})


def used_ids(results: Sequence[SearchResult], refs: Sequence[int]) -> list[str]:
    """The ids behind the refs a model cited, in order; refs it invented are dropped."""
    return [results[n - 1].item.id for n in dict.fromkeys(refs) if 1 <= n <= len(results)]


def run_answer(
    llm: StructuredLLM,
    *,
    question: str,
    results: Sequence[SearchResult],
    asked_at: datetime,
    core: Mapping[str, CoreBlock] | None = None,
    window: TimeWindow | None = None,
    reveal_secrets: bool = False,
    overrides: Mapping[str, Path] | None = None,
) -> AnswerResult:
    if not results:
        return AnswerResult(answer=DONT_KNOW, abstained=True)
    request = AnswerRequest(
        question=question,
        asked_at=asked_at,
        results=tuple(results if reveal_secrets else (redacted_results(r) for r in results)),
        core=core or {},
        window=window,
        reveal_secrets=reveal_secrets,
    )
    prompt = render(
        "answer",
        {
            "asked_at": asked_at.isoformat(),
            "question": question,
            "memories": memory_lines(results, asked_at, reveal_secrets=reveal_secrets),
        },
        overrides=overrides,
    )
    try:
        reply = llm.ask("answer", prompt, AnswerReply, request)
    except ModelOutputError:
        return AnswerResult(answer=DONT_KNOW, abstained=True)
    abstained = reply.value.abstained or not reply.value.answer.strip()
    return AnswerResult(
        answer=DONT_KNOW if abstained else reply.value.answer.strip(),
        used_ids=[] if abstained else used_ids(results, reply.value.used),
        abstained=abstained,
        usage=reply.usage,
        latency_s=reply.latency_s,
    )
