"""One question's scores for one system: evidence recall by rank and by token budget.

LoCoMo is scored on turns (any and all evidence in the top k memories, or in what
fits a packed budget). LongMemEval is scored as its paper does, at turn level on
user turns and at session level: recall_any@k, recall_all@k and NDCG@k.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hexamem.evaluation.cases import Question
from hexamem.evaluation.metrics import deduplicated, ndcg, packed, recall_all, recall_any
from hexamem.evaluation.retrieval import Hit

KS = (1, 5, 10)
BUDGETS = (1000, 2000, 4000)
#: Memories fetched per question: enough to fill the largest budget.
DEPTH = 50


def scorable(question: Question) -> bool:
    """Questions with evidence to find; abstentions and evidence-less ones are skipped."""
    return bool(question.evidence) and not question.abstention


def turn_scores(
    hits: Sequence[Hit],
    question: Question,
    count: Callable[[str], int],
    keep: Callable[[str], bool] = lambda _: True,
) -> dict[str, float]:
    """any@k / all@k over the top k memories' source turns, and within each budget."""
    scores: dict[str, float] = {}
    evidence = question.evidence
    for k in KS:
        sources = [s for hit in hits[:k] for s in hit.sources if keep(s)]
        scores[f"any@{k}"] = recall_any(sources, evidence, len(sources))
        scores[f"all@{k}"] = recall_all(sources, evidence, len(sources))
    ranked = deduplicated([s for hit in hits for s in hit.sources if keep(s)])
    for k in KS:
        scores[f"ndcg@{k}"] = ndcg(ranked, evidence, k)
    memories = [(hit.text, [s for s in hit.sources if keep(s)]) for hit in hits]
    sizes = {text: count(text) for text, _ in memories}  # counted once for every budget
    for budget in BUDGETS:
        sources, used = packed(memories, budget, sizes.__getitem__)
        scores[f"any@{budget}tok"] = recall_any(sources, evidence, len(sources))
        scores[f"all@{budget}tok"] = recall_all(sources, evidence, len(sources))
        scores[f"tokens@{budget}tok"] = float(used)
    return scores


def session_scores(
    hits: Sequence[Hit], question: Question, session_of: Callable[[str], str]
) -> dict[str, float]:
    """recall_any@k, recall_all@k and NDCG@k over the sessions in rank order."""
    sessions = deduplicated([session_of(s) for hit in hits for s in hit.sources])
    wanted = question.evidence_sessions
    scores: dict[str, float] = {}
    for k in KS:
        scores[f"session_any@{k}"] = recall_any(sessions, wanted, k)
        scores[f"session_all@{k}"] = recall_all(sessions, wanted, k)
        scores[f"session_ndcg@{k}"] = ndcg(sessions, wanted, k)
    return scores
