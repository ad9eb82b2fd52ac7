"""Retrieval: hybrid search with reciprocal rank fusion over the record-store filter."""

from hexamem.retrieval.fusion import reciprocal_rank_fusion
from hexamem.retrieval.results import SearchResult
from hexamem.retrieval.search import HybridSearch

__all__ = ["HybridSearch", "SearchResult", "reciprocal_rank_fusion"]
