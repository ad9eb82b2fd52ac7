"""Retrieval: hybrid search (vectors, BM25, graph hops) fused by rank, time windows, context.

`HybridSearch` lives in `hexamem.retrieval.search` and is imported from there, when a
memory opens: it needs the stores and numpy, which a bare `import hexamem` does not.
"""

from hexamem.retrieval.context import pack_context
from hexamem.retrieval.fusion import reciprocal_rank_fusion
from hexamem.retrieval.when import TimeWindow, parse_window, question_tense

__all__ = [
    "TimeWindow",
    "pack_context",
    "parse_window",
    "question_tense",
    "reciprocal_rank_fusion",
]
