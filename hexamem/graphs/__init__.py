"""LangGraph wiring only: the ingest and answer StateGraphs built from `hexamem.agents`."""

from hexamem.graphs.ingest import IngestDeps, IngestState, build_ingest_graph

__all__ = ["IngestDeps", "IngestState", "build_ingest_graph"]
