"""Storage: the SQLite record store and op-log file, the FTS5 index, vectors, embedders."""
