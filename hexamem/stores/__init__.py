"""Storage: the SQLite record store, the FTS5 index, usage, entities, vectors and the graph."""
