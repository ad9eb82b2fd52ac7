"""Writing the answer from the evidence chosen: a fact said directly, an event quoted with its
day, a procedure as numbered steps, a link once, a secret never unless asked to reveal it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from hexamem.dates import day_text
from hexamem.llm.offline.answering.evidence import Evidence
from hexamem.llm.offline.answering.question import Question
from hexamem.llm.offline.answering.select import Scored
from hexamem.llm.offline.language import lemmas
from hexamem.llm.offline.steps import title_of
from hexamem.memory_types import REDACTED, Procedure, Resource, VaultEntry

REVEAL_HINT = (
    "It is kept in the knowledge vault and not shown in answers: it is shown only when "
    "asked for on purpose (/reveal in the chat, reveal_secrets=True in code)."
)
_SUBJECT_USER = re.compile(r"^User(?P<rest>'s\b|\s+\w+)")
_IRREGULAR = {"is": "are", "was": "were", "has": "have"}


def for_people(text: str) -> str:
    """A fact about 'User' (the user before their name was known) said to them: 'You live ...'."""
    found = _SUBJECT_USER.match(text)
    if found is None:
        return text
    rest = found.group("rest")
    if rest == "'s":
        return "Your" + text[found.end() :]
    verb = rest.strip()
    return f"You {_base(verb)}{text[found.end() :]}"


def _base(verb: str) -> str:
    """'lives' -> 'live', 'studies' -> 'study', 'watches' -> 'watch', 'is' -> 'are'."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("ches", "shes", "sses", "xes", "zes")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb


def fact_answer(evidence: Evidence) -> str:
    fact = evidence.fact
    assert fact is not None
    text = for_people(fact.summary)
    item = evidence.item
    if item.invalid_at is not None and item.start_known:
        text += f" (from {day_text(item.valid_at)} until {day_text(item.invalid_at)})"
    elif item.invalid_at is not None:  # told as past: over by the day it was told
        text += f" (before {day_text(item.invalid_at)})"
    elif item.valid_at_stated:
        text += f" (since {day_text(item.valid_at)})"
    return text + "."


def age_answer(evidence: Evidence, asked_at: datetime) -> str:
    """'How old is Ola?' from when she was born: her age on the day it is asked."""
    fact = evidence.fact
    assert fact is not None and fact.subject
    born = evidence.item.valid_at
    days = (asked_at - born).days
    if days < 60:
        return f"{fact.subject} is {days // 7} weeks old (born {day_text(born)})."
    if days < 730:
        return f"{fact.subject} is {days * 12 // 365} months old (born {born:%B %Y})."
    years = asked_at.year - born.year - ((asked_at.month, asked_at.day) < (born.month, born.day))
    about = "about " if born.month == 1 and born.day == 1 else ""
    return f"{fact.subject} is {about}{years} (born {fact.object})."


def quote(evidence: Evidence) -> str:
    """What was said, with the day it is about (or when it was said)."""
    text = evidence.text.strip().rstrip(".")
    day = day_text(evidence.when)
    if evidence.kind == "event":
        if _dated(evidence):
            return f'"{text}."'
        return f'On {day}: "{text}."'
    return f'You said on {day}: "{text}."'


def procedure_answer(question: Question, evidence: Evidence) -> str:
    procedure = evidence.item.payload
    assert isinstance(procedure, Procedure)
    steps = procedure.steps
    title = (title_of(procedure.summary) or procedure.summary).rstrip(".")
    if question.last_step:
        return f"The last step of {title} is step {len(steps)}: {steps[-1]}."
    if question.step is not None and 1 <= question.step <= len(steps):
        return f"Step {question.step} of {title}: {steps[question.step - 1]}."
    if not question.whole and question.kind != "how":
        best = _best_step(question, steps)
        if best is not None:
            return f"Step {best + 1} of {title}: {steps[best]}."
    numbered = "\n".join(f"{n}. {step}" for n, step in enumerate(steps, start=1))
    return f"{title[:1].upper()}{title[1:]}:\n{numbered}"


def _best_step(question: Question, steps: Sequence[str]) -> int | None:
    scores = []
    for index, step in enumerate(steps):
        words = {lemma for word in re.findall(r"[\w']+", step.lower()) for lemma in lemmas(word)}
        scores.append((sum(1 for asked in question.asked_lemmas if asked & words), -index))
    best = max(scores) if scores else (0, 0)
    return -best[1] if best[0] > 0 else None


def resource_answer(evidence: Evidence) -> str:
    resource = evidence.item.payload
    assert isinstance(resource, Resource)
    where = resource.uri or resource.title
    name = resource.title if resource.uri and resource.title != resource.uri else ""
    return f"{name[:1].upper()}{name[1:]}: {where}" if name else f"{where} ({resource.summary})"


def vault_answer(evidence: Evidence, reveal: bool) -> str:
    entry = evidence.item.payload
    assert isinstance(entry, VaultEntry)
    if reveal and entry.secret_value != REDACTED:
        return f"Your {entry.caption}: {entry.secret_value}"
    return f"Your {entry.caption} is stored. {REVEAL_HINT}"


def events_answer(ranked: Sequence[Scored], limit: int = 5) -> str:
    """What happened in a window: the events in it, oldest first."""
    events = sorted(
        {s.evidence.ref: s.evidence for s in ranked if s.evidence.kind == "event"}.values(),
        key=lambda e: e.when,
    )[:limit]
    return "\n".join(
        _capital(e.text.strip()) if _dated(e) else f"{day_text(e.when)}: {e.text.strip()}"
        for e in events
    )


def _dated(evidence: Evidence) -> bool:
    """Whether the text already names its day ("15 September 2023") or month."""
    shown = day_text(evidence.when).split(" ", 1)[1]
    return shown in evidence.text or f"{evidence.when:%B %Y}" in evidence.text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
