"""Reading the object of a fact from the words after its trigger: a name, a place, a job ...

Each reader takes the text that follows a trigger ("my sister ", "moved to ")
and returns the phrase it names, or None when what follows is not one.
"""

from __future__ import annotations

import re

from hexamem.llm.offline.language import known_word
from hexamem.llm.offline.language.lexicon import JOB_MODIFIERS, OCCUPATIONS
from hexamem.llm.offline.people import CALENDAR_WORDS

_CAP = r"(?:(?:Mr|Mrs|Ms|Dr|St)\.?\s+)?[A-ZÀ-ÖØ-Þ][\w'’&.]*(?:-[\wÀ-ÿ]+)*"
_NAME = re.compile(rf"^{_CAP}(?:\s+(?:{_CAP}|de|van|von|da|del|la|le))*")
_LOWER_NAME = re.compile(r"^[a-zà-ÿ][a-zà-ÿ'-]{1,20}\b")
_PLACE = re.compile(
    rf"^(?:the\s+)?{_CAP}(?:(?:\s+|\s+(?:of|de|la|upon|am|im)\s+){_CAP}|\s+\d{{1,3}}\b)*"
    rf"(?:(?:,\s*|\s+in\s+){_CAP}(?:\s+{_CAP})*)?"
)
_AREA = re.compile(
    rf"^(?:a|the)\s+(?:\w+\s+)?(?:village|town|city|suburb|part|neighbourhood|neighborhood|"
    rf"area)\s+(?:just\s+)?(?:outside|near|of|in|north of|south of|east of|west of)\s+{_CAP}"
    rf"(?:\s+{_CAP})*"
)
_CALENDAR_TAIL = re.compile(
    r"(?:,?\s+(?:in|on|since|from|until|by)\s+|,\s*)(?:the\s+)?(?:"
    + "|".join(CALENDAR_WORDS)
    + r")\b.*$",
    re.IGNORECASE,
)
_STOP_WORDS = frozenset(
    "and but so because since which who whom where when while with for from now today "
    "yesterday tomorrow last this next these currently lately nowadays anymore though "
    "although if or than then too at by on in to of".split()
)
#: A full stop after the last word ends the sentence, unless the word is "St." or "Dr.".
_LAST_DOT = re.compile(r"(?<!\bSt)(?<!\bDr)(?<!\bMt)\.$")
_TRAILING = re.compile(r"[\s,;:!?.)\"']+$")
_TIME_TAIL = re.compile(
    r"\s+(?:now|these days|nowadays|at the moment|anymore|any more|again|too|as well|"
    r"obviously|lol|haha|btw|fr|tbh)$",
    re.IGNORECASE,
)


def name_at(rest: str, *, lower_ok: bool = False) -> str | None:
    """A person's name at the start of `rest` ('Maya', 'Anne-Marie Roy', 'Mrs. Lee')."""
    text = rest.lstrip(" ,:")
    found = _NAME.match(text)
    if found:
        words = found.group(0).split()
        while words and words[-1].lower() in _STOP_WORDS:
            words.pop()
        name = " ".join(
            w.rstrip(".,") if not w.endswith(("Mr.", "Mrs.", "Dr.", "Ms.", "St.")) else w
            for w in words
        )
        name = re.sub(r"['’]s$", "", name)
        return name or None
    if lower_ok and (typed := _LOWER_NAME.match(text)) and not known_word(typed.group(0)):
        return typed.group(0).capitalize()  # "my friend noor": a name typed in lower case
    return None


_TITLE = re.compile(rf"^(?:The\s+)?{_CAP}(?:\s+(?:(?:&|and|of|the|de|on)\s+)?{_CAP})*", re.UNICODE)


def title_at(rest: str) -> str | None:
    """The name of a thing or a venture: 'Crumb & Co', 'The Salty Dog', 'Sea Breeze'."""
    found = _TITLE.match(rest.lstrip(" ,:'\""))
    if not found:
        return None
    return _LAST_DOT.sub("", found.group(0)).rstrip("'’,") or None


def place_at(rest: str) -> str | None:
    """A place: 'Clapham', 'the Marais in Paris', 'Ikeja, Lagos State', 'a village outside X'."""
    text = _CALENDAR_TAIL.sub("", rest.lstrip(" ,:"))
    if area := _AREA.match(text):
        return area.group(0)
    found = _PLACE.match(text)
    if not found:
        return None
    place = found.group(0)
    words = place.replace(",", " ,").split()
    while words and (words[-1].lower() in _STOP_WORDS or words[-1] == ","):
        words.pop()
    place = _LAST_DOT.sub("", " ".join(words).replace(" ,", ","))
    return place if place and not place.lower().startswith(("i ", "i'")) else None


def org_at(rest: str) -> str | None:
    """An employer or institution: 'Acme', 'the Royal Mail', 'St Thomas Hospital'."""
    place = place_at(rest)
    if place is None:
        return None
    return re.split(r",\s*|\s+in\s+(?=[A-Z])", place)[0]


def job_at(rest: str) -> str | None:
    """A job title ending in an occupation word: 'UX researcher', 'freelance translator'."""
    words = re.findall(r"[\w'-]+|[,.;:!?()]", rest)
    if words and words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    title: list[str] = []
    for word in words[:5]:
        lower = word.lower()
        if not word[0].isalnum():
            break
        title.append(word)
        if lower in OCCUPATIONS or lower.rstrip("s") in OCCUPATIONS:
            while title and title[0].lower() in ("a", "an", "the", "my"):
                title.pop(0)
            return " ".join(title)
        if lower in _STOP_WORDS and lower not in JOB_MODIFIERS:
            break
    return None


def thing_at(rest: str, *, words: int = 4) -> str | None:
    """A short noun phrase: 'olives', 'dark chocolate', 'shellfish' (up to `words` words)."""
    text = rest.lstrip(" ,:'\"")
    kept: list[str] = []
    open_ended = text.split()[:1] in (["anything"], ["everything"], ["something"])
    for word in re.findall(r"[\w’-]+(?:'[a-z]+)?|[^\w\s]", text):
        stop = word.lower() in _STOP_WORDS and kept and not (open_ended and word.lower() == "with")
        if not (word[0].isalnum() or word[0] in "’") or stop:
            break
        if word.lower() in ("a", "an", "the", "my", "some", "any") and not kept:
            continue
        kept.append(word)
        if len(kept) == words:
            break
    thing = _TIME_TAIL.sub("", " ".join(kept)).strip()
    if not thing or thing.lower() in ("it", "that", "this", "them", "there", "everything"):
        return None
    return None if open_ended and len(kept) == 1 else thing


PHONE = re.compile(r"(?<![\w-])\+?\(?\d[\d ().-]{5,18}\d(?![\w-])")


def phone_in(text: str) -> str | None:
    """A phone number in `text` ('346-555-0192', '412 55 873', '+44 20 7946 0958')."""
    for found in PHONE.finditer(text):
        digits = re.sub(r"\D", "", found.group(0))
        if 7 <= len(digits) <= 15 and not re.fullmatch(r"(?:19|20)\d{2}", digits):
            return found.group(0).strip()
    return None


def value_after(rest: str) -> str:
    """Everything up to the end of the sentence: an address, an email."""
    return _TRAILING.sub("", rest.strip()).strip()
