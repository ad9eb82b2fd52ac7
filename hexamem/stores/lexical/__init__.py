"""Lexical index: BM25 with SQLite FTS5, or `tsvector` ranking on PostgreSQL."""

from hexamem.stores.lexical.base import KeywordIndex
from hexamem.stores.lexical.fts5 import LexicalIndex, match_expression, query_words

__all__ = ["KeywordIndex", "LexicalIndex", "match_expression", "query_words"]
