"""Semantic writer: facts as graph edges (with supersession), and notes for the rest.

The same current fact again is a REASSERT; a new value of a one-value relation
supersedes the old one (the latest word wins); "we broke up" closes the
partner fact; what is told as past is stored closed; a correction replaces the
wrong value; a request to forget purges what it names. A statement that holds
no fact but says something about the user's life is kept as a note.
"""

from __future__ import annotations

from hexamem.agents.schemas import ProposedOp
from hexamem.entities import normalize_name
from hexamem.llm.offline.facts import OPPOSITE, Fact, summary
from hexamem.llm.offline.language import content_words
from hexamem.llm.offline.people import USER
from hexamem.llm.offline.reading import Said
from hexamem.llm.offline.writers.events import is_event
from hexamem.llm.offline.writers.job import Job
from hexamem.memory_types import MemoryItem, SemanticFact

#: A note needs this many content words: "smells like rain" is not worth keeping alone.
NOTE_WORDS = 3


def semantic(job: Job) -> list[ProposedOp]:
    ops = _forget(job)
    gone = {op.ref for op in ops}
    for fact in job.facts:
        ops.extend(_fact_ops(job, fact, gone))
    ops.extend(_corrections(job, gone))
    ops.extend(_notes(job))
    return ops


def _stored(job: Job, gone: set[int | None]) -> list[tuple[MemoryItem, SemanticFact]]:
    """Current stored facts (graph edges) the writer may act on."""
    return [
        (item, item.payload)
        for item in job.live()
        if job.ref(item) not in gone
        and isinstance(item.payload, SemanticFact)
        and item.payload.is_fact
    ]


def _fact_ops(job: Job, fact: Fact, gone: set[int | None]) -> list[ProposedOp]:
    who = job.who(fact.subject)
    about = [(i, p) for i, p in _stored(job, gone) if job.same_subject(p.subject, fact.subject)]
    same_relation = [(i, p) for i, p in about if p.relation == fact.relation]
    same = [
        i for i, p in same_relation if normalize_name(p.object or "") == normalize_name(fact.object)
    ]
    if fact.ends:
        targets = same or ([i for i, _ in same_relation] if fact.single or not fact.object else [])
        when = fact.said.when
        return [
            ProposedOp(
                kind="DELETE",
                ref=job.ref(item),
                valid_at=when.start.isoformat() if when else None,
                reason=f"no longer true: {job.text_of(fact.said)[:120]}",
            )
            for item in targets
        ]
    if same and not fact.past:
        return [ProposedOp(kind="REASSERT", ref=job.ref(same[0]), reason="said again")]
    if not fact.object:
        return []
    supersedes: list[int] = []
    if not fact.past:
        if fact.single:
            supersedes = [job.ref(i) for i, _ in same_relation if i not in same]
        opposite = OPPOSITE.get(fact.relation)
        supersedes += [
            job.ref(i)
            for i, p in about
            if opposite
            and p.relation == opposite
            and normalize_name(p.object or "") == normalize_name(fact.object)
        ]
    observed = job.request.episode.observed_at
    return [
        ProposedOp(
            kind="ADD",
            payload={
                "name": who,
                "summary": summary(fact, who),
                "details": job.text_of(fact.said),
                "subject": who,
                "relation": fact.relation,
                "object": fact.object,
                "source": "user",
            },
            supersedes=supersedes,
            valid_at=fact.start.isoformat() if fact.start else None,
            invalid_at=observed.isoformat() if fact.past else None,
            reason="stated" if not fact.past else "told as past",
        )
    ]


def _corrections(job: Job, gone: set[int | None]) -> list[ProposedOp]:
    ops: list[ProposedOp] = []
    for correction in job.corrections:
        for item in job.live():
            payload = item.payload
            if not isinstance(payload, SemanticFact) or job.ref(item) in gone:
                continue
            if correction.old.lower() not in item.text.lower():
                continue
            if (
                payload.is_fact
                and payload.object
                and correction.old.lower() in payload.object.lower()
            ):
                value = _replace(payload.object, correction.old, correction.new)
                ops.append(
                    ProposedOp(
                        kind="ADD",
                        payload={
                            **payload.model_dump(exclude={"type"}),
                            "object": value,
                            "summary": _replace(payload.summary, correction.old, correction.new),
                        },
                        supersedes=[job.ref(item)],
                        reason=f"corrected: {correction.new}, not {correction.old}",
                    )
                )
            elif not payload.is_fact and correction.explicit:
                ops.append(
                    job.update(
                        item,
                        {"summary": _replace(payload.summary, correction.old, correction.new)},
                        f"corrected: {correction.new}, not {correction.old}",
                    )
                )
    return ops


def _replace(text: str, old: str, new: str) -> str:
    import re

    return re.sub(re.escape(old), new, text, flags=re.IGNORECASE)


def _says_more(said: Said, facts: list[Fact]) -> bool:
    """Whether a sentence holds more than the facts found in it ("my daughter Ana is 7 and
    loves swimming" is a fact and a note; "I live in Leeds" is only a fact)."""
    told = [f for f in facts if f.said == said]
    if not told:
        return True
    covered = {w for f in told for w in content_words(f"{f.object} {f.word} {f.relation}")}
    extra = [w for w in content_words(said.text) if w not in covered]
    return len(extra) >= NOTE_WORDS


def _notes(job: Job) -> list[ProposedOp]:
    """What the user says of their life that is no event and more than its facts: a note."""
    known = {
        normalize_name(i.payload.summary) for i in job.live() if isinstance(i.payload, SemanticFact)
    }
    ops = []
    for said in job.reading.told():
        if is_event(said) or len(content_words(said.text)) < NOTE_WORDS:
            continue
        if not _says_more(said, job.facts):
            continue
        if any(secret.value in said.text for secret in job.secrets):
            continue  # the vault keeps it; a note would say nothing but "[kept in the vault]"
        if job.kept_elsewhere(said) or any(c.said == said for c in job.corrections):
            continue
        text = job.text_of(said)
        if normalize_name(text) in known:
            continue
        known.add(normalize_name(text))
        who = job.who(said.subject if said.subject not in (None, USER) else USER)
        ops.append(
            ProposedOp(
                kind="ADD",
                payload={"name": who, "summary": text, "source": "user"},
                reason="a note about the user's life",
            )
        )
    return ops


def _forget(job: Job) -> list[ProposedOp]:
    if not job.forgettings:
        return []
    return job.forgets(SemanticFact, by_value=True)
