"""The scenarios `make demo` plays: every probe passes on the embedded defaults, offline.

Runs the real stack (MiniLM, embedded Chroma and FalkorDB, the offline engine),
one fresh memory per scenario, exactly as `hexamem simulate` does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hexamem import Memory, MemoryType
from hexamem.llm.offline import OfflineLLM
from hexamem.simulation import ScenarioReport, load_scenario, run_scenario

SCENARIOS = sorted((Path(__file__).parents[2] / "demo" / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ScenarioReport]:
    played = {}
    for path in SCENARIOS:
        home = tmp_path_factory.mktemp(path.stem)
        with Memory.open(str(home), llm=OfflineLLM()) as memory:
            played[path.stem] = run_scenario(memory, load_scenario(path))
    return played


def test_there_are_at_least_six_scenarios() -> None:
    assert len(SCENARIOS) >= 6


@pytest.mark.parametrize("name", [p.stem for p in SCENARIOS])
def test_every_probe_passes(reports: dict[str, ScenarioReport], name: str) -> None:
    report = reports[name]
    failed = [
        f"{p.text!r} after {p.after}: answer {p.answer!r}, missing {p.missing}, has {p.unexpected}"
        for p in report.probes
        if not p.passed
    ]
    assert report.probes and not failed


def test_together_they_add_every_memory_type(reports: dict[str, ScenarioReport]) -> None:
    added = {
        op.memory_type
        for report in reports.values()
        for session in report.sessions
        for exchange in session.exchanges
        for op in exchange.ops
        if op.kind == "ADD"
    }
    assert added == set(MemoryType)


def test_one_scenario_has_two_users_and_probes_across_them(
    reports: dict[str, ScenarioReport],
) -> None:
    crossing = [
        r
        for r in reports.values()
        if len({s.user for s in r.sessions}) > 1 and len({p.user for p in r.probes}) > 1
    ]
    assert crossing
