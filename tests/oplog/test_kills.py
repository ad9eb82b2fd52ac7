"""A few rounds of the kill harness: SIGKILLs of the writer and of the graph server."""

from __future__ import annotations

from pathlib import Path

from tests.oplog.kill_harness import run


def test_every_acknowledged_write_survives_kills_once_and_the_stores_agree(
    tmp_path: Path,
) -> None:
    outcome = run(4, tmp_path / "home", seed=11, max_wait=1.0)
    assert outcome.writer_kills == 4 and outcome.acknowledged
    assert outcome.missing == [] and outcome.duplicated == [] and outcome.resurrected == []
    assert outcome.disagreeing_users == []
