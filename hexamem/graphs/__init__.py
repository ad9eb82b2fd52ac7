"""LangGraph wiring only: the ingest and answer StateGraphs built from `hexamem.agents`."""
