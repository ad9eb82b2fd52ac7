"""What a sentence does and when it is set: questions, small talk, requests, tense, joins."""

from __future__ import annotations

import pytest

from hexamem.llm.offline.language import sentence_kind, sentences, tense, told_as_past


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Where did I live before I moved to Leeds?", "question"),
        ("what's my sister's name", "question"),
        ("is it normal that he naps this much?", "question"),
        ("who plays keys in the band now", "question"),
        ("Do you know when the bins go out?", "question"),
        ("the rosemary is really taking off??", "statement"),
        ("when the kettle clicks off I add the leaves.", "statement"),
        ("thanks!", "small_talk"),
        ("Good morning.", "small_talk"),
        ("lol ok", "small_talk"),
        ("Salut!", "small_talk"),
        ("please remind me about the vet on Friday", "request"),
        ("I moved to Leeds in March.", "statement"),
    ],
)
def test_what_a_sentence_does(sentence: str, kind: str) -> None:
    assert sentence_kind(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("we adopted a kitten on Sunday", "past"),
        ("I went to the dentist", "past"),
        ("I'll call the plumber tomorrow", "future"),
        ("we're going to paint the hall next week", "future"),
        ("I'm hosting a barbecue on Saturday", "present"),
        ("I live in Leeds", "present"),
        ("I'm so tired and scared", "present"),
        ("the shop shuts at six", "present"),
    ],
)
def test_tense(sentence: str, expected: str) -> None:
    assert tense(sentence) == expected


def test_told_as_past() -> None:
    assert told_as_past("I used to live in York")
    assert told_as_past("she's no longer at the bakery")
    assert not told_as_past("I live in York")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("I'm off dairy. BUT only at home.", 1),
        ("We got engaged last night. In Lisbon. Under the fireworks.", 1),
        ("ok. the cat is asleep. finally some peace", 3),
        ("Mrs. Baker next door waved. Dr. Lowe called.", 2),
        ("The Hendersons moved in. The Nguyens, a couple from Hue, came too.", 1),
        ("Tokyo, Osaka. in Osaka I booked a hostel.", 2),
    ],
)
def test_sentences_join_what_belongs_together(text: str, count: int) -> None:
    assert len(sentences(text)) == count
