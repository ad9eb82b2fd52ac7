"""Lexical index: BM25 with SQLite FTS5."""

from hexamem.stores.lexical.fts5 import LexicalIndex, match_expression, query_words

__all__ = ["LexicalIndex", "match_expression", "query_words"]
