from tests.fakes.failing_graph import failing_memory

__all__ = ["failing_memory"]
