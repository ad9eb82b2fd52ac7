"""Run LangGraph's own store suites (`../shared/peer/langgraph-store`) against
`HexamemStore`, as `make test` does: read in place, never copied into the project.

The tests listed in `design_differences.txt` are deselected with their reasons
printed; any other failure fails the run. Without that folder the run is skipped
with a message (it lives beside the project, not in it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Beside the project (`../shared`), or wherever `LANGGRAPH_STORE_SUITE` says.
SUITE = Path(
    os.environ.get("LANGGRAPH_STORE_SUITE") or ROOT.parent / "shared" / "peer" / "langgraph-store"
)
DIFFERENCES = Path(__file__).with_name("design_differences.txt")


def differences() -> dict[str, str]:
    """Test id → reason, from `design_differences.txt`."""
    listed = {}
    for line in DIFFERENCES.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            test, _, reason = line.partition("  ")
            listed[test.strip()] = reason.strip()
    return listed


def main() -> int:
    if not SUITE.is_dir():
        print(
            f"LangGraph store suite skipped: {SUITE} is not here "
            "(set LANGGRAPH_STORE_SUITE to its folder to run it)"
        )
        return 0
    listed = differences()
    for test, reason in listed.items():
        print(f"deselected on purpose: {test}: {reason}")
    deselect = [f"--deselect={test}" for test in listed]
    command = [
        *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"),
        *("-o", "asyncio_mode=auto", "-o", "asyncio_default_fixture_loop_scope=function"),
        *(f"--rootdir={SUITE}", str(SUITE), *deselect),
    ]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "ANONYMIZED_TELEMETRY": "False"}
    return subprocess.run(command, cwd=SUITE, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
