"""What a subgraph fills in when its parent graph did not say: the user from the run's
config (`configurable.user_id`, as the tools read it), the question from the last
user message of a `MessagesState`, the time from the clock."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from langchain_core.runnables import RunnableConfig

from hexamem.errors import InvalidInput
from hexamem.intake.langchain import is_langchain_message, plain_message


def user_from(state: Mapping[str, Any], config: RunnableConfig | None) -> Any:
    """`user_id` from the state, else from the config; None if neither has it."""
    return state.get("user_id") or ((config or {}).get("configurable") or {}).get("user_id")


def question_from(state: Mapping[str, Any]) -> str:
    """`question` from the state, else the last user message in `messages`."""
    if state.get("question"):
        return str(state["question"])
    for entry in reversed(list(state.get("messages") or ())):
        message = plain_message(entry) if is_langchain_message(entry) else entry
        if isinstance(message, Mapping) and message.get("role", "user") == "user":
            return str(message.get("content", ""))
    raise InvalidInput("the answer graph needs a `question` or a user message in `messages`")
