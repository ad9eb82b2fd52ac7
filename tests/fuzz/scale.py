"""How many cases each fuzz test generates: CI size here, more for `benchmarks/fuzz.py`.

`FUZZ_SCALE` multiplies every test's count; it is read when the tests are collected.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SCALE = max(1, int(os.environ.get("FUZZ_SCALE", "1")))


def fuzzed(examples: int) -> settings:
    """Settings for a fuzz test of `examples` cases (times the scale), no deadline."""
    return settings(
        max_examples=examples * SCALE, deadline=None, suppress_health_check=list(HealthCheck)
    )
