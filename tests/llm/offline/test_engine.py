"""The offline engine end to end: what a person tells it is filed, kept current, and answered.

Real SQLite, Chroma and FalkorDB, the fake embedder; our own conversations.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hexamem import Memory
from hexamem.memory_types import MemoryType

DEC_1 = datetime(2024, 12, 1, 10, tzinfo=UTC)
DEC_20 = datetime(2024, 12, 20, 10, tzinfo=UTC)


def tell(memory: Memory, *said: str, at: datetime, user: str = "sam", session: str = "s1"):
    """Each message as its own turn of one session, a minute apart."""
    results = []
    for n, text in enumerate(said):
        results.append(
            memory.add(text, user_id=user, session_id=session, timestamp=at + timedelta(minutes=n))
        )
    return results


def homes(memory: Memory, user: str = "sam") -> list[tuple[str, bool]]:
    entries = memory.timeline("Sam", user_id=user)
    return [
        (e.item.payload.object, e.current) for e in entries if e.item.payload.relation == "lives_in"
    ]


def test_a_move_told_later_outranks_a_home_never_dated(memory: Memory) -> None:
    tell(memory, "Hi, I'm Sam. I live in Leeds.", at=DEC_1)
    tell(memory, "we moved to Manchester last month", at=DEC_20, session="s2")
    assert homes(memory) == [("Leeds", False), ("Manchester", True)]
    assert "Lives in: Manchester" in memory.core("sam")["human"].value
    now = memory.answer("Where does Sam live?", user_id="sam", reference_time=DEC_20)
    assert "Manchester" in now.answer and "Leeds" not in now.answer
    before = memory.answer(
        "Where did Sam live before he moved to Manchester?", user_id="sam", reference_time=DEC_20
    )
    assert "Leeds" in before.answer
    top = memory.search("where Sam lives", user_id="sam", types=["semantic"], k=1)
    assert top[0].item.payload.object == "Manchester"


def test_questions_greetings_and_small_talk_file_nothing(memory: Memory) -> None:
    tell(memory, "Hi, I'm Sam. I live in Leeds.", at=DEC_1)
    before = {i.id: i.version for i in memory.list("sam", include_expired=True)}
    asked = tell(
        memory, "Where did I live before I moved to Leeds?", "thanks!", "Good night.", at=DEC_20
    )
    filed = [o for r in asked for o in r.outcomes if o.kind != "NOOP"]
    assert filed == []
    assert {i.id: i.version for i in memory.list("sam", include_expired=True)} == before


def test_the_same_fact_again_is_reasserted(memory: Memory) -> None:
    tell(memory, "I live in Leeds.", at=DEC_1)
    [again] = tell(memory, "I live in Leeds.", at=DEC_20, session="s2")
    kinds = [o.kind for o in again.outcomes if o.memory_type is MemoryType.SEMANTIC]
    assert kinds == ["REASSERT"]


def test_what_is_told_as_past_does_not_change_the_present(memory: Memory) -> None:
    tell(memory, "I'm Sam and I live in Leeds.", at=DEC_1)
    tell(memory, "I used to live in York, years ago.", at=DEC_20)
    assert ("Leeds", True) in homes(memory) and ("York", False) in homes(memory)
    assert "Lives in: Leeds" in memory.core("sam")["human"].value


def test_pets_people_and_jobs_are_filed_and_answered(memory: Memory) -> None:
    tell(
        memory,
        "I'm Sam, a software developer at Initech.",
        "My dog is called Pepper.",
        "My sister Maya is a nurse in Glasgow.",
        at=DEC_1,
    )
    ask = lambda q: memory.answer(q, user_id="sam", reference_time=DEC_20).answer  # noqa: E731
    assert "Pepper" in ask("What's the name of Sam's dog?")
    assert "Initech" in ask("Where does Sam work?")
    assert "nurse" in ask("What does Sam's sister do?")
    assert ask("What is Sam's blood type?") == "I don't know."
    assert ask("What is Sam's cat called?") == "I don't know."  # the dog is not the cat


def test_a_new_job_supersedes_the_old_one(memory: Memory) -> None:
    tell(memory, "I work at Initech.", at=DEC_1)
    tell(memory, "big news, I took a full-time job at Northwind Traders!", at=DEC_20)
    answer = memory.answer("Where does Sam work?", user_id="sam", reference_time=DEC_20).answer
    assert "Northwind Traders" in answer and "Initech" not in answer


def test_forget_requests_purge_what_they_name(memory: Memory) -> None:
    tell(
        memory,
        "my address is 12 Elm Road, Bath",
        "my boyfriend Marco says hi, he's a chef",
        at=DEC_1,
    )
    tell(memory, "new address is 3 Mill Lane, Frome", at=DEC_20)
    tell(
        memory,
        "please forget my old address completely",
        "and delete everything about Marco",
        at=DEC_20 + timedelta(hours=1),
    )
    every = memory.list("sam", include_expired=True)
    assert not any("Elm Road" in i.text or "Marco" in i.text for i in every)
    assert not any("Marco" in block.value for block in memory.core("sam").values())
    kept = memory.answer("What is Sam's address?", user_id="sam", reference_time=DEC_20)
    assert "Mill Lane" in kept.answer


def test_procedures_grow_over_messages_and_take_revisions(memory: Memory) -> None:
    tell(
        memory,
        "here's my bread recipe, keep it for me",
        "Step 1: mix flour and water. Step 2: rest for an hour.",
        "Step 3: knead for ten minutes. Step 4: bake at 220 for 35 minutes.",
        at=DEC_1,
    )
    [recipe] = memory.list("sam", "procedural")
    assert len(recipe.payload.steps) == 4 and "bread recipe" in recipe.payload.summary
    tell(memory, "step 4 is 240 now, not 220", at=DEC_20)
    [revised] = memory.list("sam", "procedural")
    assert "240" in revised.payload.steps[3] and revised.version == 3
    whole = memory.answer("Walk me through the bread recipe.", user_id="sam").answer
    assert "1. mix flour" in whole and "4. bake at 240" in whole
    third = memory.answer("What is step 3 of the bread recipe?", user_id="sam").answer
    assert "knead" in third


def test_a_new_version_of_a_document_updates_the_old(memory: Memory) -> None:
    tell(memory, "the draft is in thesis-draft-v4.docx", at=DEC_1)
    tell(memory, "sent my supervisor thesis-draft-v5.docx this morning", at=DEC_20)
    [draft] = memory.list("sam", "resource")
    assert draft.payload.title == "thesis-draft-v5.docx" and draft.version == 2


def test_secrets_stay_in_the_vault_unless_revealed(memory: Memory) -> None:
    tell(memory, "the wifi is new.", "the password is Blue-Otter-77", at=DEC_1)
    [entry] = memory.list("sam", "knowledge_vault", reveal_secrets=True)
    assert entry.payload.caption == "wifi password"
    others = [
        i
        for i in memory.list("sam", reveal_secrets=True)
        if i.type is not MemoryType.KNOWLEDGE_VAULT
    ]
    assert all("Blue-Otter-77" not in i.model_dump_json() for i in others)
    hidden = memory.answer("What is the wifi password?", user_id="sam").answer
    assert "Blue-Otter-77" not in hidden and "reveal_secrets=True" in hidden
    shown = memory.answer("What is the wifi password?", user_id="sam", reveal_secrets=True)
    assert "Blue-Otter-77" in shown.answer


def test_time_window_questions_list_what_happened(memory: Memory) -> None:
    tell(memory, "I went climbing with Jo on Saturday.", at=datetime(2024, 10, 14, 9, tzinfo=UTC))
    tell(memory, "we visited the Tate yesterday", at=datetime(2024, 10, 20, 9, tzinfo=UTC))
    asked = datetime(2024, 10, 22, 9, tzinfo=UTC)
    week = memory.answer("What did I do last week?", user_id="sam", reference_time=asked).answer
    assert "Tate" in week and "climbing" not in week  # 14 October on holds the 19th only
    day = memory.answer("What did I do on October 12?", user_id="sam", reference_time=asked)
    assert "climbing" in day.answer and "Tate" not in day.answer


def test_the_assistant_persona_follows_instructions(memory: Memory) -> None:
    tell(memory, "From now on call yourself Juno, and use they/them.", at=DEC_1)
    tell(memory, "please always answer in short bullet points", at=DEC_20)
    persona = memory.core("sam")["persona"].value
    assert "Name: Juno" in persona and "Pronouns: they/them" in persona
    assert "short bullet points" in persona


def test_a_prompt_override_does_not_change_what_the_rules_do(
    tmp_path, embedder, graph_store
) -> None:
    folder = tmp_path / "prompts"
    folder.mkdir()
    (folder / "semantic.md").write_text(
        "## system\nHouse style: facts only.\n\n## input\n"
        "{{observed_at}}{{instruction}}{{core}}{{existing}}{{facts}}{{episode}}\n"
    )
    with Memory.open(
        str(tmp_path / "home"), embedder=embedder, graph_store=graph_store, prompts_dir=str(folder)
    ) as memory:
        memory.add("I live in Leeds.", user_id="sam", timestamp=DEC_1)
        [home] = [i for i in memory.list("sam", "semantic") if i.payload.relation]
        assert home.payload.object == "Leeds"


def test_a_relative_of_a_relative_is_found_by_the_roles(memory: Memory) -> None:
    tell(memory, "I'm Sam. My sister Maya is a nurse.", "Her husband Dan is a pilot.", at=DEC_1)
    said = memory.answer("What does Sam's sister's husband do?", user_id="sam").answer
    assert "pilot" in said and "nurse" not in said


def test_a_taste_revised_in_one_breath(memory: Memory) -> None:
    tell(memory, "I'm Sam. I used to hate olives, now I love them.", at=DEC_1)
    facts = {
        (i.payload.relation, i.payload.object, i.current)
        for i in memory.list("sam", "semantic", include_expired=True)
        if i.payload.relation
    }
    assert ("likes", "olives", True) in facts
    assert "loves olives" in memory.answer("Does Sam like olives?", user_id="sam").answer


def test_a_wrong_weekday_corrected_moves_the_event(memory: Memory) -> None:
    monday = datetime(2024, 10, 14, 9, tzinfo=UTC)
    tell(memory, "the dentist appointment is on Tuesday", at=monday)
    tell(memory, "actually it's Thursday, not Tuesday", at=monday + timedelta(hours=2))
    [event] = memory.list("sam", "episodic")
    assert event.payload.occurred_at.date().isoformat() == "2024-10-17"
    assert "Thursday 17 October 2024" in event.payload.summary and event.version == 2


def test_a_past_question_is_answered_from_what_is_over(memory: Memory) -> None:
    tell(memory, "My new flatmate is Ayo, he used to be a lifeguard at Bondi Baths.", at=DEC_1)
    said = memory.answer("What did Ayo do before?", user_id="sam", reference_time=DEC_20).answer
    assert "lifeguard" in said
    now = memory.answer("What does Ayo do now?", user_id="sam", reference_time=DEC_20).answer
    assert "lifeguard" not in now


def test_named_things_and_business_partners(memory: Memory) -> None:
    tell(
        memory,
        "I run a little print shop called Ink & Iron in Hull with my business partner Kofi.",
        "My new business partner is Ruth, Kofi retired.",
        at=DEC_1,
    )
    ask = lambda q: memory.answer(q, user_id="sam", reference_time=DEC_20).answer  # noqa: E731
    assert "Ink & Iron" in ask("What is Sam's print shop called?")
    assert ask("What is Sam's boat called?") == "I don't know."
    partner = ask("Who is Sam's business partner now?")
    assert "Ruth" in partner and "Kofi" not in partner


def tell_at_once(memory: Memory, *said: str, at: datetime, user: str = "sam", session: str = "s1"):
    """Every message in one `add`, each with its own time a minute apart (a batched stretch)."""
    messages = [
        {"role": "user", "content": text, "timestamp": at + timedelta(minutes=n)}
        for n, text in enumerate(said)
    ]
    return memory.add(
        messages, user_id=user, session_id=session, timestamp=at + timedelta(minutes=len(said))
    )


def test_a_list_continued_in_the_next_message_of_one_add_is_one_procedure(
    memory: Memory,
) -> None:
    tell_at_once(
        memory,
        "here's my bread recipe, keep it for me",
        "steps: 1 mix flour and water. 2 rest for an hour",
        "3 knead for ten minutes. 4 bake at 220 for 35 minutes",
        at=DEC_1,
    )
    [recipe] = memory.list("sam", "procedural")
    assert len(recipe.payload.steps) == 4 and "bread recipe" in recipe.payload.summary
    assert "knead" in recipe.payload.steps[2]


def test_a_move_and_forget_my_old_address_in_one_add_forget_the_old_one(memory: Memory) -> None:
    tell(memory, "Hi, I'm Sam. my address is 12 Elm Road, Bath", at=DEC_1)
    tell_at_once(
        memory,
        "new address is 3 Mill Lane, Frome",
        "please forget my old address completely",
        at=DEC_20,
        session="s2",
    )
    every = memory.list("sam", include_expired=True)
    assert not any("Elm Road" in i.text for i in every)
    kept = memory.answer("What is Sam's address?", user_id="sam", reference_time=DEC_20)
    assert "Mill Lane" in kept.answer


def test_each_message_of_one_add_dates_its_words_from_when_it_was_said(memory: Memory) -> None:
    memory.add(
        [
            {"role": "user", "content": "I ran my first 10k race yesterday", "timestamp": DEC_1},
            {"role": "user", "content": "thanks!", "timestamp": DEC_20},
        ],
        user_id="sam",
        timestamp=DEC_20,
    )
    [race] = [i for i in memory.list("sam", "episodic") if "10k" in i.text]
    assert race.payload.occurred_at.date() == (DEC_1 - timedelta(days=1)).date()
