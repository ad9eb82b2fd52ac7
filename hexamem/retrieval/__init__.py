"""Retrieval: hybrid search (vectors, BM25, graph hops) fused by rank, time windows, context.

Import from the module that defines a name (`retrieval.search`, `.when`, `.context`,
`.fusion`, `.agent_reads`): the package itself loads nothing, so reading a time
window does not load the stores and numpy, and `import hexamem` stays fast.
"""
