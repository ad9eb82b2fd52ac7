"""What a sentence does: asks, greets, asks the assistant for something, or tells; and its tense.

Only what is told becomes memory. A question is recognised by its mark or its
opening ("where did I ...", "is it normal ..."), small talk by being made of
small-talk words alone, a request by its opening ("can you ...", "please ...").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from hexamem.dates import Tense
from hexamem.llm.offline.language.lexicon import PAST_HINTS, REQUEST_OPENERS, SMALL_TALK
from hexamem.llm.offline.language.text import tokens

Kind = Literal["question", "small_talk", "request", "statement"]

_WH = r"what|where|when|who|whom|whose|which|why|how"
_AUX = r"is|are|was|were|do|does|did|can|could|will|would|should"
_QUESTION_OPENING = re.compile(
    rf"^\s*(?:(?:so|and|but|ok|okay|hey|also|um|hmm),?\s+)*(?:"
    rf"(?:{_WH})(?:'s|'re)\s+\w+"
    rf"|(?:{_WH})\s+(?!(?:i|we|you|he|she|it|they|the|a|my|our)\b)\w+"
    rf"|(?:{_AUX})\s+(?:i|you|we|he|she|it|they|there|my|your|the|this|that|anyone)\b"
    r"|do you know|any idea)",
    re.IGNORECASE,
)
"""'where do I ...', 'who plays ...', 'is it ...': not 'when it drops, I reset it'."""
_REQUEST = re.compile(
    r"^\s*(?:(?:ok|okay|so|and|also|yes|yeah|oh|hey),?\s+)*(?:"
    + "|".join(re.escape(opener) for opener in REQUEST_OPENERS)
    + r")\b",
    re.IGNORECASE,
)
_WH_ASKED = re.compile(rf"^\s*(?:{_WH})\b[^,.!]*\?\s*$", re.IGNORECASE)
_NAMEISH = re.compile(r"\b[A-Z][a-z]+\b")
_ASKS_YOU = re.compile(r"\b(?:can|could|would|will|do|did) you\b[^.!]*\?\s*$", re.IGNORECASE)
#: "<someone or something> <verb> ...": a statement, even with a question mark.
_DECLARATIVE = re.compile(
    r"^\s*(?:[\w,:]+\s+){0,3}?(?:i|i'm|im|we|he|she|it|they|my|our|his|her|[A-Z][a-z]+)\s+"
    r"(?:is|are|am|was|were|'s|'m|have|has|had|\w+ed|\w+s)\b",
    re.IGNORECASE,
)


def sentence_kind(sentence: str) -> Kind:
    """Question, small talk, request or statement.

    A question mark after a plain statement ("the basil is taking over??") is a
    tone of voice, not a question: it asks nothing of the memory.
    """
    text = sentence.strip()
    asks = _QUESTION_OPENING.match(text) is not None or _ASKS_YOU.search(text) is not None
    if asks or (text.endswith("?") and not _DECLARATIVE.match(text)) or _WH_ASKED.match(text):
        return "question"
    if _is_small_talk(text):
        return "small_talk"
    if _REQUEST.match(text):
        return "request"
    return "statement"


def _is_small_talk(text: str) -> bool:
    words = [t.lower for t in tokens(text) if any(c.isalnum() for c in t.text)]
    if not words:
        return True
    if any(any(c.isdigit() for c in w) for w in words):
        return False
    small = sum(w in SMALL_TALK for w in words)
    if small == len(words):
        return True
    # a one- or two-word exclamation in any language ("Salut!", "ciao ciao.") says nothing
    names = _NAMEISH.findall(text)
    return len(words) <= 2 and not (names and names[0] != text.split()[0].strip("!.,"))


_FUTURE = re.compile(
    r"\b(?:will|won't|shall|gonna|going to|about to|plan(?:ning)? to|intend to|hope to|"
    r"want to|tomorrow|next|soon|upcoming|later this|this coming)\b|'ll\b",
    re.IGNORECASE,
)
_PAST_WORDS = re.compile(
    r"\b(?:was|were|did|had|went|got|came|ago|yesterday|last|earlier|once)\b",
    re.IGNORECASE,
)
#: After these a participle is an adjective ("I'm scared", "she got married" is still past).
_BE = frozenset(
    "am is are 'm 's 're m s im be being been feel feeling so very really too quite and or".split()
)


@lru_cache(maxsize=4096)
def _past_form(word: str) -> bool:
    """A past-tense or participle form that is no present form of any verb it may be."""
    import lemminflect

    lower = word.lower()
    past = present = False
    for lemma in lemminflect.getAllLemmas(lower).get("VERB", ()):
        forms = lemminflect.getAllInflections(lemma, upos="VERB")
        past |= lower in set(forms.get("VBD", ())) | set(forms.get("VBN", ()))
        present |= lower in {lemma, *forms.get("VBZ", ()), *forms.get("VBP", ())}
    return past and not present


def tense(sentence: str) -> Tense:
    """Future for plans ('will', 'going to', 'next'), past for past verbs, else present.

    A plan in the present progressive ("I'm hosting a dinner saturday") reads as
    present; an undirected date in it still points ahead.
    """
    if _FUTURE.search(sentence) and not _PAST_WORDS.search(sentence):
        return "future"
    words = [t.text.lower() for t in tokens(sentence)]
    past = any(
        _past_form(word) and (n == 0 or words[n - 1] not in _BE)
        for n, word in enumerate(words)
        if word.isalpha()
    )
    return "past" if past or _PAST_WORDS.search(sentence) else "present"


def told_as_past(sentence: str) -> bool:
    """'I used to ...', 'no longer', 'not ... anymore': about how things were, not are."""
    lower = sentence.lower()
    return any(hint in lower for hint in PAST_HINTS)
