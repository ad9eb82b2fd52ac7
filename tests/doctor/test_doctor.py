"""The check compares every derived store with the records, version for version, and the
repair puts back exactly what was lost; after a crash it runs by itself at open."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from hexamem import Memory
from hexamem.cli import app
from hexamem.memory_types import version_key
from tests.helpers import MARCH, fact, lives


def damaged(memory: Memory) -> dict[str, str]:
    """Lose one vector, one graph edge and one FTS row; add one stray vector."""
    ids = memory.apply(
        [lives("Ana", "Rome"), fact("Ana likes green tea", name="Ana")],
        user_id="ana",
        timestamp=MARCH,
    ).ids
    edge, tea = (version_key(i, 1) for i in ids)
    c = memory._c
    c.vectors.delete("ana", [tea])
    c.graph.delete_facts("ana", [edge])
    with c.db.transaction() as conn:
        rowid = conn.execute("SELECT rowid FROM items WHERE id = ?", (ids[1],)).fetchone()[0]
        conn.execute("DELETE FROM lexical WHERE rowid = ?", (rowid,))
    c.vectors.upsert("ana", ["mem_nobody:1"], np.ones((1, c.search.embedder.dimension), "f4"))
    return {"vector": tea, "edge": edge, "row": str(rowid)}


def test_a_healthy_memory_agrees_everywhere(memory: Memory) -> None:
    memory.apply([lives("Bo", "Oslo")], user_id="bo", timestamp=MARCH)
    report = memory.doctor()
    assert report.healthy and [u.user_id for u in report.users] == ["bo"]
    assert report.users[0].versions == 1


def test_the_check_names_what_differs_and_the_repair_puts_it_back(memory: Memory) -> None:
    lost = damaged(memory)
    [check] = memory.doctor().users
    assert check.missing_vectors == [lost["vector"]]
    assert check.stray_vectors == ["mem_nobody:1"]
    assert check.missing_facts == [lost["edge"]]
    assert check.missing_lexical == [lost["row"]]
    assert memory.doctor().healthy is False
    assert memory.doctor(repair=True).healthy
    assert memory.doctor().healthy
    assert memory.search("green tea", user_id="ana", k=1)[0].lexical_rank == 1
    assert [e.item.text for e in memory.timeline("Ana", user_id="ana")] == ["Ana lives in Rome"]


def test_opening_after_a_crash_repairs_the_stores(tmp_path: Path, embedder, graph_store) -> None:
    home = tmp_path / "home"
    with Memory.open(str(home), embedder=embedder, graph_store=graph_store) as memory:
        damaged(memory)
    (home / "hexamem.lock").write_text("4242")  # as a process killed while it held the memory
    with Memory.open(str(home), embedder=embedder, graph_store=graph_store) as memory:
        assert memory.doctor().healthy
    assert (home / "hexamem.lock").read_text() == ""  # closed cleanly this time


def test_the_command_exits_1_until_repaired(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Memory.open(str(home), llm="offline") as memory:  # as the command opens it
        damaged(memory)
    runner = CliRunner()
    checked = runner.invoke(app, ["doctor", "--home", str(home), "--json"])
    assert checked.exit_code == 1 and '"missing_facts"' in checked.output
    repaired = runner.invoke(app, ["doctor", "--repair", "--home", str(home)])
    assert repaired.exit_code == 0, repaired.output
    assert runner.invoke(app, ["doctor", "--home", str(home)]).exit_code == 0
