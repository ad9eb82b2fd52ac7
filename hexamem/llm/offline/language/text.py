"""Text into sentences and words, and words into lemmas.

spaCy's blank English pipeline does the tokenizing (contractions, "Mrs.",
URLs, emoji) and a rule sentencizer the splitting; no statistical model is
loaded. lemminflect's lookup tables give every lemma a word can have, so
"lent", "lending" and "lend" meet without a part-of-speech tagger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from hexamem.llm.offline.language.lexicon import SLANG, STOP

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=1)
def _pipeline() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    space: bool

    @property
    def lower(self) -> str:
        return self.text.lower()


_CONTINUES = re.compile(r"^(?:but|and|so|or|because|cause|cuz|plus|though)\b", re.IGNORECASE)
_HAS_SUBJECT = re.compile(r"\b(?:i|we|he|she|they|it|you)\b", re.IGNORECASE)
#: "The Okafors, a couple from Accra ...": a name and what it is, no verb of its own.
_APPOSITION = re.compile(r"^(?:The\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*,\s+(?:a|an|the)\s+")
_FRAGMENT = re.compile(
    r"^(?:in|at|on|under|near|with|from|to|by|for|outside|inside|behind|like)\s+\S",
    re.IGNORECASE,
)


def sentences(text: str) -> list[str]:
    """Sentences as people write them: 'BUT only ...' or 'in Porto.' joins the one before."""
    doc = _pipeline()(text)
    found: list[str] = []
    for sentence in doc.sents:
        piece = sentence.text.strip()
        if not piece:
            continue
        fragment = (_FRAGMENT.match(piece) or _APPOSITION.match(piece)) and not _HAS_SUBJECT.search(
            piece
        )
        if found and (_CONTINUES.match(piece) or fragment):
            found[-1] = f"{found[-1]} {piece}"
        else:
            found.append(piece)
    return found


def tokens(text: str) -> list[Token]:
    doc = _pipeline().make_doc(text)
    return [Token(t.text, t.idx, t.idx + len(t.text), bool(t.whitespace_)) for t in doc]


_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=20_000)
def lemmas(word: str) -> frozenset[str]:
    """Every lemma `word` can have, and the word itself, lower case ('lives': life, live)."""
    import lemminflect

    lower = word.lower().strip("'’")
    found = {lemma for options in lemminflect.getAllLemmas(lower).values() for lemma in options}
    return frozenset({lower, *found})


def known_word(word: str) -> bool:
    """Whether `word` is an English word in the lemma tables (names mostly are not)."""
    import lemminflect

    lower = word.lower()
    return bool(lemminflect.getAllLemmas(lower)) or lower in STOP or lower in SLANG


def content_words(text: str) -> list[str]:
    """The words of `text` that carry meaning, lower case, in order."""
    found = (_POSSESSIVE.sub("", w.lower()) for w in _WORD.findall(text))
    return [w for w in found if w not in STOP and not w.isdigit() and len(w) > 1]
