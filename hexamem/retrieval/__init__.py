"""Retrieval: hybrid search (vectors, BM25, graph hops) fused by rank, time windows, context."""

from hexamem.retrieval.context import pack_context
from hexamem.retrieval.fusion import reciprocal_rank_fusion
from hexamem.retrieval.search import HybridSearch
from hexamem.retrieval.when import TimeWindow, parse_window, question_tense

__all__ = [
    "HybridSearch",
    "TimeWindow",
    "pack_context",
    "parse_window",
    "question_tense",
    "reciprocal_rank_fusion",
]
