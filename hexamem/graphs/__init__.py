"""LangGraph wiring only: the ingest, answer and chat StateGraphs built from `hexamem.agents`."""

from hexamem.graphs.answer import AnswerDeps, AnswerState, build_answer_graph, build_chat_graph
from hexamem.graphs.ingest import IngestDeps, IngestState, build_ingest_graph

__all__ = [
    "AnswerDeps",
    "AnswerState",
    "IngestDeps",
    "IngestState",
    "build_answer_graph",
    "build_chat_graph",
    "build_ingest_graph",
]
