"""Public memory benchmarks (LoCoMo, LongMemEval) run through hexamem and its baselines.

Every stored memory keeps the ids of the turns it came from, so retrieval is scored
against the benchmarks' evidence with no model; answers are scored when asked for.
"""

from hexamem.evaluation.cases import Benchmark, Haystack, Question, Turn

__all__ = ["Benchmark", "Haystack", "Question", "Turn"]
