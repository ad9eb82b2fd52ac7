"""A few rounds of the kill harness: SIGKILLs of the writer, of the graph server, and
at chosen store writes (the op log, a SQLite table, the vectors staged and before their
write behind, the graph, mid-import)."""

from __future__ import annotations

from pathlib import Path

from tests.oplog.kill_harness import run
from tests.oplog.kill_points import KillPoint

POINTS = (
    KillPoint("log.write_pending", before=False, nth=2),
    KillPoint("vectors.stage", before=False, nth=1, in_import=True),
    KillPoint("vectors.flush", before=True, nth=2),
    KillPoint("records.put", before=True, nth=3),
    KillPoint("graph.drop", before=False, nth=1),
    KillPoint("lexical.put", before=False, nth=2),
)


def test_every_acknowledged_write_survives_kills_once_and_the_stores_agree(
    tmp_path: Path,
) -> None:
    outcome = run(7, tmp_path / "home", seed=11, max_wait=1.0, points=POINTS)
    assert sum(outcome.point_kills.values()) == len(POINTS) and outcome.acknowledged
    assert outcome.missing == [] and outcome.duplicated == [] and outcome.resurrected == []
    assert outcome.imports_wrong == [] and outcome.disagreeing_users == []
    assert outcome.crashed == 0, outcome.crash_reports
