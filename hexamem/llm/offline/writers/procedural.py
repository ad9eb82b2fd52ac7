"""Procedural writer: procedures taught, continued over several messages, revised and corrected.

Lists are read message by message. A list that starts at step 1 is a new
procedure, or a new version of the one with the same title. A list that starts
later continues the procedure taught earlier in the episode, or else the stored
one that has just the steps before it. "step 5 is X now, not Y" changes one step;
"X now, not Y" without a number changes the step that says Y.
"""

from __future__ import annotations

import re

from hexamem.agents.schemas import ProposedOp
from hexamem.entities import normalize_name
from hexamem.llm.offline.language import sentences
from hexamem.llm.offline.secrets import masked
from hexamem.llm.offline.steps import Steps, named_title, revision_in, steps_in, title_of
from hexamem.llm.offline.writers.job import Job
from hexamem.memory_types import MemoryItem, Message, Procedure


def procedural(job: Job) -> list[ProposedOp]:
    ops = job.forgets(Procedure)
    taught: ProposedOp | None = None  # the list this episode teaches, grown message by message
    users = [m for m in job.request.episode.messages if m.role == "user"]
    for n, message in enumerate(users):
        found = steps_in(masked(message.content, job.secrets))
        if found is None:
            continue
        if taught is not None and found.first == len(_steps_of(job, taught)) + 1:
            taught = _continued(job, taught, found)
            continue
        if taught is not None:
            ops.append(taught)
        taught = _taught(job, found, [*job.request.context, *users[:n]])
    if taught is not None:
        ops.append(taught)
    return ops + _revisions(job)


def _steps_of(job: Job, op: ProposedOp) -> list[str]:
    if "steps" in op.payload:
        return list(op.payload["steps"])
    assert op.ref is not None  # a REASSERT of a stored procedure
    stored = job.request.existing[op.ref - 1].payload
    return list(stored.steps) if isinstance(stored, Procedure) else []


def _continued(job: Job, op: ProposedOp, found: Steps) -> ProposedOp:
    """`op` with the next message's steps after its own."""
    steps = [*_steps_of(job, op), *found.steps]
    kind = "UPDATE" if op.kind == "REASSERT" else op.kind
    return op.model_copy(
        update={"kind": kind, "payload": {**op.payload, "steps": steps}, "reason": op.reason}
    )


def _procedures(job: Job) -> list[tuple[MemoryItem, Procedure]]:
    """Current procedures, the most recently changed first."""
    items = [(i, i.payload) for i in job.live() if isinstance(i.payload, Procedure)]
    return sorted(items, key=lambda pair: pair[0].updated_at, reverse=True)


def _taught(job: Job, found: Steps, earlier: list[Message]) -> ProposedOp | None:
    steps = list(found.steps)
    if found.first > 1:
        for item, procedure in _procedures(job):
            if len(procedure.steps) == found.first - 1:
                return job.update(
                    item,
                    {"steps": [*procedure.steps, *steps]},
                    f"steps {found.first} to {found.first + len(steps) - 1} continue it",
                )
        return None  # "step 3: ..." with no steps 1 and 2 to follow
    intro = found.intro
    if found.title is None and (named := _named_before(earlier)) is not None:
        intro = named
    title = found.title or (title_of(intro) if intro else None) or steps[0][:80]
    for item, procedure in _procedures(job):
        stored = title_of(procedure.summary) or procedure.summary
        if normalize_name(stored) == normalize_name(title):
            if procedure.steps == steps:
                return ProposedOp(kind="REASSERT", ref=job.ref(item), reason="the same steps again")
            return job.update(item, {"steps": steps}, "the steps changed")
    summary = masked(intro, job.secrets) if intro else title
    return ProposedOp(
        kind="ADD",
        reason="steps were given",
        payload={"entry_type": "guide", "summary": summary, "steps": steps},
    )


def _named_before(earlier: list[Message]) -> str | None:
    """The last thing said before the list that names a procedure ("here's our checklist")."""
    for message in reversed(earlier):
        if message.role != "user":
            continue
        for sentence in reversed(sentences(message.content)):
            if named_title(sentence) is not None and steps_in(sentence) is None:
                return sentence.strip()
    return None


def _revisions(job: Job) -> list[ProposedOp]:
    """One step changed: by number ('step 2 is ...'), or the step that says the old value."""
    ops: list[ProposedOp] = []
    for said in job.reading.told():
        revision = revision_in(said.text)
        old = revision.old if revision else None
        new = revision.new if revision else None
        if revision is None:
            correction = next((c for c in job.corrections if c.said == said), None)
            if correction is None:
                continue
            old, new = correction.old, correction.new
        for item, procedure in _procedures(job):
            steps = list(procedure.steps)
            index = revision.step - 1 if revision else None
            if index is None:
                index = next(
                    (n for n, s in enumerate(steps) if old and old.lower() in s.lower()), None
                )
            if index is None or index >= len(steps):
                continue
            if old and old.lower() in steps[index].lower():
                steps[index] = re.sub(re.escape(old), new or "", steps[index], flags=re.IGNORECASE)
            elif revision is not None and not old:
                steps[index] = revision.new
            else:
                continue
            ops.append(
                job.update(
                    item, {"steps": steps}, f"step {index + 1} revised: {job.text_of(said)[:100]}"
                )
            )
            break
    return ops
