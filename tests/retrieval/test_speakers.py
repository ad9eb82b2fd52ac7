"""Transcripts: a speaker's name picks whose turns to favour instead of being matched
as a word, which would pull up every turn that greets that person."""

from __future__ import annotations

from hexamem import Memory
from hexamem.retrieval.actors import named_actors, spoken_of, without_names
from hexamem.stores.recall_filter import RecallFilter
from tests.helpers import MARCH


def _talk(memory: Memory, turns: list[tuple[str, str]], *, user_id: str = "pair") -> list[str]:
    messages = [{"role": "user", "name": who, "content": text} for who, text in turns]
    return memory.add(messages, user_id=user_id, timestamp=MARCH, infer=False).ids


def test_names_are_found_only_when_they_are_actors() -> None:
    actors = {"gina", "jon"}
    found = named_actors(
        "Did Gina's shop and Jon meet LGBTQ groups in Paris?", lambda word: word.lower() in actors
    )
    assert found == ["Gina", "Jon"]
    assert without_names("What did Gina's brother adopt?", found) == "What did brother adopt?"
    assert without_names("Gina?", ["Gina"]) == "Gina?"  # nothing else to rank by


def test_a_question_about_a_speaker_finds_what_that_speaker_said(memory: Memory) -> None:
    ids = _talk(
        memory,
        [
            ("Jon", "Gina, oh Gina, I adopted a puppy last week, Gina!"),
            ("Gina", "I adopted a puppy last week."),
            ("Jon", "The weather has been lovely for walks."),
        ],
    )
    hits = memory.search("What did Gina adopt?", user_id="pair", k=2)
    assert hits[0].id == ids[1]


def test_a_first_person_question_is_about_the_users_own_turns(memory: Memory) -> None:
    ids = memory.add(
        [
            {"role": "user", "content": "I planted basil yesterday."},
            {
                "role": "assistant",
                "content": "Plant basil on the balcony, in the sunny balcony corner.",
            },
        ],
        user_id="sam",
        timestamp=MARCH,
        infer=False,
    ).ids
    assert spoken_of("What did I plant?", {"user"}.__contains__) == ["user"]
    assert spoken_of("What did Sam plant?", {"user"}.__contains__) == []
    hits = memory.search("What did I plant on my balcony?", user_id="sam", k=2)
    assert hits[0].id == ids[0]


def test_an_answer_is_found_through_the_question_before_it(memory: Memory) -> None:
    ids = _talk(
        memory,
        [
            ("Jon", "Morning! The bakery on the corner finally opened."),
            ("Gina", "How did your kids handle the car accident?"),
            ("Jon", "They were scared at first, but they are tough and fine now."),
            ("Gina", "My shop sold out of summer dresses today."),
            ("Jon", "I am repainting the fence this weekend."),
            ("Gina", "Did you try the new noodle place downtown?"),
        ],
    )
    found = memory.search("How did the kids handle the accident?", user_id="pair", k=2)
    assert [h.id for h in found] == [ids[1], ids[2]]


def test_a_statement_lends_nothing_to_the_turn_after_it(memory: Memory) -> None:
    ids = _talk(
        memory,
        [
            ("Jon", "Our kids handled the car accident well."),
            ("Gina", "They were scared at first, but they are tough and fine now."),
        ],
    )
    transcripts = memory._c.search.transcripts
    assert transcripts.replies([(ids[0], 1)], RecallFilter("pair")) == {}
    question = _talk(memory, [("Gina", "Did the kids cope?"), ("Jon", "Yes, just fine.")])
    assert transcripts.replies([(question[0], 1)], RecallFilter("pair")) == {
        (question[0], 1): (question[1], 1)
    }


def test_the_assistants_answer_borrows_nothing_from_the_users_question(memory: Memory) -> None:
    asked = memory.add(
        [
            {"role": "user", "content": "Can you suggest a good sourdough recipe?"},
            {"role": "assistant", "content": "Sure: flour, water, salt and a starter."},
        ],
        user_id="pair",
        timestamp=MARCH,
        infer=False,
    ).ids
    transcripts = memory._c.search.transcripts
    # What the user asked is their memory; the model's own reply is not lifted by it.
    assert transcripts.replies([(asked[0], 1)], RecallFilter("pair")) == {}
