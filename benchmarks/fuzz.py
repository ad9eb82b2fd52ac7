"""The fuzz tests at full size: hostile caller input, and model replies served through
the fake Messages API to the real anthropic SDK.

    python benchmarks/fuzz.py [--scale 10]

Runs `tests/fuzz` with every test's case count multiplied by the scale and prints, per
test, the cases that passed and failed. A failing case is an invalid op applied, a
refusal without a record, an error outside `HexamemError`, or a stuck memory.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNTS = re.compile(r"- (\d+) passing, (\d+) failing")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/fuzz"]
        + ["--hypothesis-show-statistics"],
        cwd=ROOT,
        env={**os.environ, "FUZZ_SCALE": str(args.scale)},
        capture_output=True,
        text=True,
    )
    test, passed, failed = "", 0, 0
    for line in run.stdout.splitlines():
        if line.endswith(":") and "::" in line:
            test = line.rstrip(":").split("::")[-1]
        elif counts := COUNTS.search(line):
            passed += int(counts[1])
            failed += int(counts[2])
            print(f"{test}: {counts[1]} cases passed, {counts[2]} failed")
    print(f"total: {passed} cases, {failed} failed ({time.monotonic() - started:.0f} s)")
    if run.returncode:
        print(run.stdout[-4000:])
    sys.exit(run.returncode)


if __name__ == "__main__":
    main()
