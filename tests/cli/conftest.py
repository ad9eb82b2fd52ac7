"""The home most command tests look into: one `simulate` run of the shared scenario."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.running import SCENARIO, hexamem


@pytest.fixture(scope="session")
def played(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict]]:
    """A home filled by one `simulate` run, and the JSON report it wrote."""
    root = tmp_path_factory.mktemp("cli")
    scenario = root / "relocation.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    home, report = root / "home", root / "report.json"
    result = hexamem("simulate", scenario, "--home", home, "--llm", "offline", "--report", report)
    assert result.exit_code == 0, result.output
    yield home, json.loads(report.read_text())
