"""Facts found in what people say (table-driven; our own sentences, none from any data set)."""

from __future__ import annotations

import pytest

from tests.llm.offline.helpers import facts_of, reading_of, summaries_of

U = "User"


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("My dog is called Pepper.", {(U, "pet", "Pepper")}),
        ("We have a cat named Mochi.", {(U, "pet", "Mochi")}),
        (
            "I'm a software developer at Initech.",
            {(U, "works_as", "software developer"), (U, "works_at", "Initech")},
        ),
        (
            "I now work as a platform engineer at Blue Harbor Energy.",
            {(U, "works_as", "platform engineer"), (U, "works_at", "Blue Harbor Energy")},
        ),
        (
            "big week, I took a full-time job at Northwind Traders and I'm knackered",
            {(U, "works_at", "Northwind Traders")},
        ),
        ("Priyanka works at St Thomas Hospital.", {("Priyanka", "works_at", "St Thomas Hospital")}),
        ("I live in Leeds.", {(U, "lives_in", "Leeds")}),
        ("we moved to Sheffield last month", {(U, "lives_in", "Sheffield")}),
        ("our flat in Clapham is freezing", {(U, "lives_in", "Clapham")}),
        ("my address is 12 Elm Road, Bath", {(U, "address", "12 Elm Road, Bath")}),
        ("my new number is 07700 900123", {(U, "phone_number", "07700 900123")}),
        (
            "My sister Maya is a nurse.",
            {(U, "sister", "Maya"), ("Maya", "works_as", "nurse")},
        ),
        ("Kwame is my husband.", {(U, "partner", "Kwame")}),
        (
            "My cousin Ravi teaches at Hillcrest School and his wife Dana is at Fernleaf Labs.",
            {
                (U, "cousin", "Ravi"),
                ("Ravi", "partner", "Dana"),
                ("Ravi", "works_at", "Hillcrest School"),
                ("Dana", "works_at", "Fernleaf Labs"),
            },
        ),
        ("Dad is at Gatwick, waiting for his flight.", set()),
        ("we opened a tiny record shop called Groove & Grain", {(U, "called", "Groove & Grain")}),
        ("Omar's van is named The Beast", {("Omar", "called", "The Beast")}),
        ("my cousin is called Efe", {(U, "cousin", "Efe")}),
        ("Nadia is my co-founder.", {(U, "business_partner", "Nadia")}),
        ("my new partner in the practice is Dr. Osei", {(U, "business_partner", "Dr. Osei")}),
        ("my partner in crime Jess is back", set()),
        ("his daughter Ines is at university", set()),
        ("I'm allergic to shellfish.", {(U, "allergic_to", "shellfish")}),
        ("I've been vegan for two years.", {(U, "diet", "vegan")}),
        ("I hate olives.", {(U, "dislikes", "olives")}),
        ("the basil is growing on me", {(U, "likes", "basil")}),
        (
            "my favourite film is Alien and my favourite band is Low",
            {(U, "favourite_film", "Alien"), (U, "favourite_band", "Low")},
        ),
        ("got a Skoda Octavia estate, the family car.", {(U, "vehicle", "Skoda Octavia estate")}),
        ("Where did I live before I moved to Leeds?", set()),
        ("Do you know where my sister Maya works?", set()),
    ],
)
def test_facts_in_one_message(said: str, expected: set[tuple[str, str, str]]) -> None:
    assert facts_of(said) == expected


def test_a_pronoun_takes_the_person_named_before() -> None:
    found = facts_of("my friend Omar is coming round, he's allergic to nuts")
    assert ("Omar", "allergic_to", "nuts") in found
    earlier = facts_of("she's a vet at the harbour clinic", context=("My cousin Lena visited.",))
    assert ("Lena", "works_as", "vet") in earlier


def test_whose_pet_and_whose_child() -> None:
    found = facts_of(
        "Ben Carter down the road has a collie called Rex, and his son Ali plays bass."
    )
    assert ("Ben Carter", "pet", "Rex") in found
    assert ("Ben Carter", "son", "Ali") in found


def test_a_name_typed_in_lower_case_is_still_a_name() -> None:
    found = facts_of("noor is 6 weeks old today")
    assert {(s, r) for s, r, _ in found} == {("Noor", "born_on")}


def test_past_and_ended_facts_are_marked() -> None:
    reading = reading_of("I used to live in York.")
    from hexamem.llm.offline.facts import facts_in

    [york] = facts_in(reading)
    assert york.past and york.object == "York"
    [split] = facts_in(reading_of("Ravi and I broke up last week."))
    assert split.ends and split.relation == "partner" and split.object == "Ravi"


def test_a_stated_start_comes_with_the_fact() -> None:
    from hexamem.llm.offline.facts import facts_in

    [diet] = facts_in(reading_of("I've been vegan for two years."))
    assert diet.start is not None and diet.start.year == 2022
    [home] = facts_in(reading_of("we moved to Sheffield last month"))
    assert home.start is not None and (home.start.year, home.start.month) == (2024, 9)


def test_summaries_read_as_sentences_without_a_doubled_subject() -> None:
    assert summaries_of("Kwame is my husband.") == ["User's husband is Kwame"]
    assert summaries_of("I'm a UX writer.") == ["User works as a UX writer"]
