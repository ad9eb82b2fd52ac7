"""Agents: plain functions from an episode (or a question), its context and an LLM to results.

They know nothing of LangGraph (`hexamem.graphs` wires them) and nothing of
stores: writers return typed ops, which only the op log applies.
"""

from hexamem.agents.answer import run_answer
from hexamem.agents.chat import run_chat
from hexamem.agents.router import RouteResult, run_router
from hexamem.agents.writer import WriterResult, run_writer

__all__ = [
    "RouteResult",
    "WriterResult",
    "run_answer",
    "run_chat",
    "run_router",
    "run_writer",
]
