"""Quickstart: two users, three dated sessions each, then searches across time.

Runs on the embedded defaults (offline MiniLM embeddings, embedded Chroma, SQLite)
in a fresh temporary directory, or in the directory given as the first argument.
Memories are written through the public API: raw episodes with ``infer=False``,
typed ops with ``apply``, and ``update`` / ``delete`` as things change.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime

from rich.console import Console
from rich.table import Table

from demo.conversation import SESSIONS
from hexamem import (
    Add,
    CoreBlock,
    EpisodicEvent,
    Memory,
    Procedure,
    Resource,
    SearchResult,
    SemanticFact,
    VaultEntry,
)

console = Console(width=None if Console().is_terminal else 110)


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def fact(summary: str, relation: str, obj: str) -> SemanticFact:
    """A fact about Alice that is also an edge of the knowledge graph."""
    return SemanticFact(
        name="Alice", summary=summary, subject="Alice", relation=relation, object=obj
    )


def alice_sessions(memory: Memory) -> None:
    s1 = day("2024-03-01T10:00")
    memory.add(
        [
            {"role": "user", "content": "Hi, I'm Alice. I live in Paris and work as a nurse."},
            {"role": "assistant", "content": "Nice to meet you, Alice!"},
        ],
        user_id="alice",
        session_id="a1",
        timestamp=s1,
        infer=False,
    )
    home, job, _ = memory.apply(
        [
            Add(id="alice-home", payload=fact("Alice lives in Paris", "lives_in", "Paris")),
            Add(payload=fact("Alice works as a nurse", "works_as", "nurse")),
            Add(payload=CoreBlock(label="human", value="Alice, a nurse living in Paris.")),
        ],
        user_id="alice",
        timestamp=s1,
    ).ids

    s2 = day("2024-06-10T09:00")
    memory.add(
        "Big news: we moved to Berlin last week. The Wi-Fi password is sunflower42.",
        user_id="alice",
        session_id="a2",
        timestamp=s2,
        infer=False,
    )
    memory.update(
        home,
        summary="Alice lives in Berlin",
        object="Berlin",
        timestamp=s2,
        valid_at=day("2024-06-03T00:00"),
        reason="moved to Berlin",
    )
    memory.apply(
        [
            Add(
                payload=VaultEntry(
                    entry_type="password",
                    sensitivity="medium",
                    source="Alice",
                    caption="Wi-Fi password at Alice's Berlin flat",
                    secret_value="sunflower42",
                )
            )
        ],
        user_id="alice",
        timestamp=s2,
    )
    core = memory.list("alice", "core")[0]
    memory.update(core.id, value="Alice, a nurse living in Berlin.", timestamp=s2)

    s3 = day("2024-09-02T18:30")
    memory.add(
        "I quit nursing; I start at a bakery on Monday.",
        user_id="alice",
        session_id="a3",
        timestamp=s3,
        infer=False,
    )
    memory.delete(job, timestamp=s3, reason="left nursing")
    memory.apply(
        [
            Add(
                payload=EpisodicEvent(
                    occurred_at=day("2024-09-09T07:00"),
                    actor="Alice",
                    event_type="job",
                    summary="Alice starts work at a bakery",
                )
            )
        ],
        user_id="alice",
        timestamp=s3,
    )


def bob_sessions(memory: Memory) -> None:
    s1 = day("2024-02-12T08:00")
    memory.add(
        "I'm Bob. My sourdough starter needs feeding every 12 hours.",
        user_id="bob",
        session_id="b1",
        timestamp=s1,
        infer=False,
    )
    [recipe] = memory.apply(
        [
            Add(
                payload=Procedure(
                    entry_type="guide",
                    summary="Feed the sourdough starter",
                    steps=["Discard half", "Add 50 g flour", "Add 50 g water"],
                )
            )
        ],
        user_id="bob",
        timestamp=s1,
    ).ids

    s2 = day("2024-04-20T12:00")
    memory.add(
        "Here is the bakery's spring menu: menu-spring.pdf",
        user_id="bob",
        session_id="b2",
        timestamp=s2,
        infer=False,
    )
    memory.apply(
        [
            Add(
                payload=Resource(
                    title="menu-spring.pdf",
                    resource_type="file",
                    summary="Spring menu of Bob's bakery",
                    uri="file:///bakery/menu-spring.pdf",
                )
            )
        ],
        user_id="bob",
        timestamp=s2,
    )

    s3 = day("2024-07-01T16:00")
    memory.add(
        "New rule: feed the starter with rye flour now.",
        user_id="bob",
        session_id="b3",
        timestamp=s3,
        infer=False,
    )
    memory.update(
        recipe,
        timestamp=s3,
        reason="switched to rye",
        steps=["Discard half", "Add 50 g rye flour", "Add 50 g water"],
    )


def show(title: str, results: list[SearchResult]) -> None:
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in ("user", "type", "v", "memory", "valid from", "valid until", "state"):
        table.add_column(column)
    for hit in results:
        item = hit.item
        table.add_row(
            item.user_id,
            item.type.value,
            str(item.version),
            item.text.replace("\n", " / ")[:70],
            item.valid_at.date().isoformat(),
            item.invalid_at.date().isoformat() if item.invalid_at else "-",
            "current" if item.current else f"superseded {item.expired_at:%Y-%m-%d}",
        )
    console.print(table)


def understood(memory: Memory) -> None:
    """The same story told in plain words, filed by the agents (offline engine, no key)."""
    console.print(f"\n[bold]add(infer=True)[/bold] with the {memory.llm_provider} engine:")
    for session, at, messages in SESSIONS:
        result = memory.add(messages, user_id="alice-chat", session_id=session, timestamp=at)
        for outcome in result.outcomes:
            if outcome.kind == "NOOP" or outcome.id is None:
                continue
            item = memory.get(outcome.id)
            console.print(
                f"  {at:%Y-%m-%d} {outcome.kind:<10} {item.type.value:<15} "
                f"{item.text.splitlines()[0][:70]!r}"
            )
    for question in (
        "Where does Alice live?",
        "What is the Wi-Fi password?",
        "What is Alice's blood type?",
    ):
        reply = memory.answer(question, user_id="alice-chat")
        console.print(
            f"  Q: {question}  A: {reply.answer!r}" + (" (abstained)" if reply.abstained else "")
        )


def main(home: str) -> None:
    with Memory.open(home) as memory:
        console.print(f"[bold]hexamem quickstart[/bold], data in {home}")
        alice_sessions(memory)
        bob_sessions(memory)
        show(
            "alice: where does Alice live? (current)",
            memory.search("Where does Alice live?", user_id="alice", types=["semantic"], k=3),
        )
        show(
            "alice: where does Alice live? (as of 2024-04-15)",
            memory.search(
                "Where does Alice live?",
                user_id="alice",
                types=["semantic"],
                k=3,
                as_of="2024-04-15T00:00:00Z",
            ),
        )
        show(
            "alice: 'Where did Alice live in April 2024?' (the date in the question narrows it)",
            memory.search(
                "Where did Alice live in April 2024?", user_id="alice", types=["semantic"], k=3
            ),
        )
        show(
            "alice: every version about home and work (include_expired)",
            memory.search(
                "Alice lives works", user_id="alice", types=["semantic"], k=5, include_expired=True
            ),
        )
        show(
            "alice: what happened since July?",
            memory.search("work job", user_id="alice", since="2024-07-01T00:00:00Z", k=3),
        )
        show(
            "alice: wifi (vault captions only; the secret stays hidden)",
            memory.search("wifi password", user_id="alice", types=["knowledge_vault"], k=1),
        )
        show(
            "bob: how do I feed the starter? (current, then every version)",
            memory.search(
                "feed the sourdough starter",
                user_id="bob",
                types=["procedural"],
                k=3,
                include_expired=True,
            ),
        )
        show(
            "bob searches 'Alice Berlin nurse': only bob's own memories come back",
            memory.search("Alice Berlin nurse", user_id="bob", k=3),
        )
        console.print(
            "core blocks for alice:", {k: b.value for k, b in memory.core("alice").items()}
        )
        console.print("timeline of Alice, from the knowledge graph:")
        for entry in memory.timeline("Alice", user_id="alice"):
            item = entry.item
            until = item.invalid_at.date().isoformat() if item.invalid_at else "now"
            state = "current" if entry.current else "closed"
            console.print(f"  {item.valid_at:%Y-%m-%d} .. {until:<10} {state:<7} {item.text!r}")
        understood(memory)
        history = memory.history("alice-home")
        console.print("history of alice-home:")
        for entry in history:
            before = entry.old.text if entry.old else "-"
            after = entry.new.text if entry.new else "-"
            console.print(f"  {entry.at:%Y-%m-%d} {entry.op:<6} {before!r} -> {after!r}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory(prefix="hexamem-demo-") as tmp:
            main(tmp)
