"""Secrets and their captions; steps taught in one message or several (our own sentences)."""

from __future__ import annotations

import pytest

from hexamem.llm.offline.secrets import masked, secrets_in
from hexamem.llm.offline.steps import revision_in, steps_in, title_of
from tests.llm.offline.helpers import reading_of


@pytest.mark.parametrize(
    ("said", "context", "expected"),
    [
        ("the gym locker code is 4417", (), [("locker code", "4417")]),
        (
            "the password is Blue-Otter-77",
            ("the wifi is new",),
            [("wifi password", "Blue-Otter-77")],
        ),
        (
            "bank PIN is 3090, laptop password is Ferns&Moss9",
            (),
            [("bank PIN", "3090"), ("laptop password", "Ferns&Moss9")],
        ),
        ("can you hold my passport number? it's K8821734", (), [("passport number", "K8821734")]),
        ("the entry code for the back gate is 2255#", (), [("gate code", "2255#")]),
        ("the locker code at the gym is 4417", (), [("locker code", "4417")]),
        ("the code for the garage: 8841", (), [("garage code", "8841")]),
        ("my zip code is 10001 and I code in Go", (), []),
        ("I wrote the code for the app in 2019", (), []),
        ("call me on 0161 496 0000", (), []),
    ],
)
def test_secrets_and_what_they_open(said, context, expected) -> None:
    found = secrets_in(reading_of(said), " ".join(context))
    assert [(s.caption, s.value) for s in found] == expected
    for secret in found:
        assert secret.value not in masked(said, found)


@pytest.mark.parametrize(
    ("text", "first", "steps"),
    [
        ("How to descale the kettle: 1. Fill with vinegar 2. Boil 3. Rinse twice", 1, 3),
        ("Step 1: soak the beans. Step 2: drain them.", 1, 2),
        ("Step 3: simmer for an hour. Step 4: salt at the end.", 3, 2),
        ("1) unplug the modem. 2) count to thirty. 3) plug it in", 1, 3),
        ("steps: 1 open the valve. 2 bleed the radiator", 1, 2),
        ("First, sand the wall. Second, fill the cracks. Third, paint.", 1, 3),
        ("first whisk the eggs, then add sugar, then fold in flour, finally bake", 1, 4),
        ("Bath at 6:30 then bed", None, None),
        ("I have 2 dogs and 3 cats", None, None),
    ],
)
def test_steps(text: str, first: int | None, steps: int | None) -> None:
    found = steps_in(text)
    if first is None:
        assert found is None
    else:
        assert found is not None and (found.first, len(found.steps)) == (first, steps)


def test_the_title_is_what_the_user_calls_it() -> None:
    assert title_of("here's our release checklist for the web app") == (
        "release checklist for the web app"
    )
    assert title_of("my grandmother's bread recipe, keep it safe") == "bread recipe"
    assert title_of("How to descale the kettle") == "descale the kettle"


def test_one_step_revised() -> None:
    revision = revision_in("so step 2 is forty seconds now, not thirty")
    assert revision is not None and (revision.step, revision.new, revision.old) == (
        2,
        "forty seconds",
        "thirty",
    )
