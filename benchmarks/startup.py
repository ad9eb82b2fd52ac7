"""How long a new process takes to `import hexamem` and to print `hexamem --help`.

    python benchmarks/startup.py [--runs 7]

Each command runs in a fresh interpreter, once to warm the file cache and the
bytecode cache (``PYTHONDONTWRITEBYTECODE`` is dropped, as on a user's machine)
and then `--runs` times; the median wall time is printed, with the slowest
imports of `from hexamem import Memory` (from `python -X importtime`) to show
what opening a memory's code costs before anything is opened.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
COMMANDS = {
    "import hexamem": [sys.executable, "-c", "import hexamem"],
    "hexamem --help": [str(BIN / "hexamem"), "--help"],
    "from hexamem import Memory": [sys.executable, "-c", "from hexamem import Memory"],
}
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(command: list[str], runs: int) -> float:
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=ENV)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=ENV)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def slowest_imports(top: int) -> list[tuple[float, str]]:
    """Third-party packages `from hexamem import Memory` imports, slowest first (cumulative)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "from hexamem import Memory"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=ENV,
    )
    seconds: dict[str, float] = {}
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if not line.startswith("import time:") or len(parts) != 3:
            continue
        cumulative, name = parts[1].strip(), parts[2].strip()
        if cumulative.isdigit() and "." not in name and not name.startswith("hexamem"):
            seconds[name] = max(seconds.get(name, 0.0), int(cumulative) / 1e6)
    return sorted(((s, n) for n, s in seconds.items()), reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for name, command in COMMANDS.items():
        print(f"{name:26} median {median_seconds(command, args.runs):.2f} s ({args.runs} runs)")
    print("slowest packages that `from hexamem import Memory` imports (cumulative):")
    for seconds, module in slowest_imports(8):
        print(f"  {seconds:5.2f} s  {module}")


if __name__ == "__main__":
    main()
