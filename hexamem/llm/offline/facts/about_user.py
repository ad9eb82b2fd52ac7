"""Facts the user tells about themself: job, employer, home, address, phone, diet, likes.

Every rule is a trigger in the words people use ("I work as", "we moved to",
"my address is") and a reader for what follows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from hexamem.llm.offline.facts.model import Fact, rule
from hexamem.llm.offline.facts.objects import (
    job_at,
    name_at,
    org_at,
    phone_in,
    place_at,
    thing_at,
    value_after,
)
from hexamem.llm.offline.language.lexicon import DIETS, HOMES, VEHICLES
from hexamem.llm.offline.people import USER
from hexamem.llm.offline.reading import Said

_I = r"(?:i|i'm|im|i am|i've|ive|we|we're|we are|we've|[A-Z][\w-]* and i)"
_ADV = r"(?:(?:now|just|finally|recently|still|currently|also|actually|really|basically)\s+)*"


_JOB = [
    rule(rf"\b(?:i'm|im|i am)\s+{_ADV}(?:an?\s+)(?P<rest>.+)"),
    rule(rf"\bi\s+{_ADV}work(?:ing)?\s+as\s+(?P<rest>.+)"),
    rule(r"^(?:i'm|im|i am)\s+[A-Z][\w-]*,\s+(?P<rest>.+)"),
    rule(r"^[A-Z][\w-]* here,\s+(?P<rest>.+)"),
    rule(r"\b(?:job|position|role)\s+as\s+(?P<rest>.+)"),
]
_TEACH = rule(
    r"\bi\s+(?:now\s+)?teach\s+(?P<what>(?:\w+\s+){0,3}?\w+)(?=\s+(?:in|at|to|for)\b|[,.!]|$)"
)
_INTRO_JOB = rule(r"^(?:an?\s+)?(?P<rest>(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:in|at|with|from)\s+[A-Z]")
_EMPLOYER = [
    rule(rf"\b{_I}\s+{_ADV}(?:work|am working|'m working)\s+(?:at|for|with)\s+(?P<rest>.+)"),
    rule(
        r"\b(?:got|took|started|accepted|landed|have|found|started at)\s+(?:a|an|my)?\s*"
        r"(?:new\s+|full-time\s+|part-time\s+|permanent\s+)*(?:job|position|role)"
        r"(?:\s+as\s+(?:an?\s+)?[\w\s-]+?)?\s+(?:at|with)\s+(?P<rest>.+)"
    ),
    rule(r"\bi\s+(?:just\s+)?joined\s+(?P<rest>[A-Z].+)"),
    rule(
        r"^(?:just\s+)?(?:started|began)\s+(?:work(?:ing)?\s+)?(?:at|with)\s+(?P<rest>(?-i:[A-Z]).+)"
    ),
    rule(
        r"\bi\s+(?:just\s+|recently\s+)?(?:started|began)\s+(?:work(?:ing)?\s+|a job\s+)?"
        r"(?:at|with)\s+(?P<rest>(?-i:[A-Z]).+)"
    ),
    rule(r"\b(?:i'm|im|i am)\s+(?:now\s+)?(?:at|with)\s+(?P<rest>(?-i:[A-Z]).+?)\s+now\b"),
    rule(
        rf"\bi\s+{_ADV}work(?:ing)?\s+as\s+(?:an?\s+)?(?P<job>[\w\s-]{{2,40}}?)\s+"
        r"(?:at|for|with)\s+(?P<rest>[A-Z].+)"
    ),
    rule(
        r"\b(?:i'm|im|i am)\s+(?:an?\s+)?(?P<job>[\w\s-]{2,40}?)\s+(?:at|with|for)\s+"
        r"(?P<rest>[A-Z].+)"
    ),
    rule(
        r"^(?:i'm|im|i am)\s+[A-Z][\w-]*,\s+(?P<job>[\w\s-]{2,40}?)\s+(?:at|with|for)\s+"
        r"(?P<rest>.+)"
    ),
]
_STARTED = rule(r"\b(?:got|took|started|began|accepted|landed|joined|found)\b")
_QUIT_JOB = rule(r"\bi\s+(?:quit|left|resigned from)\s+(?:my\s+job\s+at\s+)?(?P<rest>[A-Z].+)")
_HOME = [
    (
        rule(
            rf"\b{_I}\s+{_ADV}(?:live|living|'m living|am living|are living|reside)\s+in\s+"
            r"(?P<rest>.+)"
        ),
        False,
    ),
    (rule(r"(?:^|,\s*)living\s+in\s+(?P<rest>.+)"), False),
    (
        rule(
            rf"\b{_I}\s+{_ADV}(?:staying|'m staying|am staying|are staying|'re staying)\s+"
            r"(?:with\s+\w+\s+)?(?:in|at)\s+(?P<rest>(?-i:[A-Z]).+)"
        ),
        False,
    ),
    (
        rule(
            rf"\b{_I}\s+{_ADV}(?:moved|relocated|moving|are moving|'re moving)\s+"
            r"(?:back\s+)?to\s+(?P<rest>.+)"
        ),
        False,
    ),
    (
        rule(
            rf"\b{_I}\s+{_ADV}moved\s+(?:in\s*to|into)\s+(?:a|an|the|our|my)\s+(?:new\s+)?"
            rf"(?:{'|'.join(HOMES)})\s+in\s+(?P<rest>.+)"
        ),
        False,
    ),
    (rule(rf"\b(?:our|my)\s+(?:new\s+)?(?:{'|'.join(HOMES)})\s+in\s+(?P<rest>.+)"), False),
    (
        rule(
            r"\b(?:signed a lease (?:on|for)|rented|bought|found|got|are buying|'re buying)\s+"
            rf"(?:a|an|the|our|my)\s+(?:new\s+|little\s+|small\s+)?(?:{'|'.join(HOMES)})\s+in\s+"
            r"(?P<rest>.+)"
        ),
        False,
    ),
    (rule(rf"\b{_I}\s+(?:are|'re|am|'m)\s+(?:now\s+)?in\s+(?P<rest>.+?)\s+now\b"), False),
    (rule(r"(?:^|,\s*)(?:in|from)\s+(?P<rest>(?:a|the)\s+\w+\s+(?:outside|near)\s+.+)"), False),
    (rule(rf"\b{_I}\s+(?:used to live|lived)\s+in\s+(?P<rest>.+)"), True),
]
_MOVED = rule(r"\b(?:moved|moving|relocated|lease|rented|bought)\b")
_FROM = rule(r"\b(?:i'm|im|i am|originally)\s+(?:originally\s+)?from\s+(?P<rest>.+)")
_ADDRESS = rule(
    r"\b(?:(?:my|our)\s+(?:new\s+|home\s+|current\s+)*|^(?:the\s+)?new\s+)address\s+is\s+(?P<rest>.+)"
)
_PHONE = rule(
    r"\b(?:(?:my|our)\s+(?:new\s+)?(?:phone\s+|mobile\s+|cell\s+)?(?:number|cell|mobile|phone)"
    r"|(?:the\s+)?new\s+(?:phone\s+|mobile\s+)?number)\b"
)
_SOMEONE_ELSES = re.compile(r"\b(?:his|her|their|[A-Z][\w-]*['’]s)\b")
_EMAIL = rule(r"\bmy\s+(?:new\s+)?e-?mail(?:\s+address)?\s+is\s+(?P<rest>\S+@\S+)")
_LIKE = rule(
    r"\b(?P<i>i|we)\s+(?P<used>used to\s+)?(?:(?:really|also|still|just|actually|absolutely|"
    r"totally|kind of|kinda|weirdly|secretly|genuinely|do)\s+)*(?P<verb>love|loves|like|enjoy|"
    r"adore|prefer|hate|dislike|detest|can't stand|cannot stand|don't like|do not like|"
    r"don't mind)\s+(?=(?P<rest>.+))"  # the rest is looked at, not taken: "and I hate ..." next
)
_SAME_THING = rule(r"(?:it|them|that|those)\b")
_GROWING = rule(r"(?P<thing>[\w' -]{2,30}?)\s+is\s+(?:really\s+)?growing\s+on\s+me")
_FAVOURITE = rule(
    r"\bmy\s+favou?rite\s+(?P<topic>[\w ]{2,30}?)\s+(?:is|are)\s+(?P<rest>(?:(?!\bmy\b).)+)"
)
_DIET = rule(
    rf"(?:\b(?:i'm|im|i am|i've been|i have been|i was|i went|i became|i'm now|we're|we are)\s+"
    rf"|^(?:still|now|fully|mostly)\s+)(?:\w+\s+){{0,2}}?(?P<diet>{'|'.join(DIETS)})\b"
)
_NO_LONGER = rule(r"\b(?:no longer|not)\s+(?:a\s+)?(?P<diet>" + "|".join(DIETS) + r")\b")
_VEHICLE_WORDS = rule(r"\b(?:" + "|".join(VEHICLES) + r")s?\b")
_GOT_VEHICLE = [
    rule(
        r"\b(?:got|bought|have|drive|ride|own|picked up|leased|'ve got)\s+(?:a|an|my|the)\s+"
        r"(?:new\s+|used\s+)?(?P<rest>(?-i:[A-Z]).+)"
    ),
    rule(r"\bmy\s+(?:new\s+|old\s+)?(?P<rest>(?-i:[A-Z]).+)"),
]
_GAVE_UP_VEHICLE = rule(
    r"\b(?:traded in|sold|got rid of|scrapped|wrote off|crashed)\s+(?:the|my|our)\s+"
    r"(?:old\s+)?(?P<rest>(?-i:[A-Z]).+)"
)
_RIDE = rule(r"\bi\s+(ride|drive)\s+(?:a|an|my)\s+(?-i:[A-Z])")
_VEHICLE_TAIL = frozenset("hybrid electric estate convertible van truck pickup suv".split())
_ALLERGY = rule(r"\b(?:i'm|im|i am)\s+(?:\w+\s+)?allergic\s+to\s+(?P<rest>.+)")
_OWN_AGE = rule(
    r"\b(?:i'm|im|i am|i turned|i turn)\s+(?P<years>\d{1,2})(?:\s+years?\s+old)?"
    r"(?=\s*(?:[,.!?;]|$|and\b|now\b|today\b|this\b))"
)
_YEAR_OF = r"(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)[- ]year"
_STUDIES = [
    rule(
        rf"(?:^|,\s*|\b(?:i'm|im|i am)\s+(?:a\s+|in\s+(?:my\s+)?)?){_YEAR_OF}\s+"
        r"(?P<rest>[\w ]+?)(?:\s+student)?\s+(?:at|in)\s+(?-i:[A-Z])"
    ),
    rule(
        r"\bi(?:\s+|'m\s+|\s+am\s+)(?:now\s+)?(?:study|studying|read|reading|doing)\s+"
        r"(?P<rest>[\w ]+?)(?:\s+(?:at|in)\s+(?-i:[A-Z])|[,.!]|$)"
    ),
]


def about_user(said: Said, vehicle: str | None = None) -> Iterator[Fact]:
    """The facts in one sentence whose subject is the user; `vehicle` is the kind of vehicle
    the conversation is about, if any ("bike")."""
    text = said.clause
    yield from _jobs(said, text)
    yield from _homes(said, text)
    for pattern in (_ADDRESS, _EMAIL):
        if found := pattern.search(text):
            value = value_after(found.group("rest"))
            relation = "address" if pattern is _ADDRESS else "email"
            if value:
                yield _fact(said, relation, value)
    if phone := _PHONE.search(text):
        window = text[phone.end() : phone.end() + 40]
        number = phone_in(window)
        if number and not _SOMEONE_ELSES.search(window.split(number)[0]):
            yield _fact(said, "phone_number", number)
    if (origin := _FROM.search(text)) and (place := place_at(origin.group("rest"))):
        yield _fact(said, "from", place)
    yield from _tastes(said, text)
    yield from _vehicles(said, text, vehicle)
    if (allergy := _ALLERGY.search(text)) and (what := thing_at(allergy.group("rest"))):
        yield _fact(said, "allergic_to", what)
    for pattern in _STUDIES:
        if (found := pattern.search(text)) and (subject := thing_at(found.group("rest"), words=3)):
            yield _fact(said, "studies", subject)
            break
    if aged := _OWN_AGE.search(text):
        born_in = said.observed.year - int(aged.group("years"))
        yield Fact(USER, "born_on", str(born_in), said, start=datetime(born_in, 1, 1, tzinfo=UTC))


def _jobs(said: Said, text: str) -> Iterator[Fact]:
    for pattern in _JOB:
        if (found := pattern.search(text)) and (job := job_at(found.group("rest"))):
            yield _fact(said, "works_as", job)
            break
    else:
        if teach := _TEACH.search(text):
            yield _fact(said, "works_as", f"{teach.group('what')} teacher")
        elif (
            said.subject == USER
            and (intro := _INTRO_JOB.match(text))
            and (job := job_at(intro.group("rest")))  # "structural engineer in Porto"
        ):
            yield _fact(said, "works_as", job)
    for pattern in _EMPLOYER:
        found = pattern.search(text)
        if found and "job" in found.groupdict() and job_at(found.group("job")) is None:
            continue  # "I'm in my first year at Durham": a place of study, not an employer
        if found and (org := org_at(found.group("rest"))):
            changed = bool(_STARTED.search(found.group(0)))
            yield _fact(said, "works_at", org, dated=changed)
            break
    if (left := _QUIT_JOB.search(text)) and (org := org_at(left.group("rest"))):
        yield _fact(said, "works_at", org, ends=True)


def _homes(said: Said, text: str) -> Iterator[Fact]:
    for pattern, past in _HOME:
        if (found := pattern.search(text)) and (place := place_at(found.group("rest"))):
            moved = bool(_MOVED.search(found.group(0)))
            yield _fact(said, "lives_in", place, past=past or said.past, dated=moved)
            return


def _tastes(said: Said, text: str) -> Iterator[Fact]:
    """Likes and dislikes; "it" or "them" after one is the same thing ("used to hate
    olives, now I love them")."""
    last: str | None = None
    for found in _LIKE.finditer(text):
        thing = thing_at(found.group("rest"))
        if thing is None and last and _SAME_THING.match(found.group("rest")):
            thing = last
        if thing is None:
            continue
        last = thing
        verb = found.group("verb").lower()
        negative = verb in (
            "hate",
            "dislike",
            "detest",
            "can't stand",
            "cannot stand",
            "don't like",
            "do not like",
        )
        relation = "dislikes" if negative else "likes"
        word = {"hate": "hates", "love": "loves", "enjoy": "enjoys", "adore": "adores"}.get(
            verb, ""
        )
        yield _fact(said, relation, thing, word=word, past=bool(found.group("used")))
    if (growing := _GROWING.search(text)) and (thing := thing_at(growing.group("thing"))):
        yield _fact(said, "likes", thing)
    for favourite in _FAVOURITE.finditer(text):
        topic = re.sub(r"\W+", "_", favourite.group("topic").lower()).strip("_")
        if thing := thing_at(favourite.group("rest")):
            yield _fact(said, f"favourite_{topic}", thing)
    if (gone := _NO_LONGER.search(text)) is not None:
        yield _fact(said, "diet", gone.group("diet").lower(), ends=True)
    elif diet := _DIET.search(text):
        yield _fact(said, "diet", diet.group("diet").lower(), past=said.past)


def _vehicles(said: Said, text: str, topic: str | None) -> Iterator[Fact]:
    """'got a Skoda Octavia, the family car', 'a bigger car than my Fiesta', 'sold the Fiesta'.

    The vehicle word may be in the sentence or anywhere in the conversation (`topic`):
    "sold what was left of it and got a Trek" after talk of a bike.
    """
    named = _VEHICLE_WORDS.search(text)
    word = named.group(0).lower().rstrip("s") if named else topic
    if word is None and (riding := _RIDE.search(text)):
        word = "bike" if riding.group(1).lower() == "ride" else "car"  # "I ride a Canyon"
    if (gone := _GAVE_UP_VEHICLE.search(text)) and (what := _vehicle(gone.group("rest"))):
        yield _fact(said, "vehicle", what, word=word or "", ends=True)
    if word is None:
        return
    for pattern in _GOT_VEHICLE:
        for found in pattern.finditer(text):
            what = _vehicle(found.group("rest"))
            if what and not (gone and what in gone.group(0)):
                yield _fact(said, "vehicle", what, word=word, dated=pattern is _GOT_VEHICLE[0])
                return


def _vehicle(rest: str) -> str | None:
    name = name_at(rest)
    if name is None:
        return None
    after = rest[len(name) :].split()
    if after and after[0].strip(",.!").lower() in _VEHICLE_TAIL:
        name = f"{name} {after[0].strip(',.!')}"
    return name


def _fact(
    said: Said,
    relation: str,
    value: str,
    *,
    dated: bool = False,
    word: str = "",
    past: bool = False,
    ends: bool = False,
) -> Fact:
    """A fact about the user; `dated` when its trigger is a change whose date is the start."""
    start = next((m.start for m in said.dates if m.kind == "duration"), None)
    if start is None and dated and said.when is not None and not past:
        start = said.when.start
    return Fact(USER, relation, value, said, word=word, start=start, past=past, ends=ends)
