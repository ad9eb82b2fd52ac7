"""answer() through the answer graph: the window planned from the question, packed, cited."""

from __future__ import annotations

from hexamem import Memory
from tests.fakes.llm import Request, ScriptedLLM
from tests.helpers import APRIL, JUNE, MARCH, lives


def test_answer_plans_the_window_retrieves_packs_and_cites(
    scripted: ScriptedLLM, smart_memory: Memory
) -> None:
    [paris] = smart_memory.apply([lives("Alice", "Paris")], user_id="alice", timestamp=MARCH).ids
    smart_memory.apply(
        [lives("Alice", "Berlin", supersedes=(paris,))], user_id="alice", timestamp=JUNE
    )

    def cite_first(request: Request) -> dict:
        shown = request.user
        return {
            "answer": "Paris" if "Paris" in shown.split("[1]")[1][:200] else "Berlin",
            "used": [1],
            "abstained": False,
        }

    scripted.reply(cite_first)
    answered = smart_memory.answer("Where did Alice live in April 2024?", user_id="alice")
    assert answered.answer == "Paris" and answered.used_ids == [paris]
    assert scripted.requests[-1].role == "answer"
    shown = scripted.requests[-1].user
    assert "Berlin" not in shown  # the window from the question kept the later fact out

    scripted.reply({"answer": "", "used": [], "abstained": True})
    unknown = smart_memory.answer("What is Alice's blood type?", user_id="alice", as_of=APRIL)
    assert unknown.abstained and unknown.used_ids == []
    assert [u.role for u in smart_memory.usage("alice")][-2:] == ["answer", "answer"]


def test_the_offline_engine_answers_from_memory_or_abstains(memory: Memory) -> None:
    memory.add("I live in Paris.", user_id="alice", timestamp=JUNE)
    answered = memory.answer("Where does the user live?", user_id="alice")
    assert "Paris" in answered.answer and answered.used_ids
    unknown = memory.answer("What is my blood type?", user_id="alice")
    assert unknown.abstained and unknown.used_ids == []
