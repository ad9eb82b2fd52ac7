"""Reading language without a model: sentences, words, lemmas, sentence kinds, tense."""

from hexamem.llm.offline.language.kinds import Kind, sentence_kind, tense, told_as_past
from hexamem.llm.offline.language.text import (
    Token,
    content_words,
    known_word,
    lemmas,
    sentences,
    tokens,
)

__all__ = [
    "Kind",
    "Token",
    "content_words",
    "known_word",
    "lemmas",
    "sentence_kind",
    "sentences",
    "tense",
    "told_as_past",
    "tokens",
]
