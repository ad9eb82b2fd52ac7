"""hexamem inside LangGraph workflows: a `BaseStore` and tools for tool-calling agents."""

from hexamem.langgraph.store import HexamemStore
from hexamem.langgraph.tools import memory_tools

__all__ = ["HexamemStore", "memory_tools"]
