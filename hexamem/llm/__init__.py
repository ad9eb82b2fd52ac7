"""LLM providers behind one structured-call seam: anthropic, openai-compatible, offline."""

from hexamem.llm.base import ChatMessage, Reply, Role, StructuredLLM, Usage

__all__ = ["ChatMessage", "Reply", "Role", "StructuredLLM", "Usage"]
