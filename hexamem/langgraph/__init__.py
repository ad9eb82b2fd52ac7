"""hexamem inside LangGraph workflows: a `BaseStore` (more integrations to come)."""

from hexamem.langgraph.store import HexamemStore

__all__ = ["HexamemStore"]
