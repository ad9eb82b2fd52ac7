"""Probe pass rates on scenario files, overall and per tag, each scenario in a fresh memory.

    python benchmarks/scenarios.py                          # the shared set and the demo set
    python benchmarks/scenarios.py path/*.yaml --out r.json

Each set is played twice, as `hexamem simulate` does (every stretch of scripted
turns in one `add`) and with `--per-exchange` (one `add` per exchange), with the
time spent playing and the model calls of each, so the batch path's saving and
any change in what memory recalls are measured side by side.

A probe's tags are the `# [tag, tag]` comment on its first line (the shared
scenarios carry them); untagged probes count under "untagged". The engine is
the one `Memory.open` picks (the offline engine without a key). Nothing here is
a test: it measures, on files nobody here wrote when they are the shared ones.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hexamem import Memory  # noqa: E402
from hexamem.simulation import run_scenario  # noqa: E402
from hexamem.simulation.scenario import Scenario, load_scenario  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "scenarios"
DEMO = ROOT / "demo" / "scenarios"
_TAGS = re.compile(r"#\s*\[(?P<tags>[^\]]+)\]")


def probe_tags(path: Path, scenario: Scenario) -> dict[tuple[str, str, str], list[str]]:
    """Each probe's tags, by (after, user, text), read from the comments of the file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("probes:"))
    blocks: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("  - "):
            blocks.append([line])
        elif blocks and line.startswith("    "):
            blocks[-1].append(line)
    tagged: dict[tuple[str, str, str], list[str]] = {}
    for probe, block in zip(scenario.probes, blocks, strict=True):
        found = next((m for m in map(_TAGS.search, block) if m), None)
        tags = [t.strip() for t in found.group("tags").split(",")] if found else ["untagged"]
        tagged[(probe.after or "", probe.user or "", probe.text)] = tags
    return tagged


def measure(paths: list[Path], per_exchange: bool = False) -> dict:
    passed, total = Counter(), Counter()
    scenarios = []
    started = time.perf_counter()
    playing, calls = 0.0, 0
    for path in paths:
        scenario = load_scenario(path)
        tags = probe_tags(path, scenario)
        with tempfile.TemporaryDirectory() as home, Memory.open(home) as memory:
            report = run_scenario(memory, scenario, file=str(path), per_exchange=per_exchange)
        playing += report.totals.seconds
        calls += report.totals.llm_calls
        for probe in report.probes:
            for tag in tags[(probe.after, probe.user, probe.text)]:
                total[tag] += 1
                passed[tag] += probe.passed
        scenarios.append(
            {
                "name": scenario.name,
                "passed": report.totals.probes_passed,
                "probes": len(report.probes),
                "failed": [p.text for p in report.probes if not p.passed],
            }
        )
    return {
        "probes": sum(s["probes"] for s in scenarios),
        "passed": sum(s["passed"] for s in scenarios),
        "seconds": round(time.perf_counter() - started, 1),
        "playing_seconds": round(playing, 2),
        "model_calls": calls,
        "tags": {tag: {"passed": passed[tag], "probes": total[tag]} for tag in sorted(total)},
        "scenarios": scenarios,
    }


def show(title: str, result: dict) -> None:
    share = result["passed"] / result["probes"] if result["probes"] else 0.0
    print(
        f"{title}: {result['passed']}/{result['probes']} probes pass ({share:.0%}) "
        f"in {result['seconds']} s ({result['playing_seconds']} s playing, "
        f"{result['model_calls']} model calls)"
    )
    tags = result["tags"]
    if list(tags) != ["untagged"]:
        print(
            "  by tag: "
            + ", ".join(f"{tag} {t['passed']}/{t['probes']}" for tag, t in tags.items())
        )
    for scenario in result["scenarios"]:
        print(f"  {scenario['name']:<36} {scenario['passed']}/{scenario['probes']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    sets = (
        {"files": args.files}
        if args.files
        else {
            "shared scenarios": sorted(SHARED.glob("*.yaml")),
            "demo scenarios": sorted(DEMO.glob("*.yaml")),
        }
    )
    results = {}
    for title, paths in sets.items():
        if not paths:
            print(f"{title}: no files")
            continue
        measure(paths[:1])  # warm up: the first memory of a process loads the models
        for mode, per_exchange in (("batched", False), ("per exchange", True)):
            results[f"{title}, {mode}"] = measure(paths, per_exchange)
            show(f"{title}, {mode}", results[f"{title}, {mode}"])
        batched, single = results[f"{title}, batched"], results[f"{title}, per exchange"]
        time_share = batched["playing_seconds"] / single["playing_seconds"]
        call_share = batched["model_calls"] / single["model_calls"]
        print(f"  batched / per exchange: {time_share:.2f} of the time, {call_share:.2f} of calls")
    if args.out:
        args.out.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
