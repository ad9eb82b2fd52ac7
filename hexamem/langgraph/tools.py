"""LangChain tools for tool-calling agents: search_memory, remember, forget.

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
        """Look up what is remembered about the user: facts, events, how-tos, files."""
        return memory.context(query, user_id=_user(config), budget_tokens=budget_tokens)

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
    def forget(memory_id: str, config: RunnableConfig) -> str:
        """Stop treating a memory as true (it stays in history). Ids come from search_memory."""
        closed = memory.delete(memory_id, user_id=_user(config), reason="forgotten by the agent")
        return f"closed {closed.id} v{closed.version}"

    return [search_memory, remember, forget]
