"""Every built-in prompt as a model receives it, compared with a committed snapshot.

Each role's prompt is filled by its own agent (the router, each writer, the
answer and chat agents) from the fixed example inputs below, on a scripted
model that records what it was sent. The system prompt and the user message
must equal `snapshots/<role>.txt`, so a change to a prompt file, or to what an
agent puts into it, fails here until the snapshot is rewritten and shows up in
review as a diff of that file. To rewrite every snapshot from the current
prompts (and drop those of roles that no longer exist), run

    HEXAMEM_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest -q tests/prompts

and commit the changed snapshots with the change that caused them.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

import hexamem.prompts
from hexamem.agents import run_answer, run_chat, run_router, run_writer
from hexamem.evaluation.cases import Turn
from hexamem.evaluation.judging import full_context_answer, judged
from hexamem.llm import ChatMessage
from hexamem.memory_types import (
    CoreBlock,
    Episode,
    EpisodicEvent,
    MemoryItem,
    MemoryType,
    Message,
    Payload,
    Procedure,
    Resource,
    SemanticFact,
    VaultEntry,
)
from hexamem.results import SearchResult
from tests.fakes.llm import ScriptedLLM

SNAPSHOTS = Path(__file__).parent / "snapshots"
PROMPTS = Path(hexamem.prompts.__file__).parent
UPDATE_VARIABLE = "HEXAMEM_UPDATE_SNAPSHOTS"

MARCH = datetime(2024, 3, 1, 10, tzinfo=UTC)
OBSERVED = datetime(2024, 6, 10, 9, tzinfo=UTC)
EPISODE = Episode(
    id="ep-7",
    user_id="alice",
    observed_at=OBSERVED,
    messages=(
        Message(id="m1", role="user", content="We moved to Berlin last week. Door code: 4711."),
        Message(id="m2", role="assistant", content="Congratulations on the move!"),
    ),
)
CONTEXT = (Message(id="c1", role="user", content="Hi, I'm Alice. I work as a nurse."),)
CORE = {"human": CoreBlock(label="human", value="Alice, a nurse")}
PAYLOADS: dict[MemoryType, Payload] = {
    MemoryType.CORE: CoreBlock(label="human", value="Alice, a nurse"),
    MemoryType.EPISODIC: EpisodicEvent(
        occurred_at=MARCH, actor="user", event_type="trip", summary="Alice visited Rome"
    ),
    MemoryType.SEMANTIC: SemanticFact(
        name="Alice",
        summary="Alice lives in Paris",
        subject="Alice",
        relation="lives_in",
        object="Paris",
    ),
    MemoryType.PROCEDURAL: Procedure(
        entry_type="guide", summary="Make tea", steps=["Boil water", "Steep 3 minutes"]
    ),
    MemoryType.RESOURCE: Resource(
        title="Lease", resource_type="document", summary="The Paris flat's lease"
    ),
    MemoryType.KNOWLEDGE_VAULT: VaultEntry(
        entry_type="door_code", sensitivity="high", caption="old door code", secret_value="1234"
    ),
}


def stored(memory_type: MemoryType) -> MemoryItem:
    """One memory of each type, as the stores would hand it to an agent."""
    payload = PAYLOADS[memory_type]
    return MemoryItem(
        id=f"mem_{memory_type.value}",
        user_id="alice",
        text=payload.index_text(),
        created_at=MARCH,
        updated_at=MARCH,
        valid_at=MARCH,
        payload=payload,
    )


RESULTS = [
    SearchResult(item=stored(MemoryType.SEMANTIC), score=0.9),
    SearchResult(item=stored(MemoryType.KNOWLEDGE_VAULT), score=0.5),
]


def route(llm: ScriptedLLM) -> None:
    llm.reply({"assignments": []})
    run_router(llm, episode=EPISODE, core=CORE, context=CONTEXT)


def write(memory_type: MemoryType) -> Callable[[ScriptedLLM], None]:
    def writer(llm: ScriptedLLM) -> None:
        llm.reply({"ops": []})
        item = stored(memory_type)
        run_writer(
            llm,
            memory_type=memory_type,
            episode=EPISODE,
            instruction="record the move",
            core=CORE,
            existing=[item],
            facts=[item] if memory_type is MemoryType.SEMANTIC else [],
            context=CONTEXT,
        )

    return writer


def answer(llm: ScriptedLLM) -> None:
    llm.reply({"answer": "In Paris.", "used": [1], "abstained": False})
    run_answer(llm, question="Where does Alice live?", results=RESULTS, asked_at=OBSERVED)


def chat(llm: ScriptedLLM) -> None:
    llm.reply({"reply": "You live in Paris.", "used": [1]})
    run_chat(
        llm,
        message="Where do I live now?",
        conversation=[ChatMessage("user", "I'm back"), ChatMessage("assistant", "Welcome back!")],
        core=CORE,
        results=RESULTS,
        asked_at=OBSERVED,
    )


def judge(llm: ScriptedLLM) -> None:
    llm.reply({"label": "CORRECT", "reason": "the same city"})
    judged(llm, "Where does Alice live?", "Paris", "She lives in Paris, France.")


def full_context(llm: ScriptedLLM) -> None:
    llm.reply({"answer": "In Paris."})
    turns = [
        Turn("D1:1", "s1", "user", "Alice", "I moved to Paris.", OBSERVED),
        Turn("D1:2", "s1", "assistant", "assistant", "Welcome to Paris!", OBSERVED),
    ]
    full_context_answer(llm, turns, "Where does Alice live?", OBSERVED, len)


#: How each built-in prompt is filled: by the agent that uses it.
FILLED_BY: dict[str, Callable[[ScriptedLLM], None]] = {
    "manager": route,
    **{t.value: write(t) for t in MemoryType},
    "answer": answer,
    "chat": chat,
    "judge": judge,
    "full_context": full_context,
}
ROLES = sorted(path.stem for path in PROMPTS.glob("*.md"))


@pytest.fixture(scope="module")
def update() -> bool:
    """Read before the per-test fixture that clears `HEXAMEM_*` from the environment."""
    return os.environ.get(UPDATE_VARIABLE) == "1"


def rendered(role: str) -> str:
    llm = ScriptedLLM()
    FILLED_BY[role](llm)
    [request] = llm.requests
    return f"## system\n{request.system}\n\n## user message\n{request.user}\n"


@pytest.mark.parametrize("role", ROLES)
def test_the_prompt_is_what_its_snapshot_says(role: str, update: bool) -> None:
    assert role in FILLED_BY, f"prompt {role}.md has no example inputs here: add them to FILLED_BY"
    snapshot = SNAPSHOTS / f"{role}.txt"
    now = rendered(role)
    if update:
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(now, encoding="utf-8")
        return
    assert snapshot.exists(), f"no snapshot of {role}: run with {UPDATE_VARIABLE}=1 to write it"
    before = snapshot.read_text(encoding="utf-8")
    if now != before:
        diff = difflib.unified_diff(
            before.splitlines(keepends=True),
            now.splitlines(keepends=True),
            fromfile=f"snapshots/{role}.txt",
            tofile=f"{role} as rendered now",
        )
        pytest.fail(
            f"the {role} prompt changed; if that is intended, run with {UPDATE_VARIABLE}=1 "
            f"and commit the snapshot:\n{''.join(diff)}",
            pytrace=False,
        )


def test_every_snapshot_belongs_to_a_prompt(update: bool) -> None:
    stale = sorted(p for p in SNAPSHOTS.glob("*.txt") if p.stem not in ROLES)
    if update:
        for path in stale:
            path.unlink()
        return
    assert not stale, f"snapshots of prompts that no longer exist: {[p.name for p in stale]}"
