"""Cost of one episode in LLM mode: model calls and prompt tokens, on the demo conversation.

    python benchmarks/llm_cost.py

The agents render exactly the prompts an LLM provider would send; here the
offline engine answers them, and every call's system prompt, user message and
output schema are counted with cl100k (Claude's own tokenizer differs by a few
per cent; the figures are for planning, not billing).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demo.conversation import SESSIONS  # noqa: E402
from hexamem import Memory  # noqa: E402
from hexamem.llm.base import ChatMessage, Reply, Role, StructuredLLM, T  # noqa: E402
from hexamem.llm.offline import OfflineLLM  # noqa: E402
from hexamem.llm.tokens import count_tokens  # noqa: E402


class Counting(StructuredLLM):
    """The offline engine, with the size of every prompt it was sent recorded."""

    name = "counting"

    def __init__(self) -> None:
        self.inner = OfflineLLM()
        self.calls: list[tuple[str, int]] = []

    def structured(self, *, role: Role, system: str, messages: Sequence[ChatMessage],
                   schema: type[T]) -> Reply[T]:
        tool = json.dumps(schema.model_json_schema())
        prompt = count_tokens(system) + sum(count_tokens(m.content) for m in messages)
        self.calls.append((role, prompt + count_tokens(tool)))
        return self.inner.structured(role=role, system=system, messages=messages, schema=schema)


def main() -> int:
    llm = Counting()
    per_episode = []
    with tempfile.TemporaryDirectory() as home, Memory.open(home, llm=llm) as memory:
        for session, at, messages in SESSIONS:
            before = len(llm.calls)
            memory.add(messages, user_id="alice", session_id=session, timestamp=at)
            calls = llm.calls[before:]
            per_episode.append({
                "session": session,
                "calls": len(calls),
                "writers": sum(1 for role, _ in calls if role == "writer"),
                "prompt_tokens": sum(tokens for _, tokens in calls),
            })
        before = len(llm.calls)
        memory.answer("Where does Alice live?", user_id="alice")
        answer_tokens = sum(tokens for _, tokens in llm.calls[before:])
    for row in per_episode:
        print(f"{row['session']}: {row['calls']} calls (1 manager + {row['writers']} writers "
              f"in parallel), {row['prompt_tokens']} prompt tokens")
    total = sum(r["prompt_tokens"] for r in per_episode)
    print(f"mean per episode: {total / len(per_episode):.0f} prompt tokens; "
          f"one answer: {answer_tokens} prompt tokens")
    return 0


if __name__ == "__main__":
    sys.exit(main())
