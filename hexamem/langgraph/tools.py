"""LangChain tools for tool-calling agents: search_memory, remember, delete_memory.

`delete_memory` does what `Memory.delete` does (the memory stops being true and stays
in history); purging for good (`Memory.forget`) is left to the application, not to a
model's tool call.

The user comes from the run's config (``configurable.user_id``), never from the
model: a tool call cannot reach another user's memory.
"""

from __future__ import annotations

from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool, tool

from hexamem.errors import InvalidInput
from hexamem.memory import Memory
from hexamem.results import BatchResult


def _user(config: RunnableConfig) -> str:
    user = (config.get("configurable") or {}).get("user_id")
    if not isinstance(user, str) or not user:
        raise InvalidInput("memory tools need configurable.user_id in the run's config")
    return user


def memory_tools(memory: Memory, *, budget_tokens: int = 800) -> list[BaseTool]:
    """Three tools bound to `memory`; each reads the user from the run's config."""

    @tool
    def search_memory(query: str, config: RunnableConfig) -> str:
        """Look up what is remembered about the user: facts, events, how-tos, files.
        One line per memory: its id, when it holds, and its text."""
        found = memory.context(query, user_id=_user(config), budget_tokens=budget_tokens)
        return found or "nothing remembered about that"

    @tool
    def remember(content: str, config: RunnableConfig) -> str:
        """Remember something the user said, in their own words."""
        result = memory.add(content, user_id=_user(config))
        assert isinstance(result, BatchResult)  # add() waits unless wait=False
        changed = [
            f"{o.kind} {o.memory_type.value} {o.id}" for o in result.outcomes if o.kind != "NOOP"
        ]
        return "; ".join(changed) if changed else "nothing new to remember"

    @tool
    def delete_memory(memory_id: str, config: RunnableConfig) -> str:
        """Mark a memory as no longer true (it stays in history). Ids come from search_memory."""
        closed = memory.delete(memory_id, user_id=_user(config), reason="deleted by the agent")
        return f"deleted {closed.id} v{closed.version} (kept in history)"

    return [search_memory, remember, delete_memory]
