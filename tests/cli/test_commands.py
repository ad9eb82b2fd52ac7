"""The `hexamem` command as a person runs it: simulate, then look inside, export and import.

Real stack: MiniLM embeddings, embedded Chroma and FalkorDB, the offline engine.
"""

from __future__ import annotations

import json
from pathlib import Path

from hexamem.memory_types import MemoryType
from tests.cli.running import SCENARIO, hexamem


def test_simulate_shows_sessions_probes_and_totals_and_writes_the_report(played) -> None:
    home, report = played
    assert report["passed"] is True
    [scenario] = report["scenarios"]
    assert scenario["name"] == "relocation" and scenario["llm"] == "offline"
    assert [s["id"] for s in scenario["sessions"]] == ["s1", "s2"]
    assert [p["passed"] for p in scenario["probes"]] == [True, True, True]
    assert scenario["totals"]["turns"] == 4 and scenario["totals"]["llm_calls"] > 0
    ops = [op for e in scenario["sessions"][1]["exchanges"] for op in e["ops"]]
    assert {"ADD", "INVALIDATE"} <= {op["kind"] for op in ops}
    replies_and_ops = [
        (e["assistant"], e["ops"]) for s in scenario["sessions"] for e in s["exchanges"]
    ]
    answers = [p["answer"] for p in scenario["probes"]]
    assert "sunflower42" not in json.dumps([replies_and_ops, answers])


def test_a_failed_probe_exits_1_and_says_what_was_missing(tmp_path: Path) -> None:
    scenario = tmp_path / "wrong.yaml"
    scenario.write_text(SCENARIO.replace('expect: ["Berlin"]', 'expect: ["Rome"]'))
    result = hexamem("simulate", scenario, "--llm", "offline")
    assert result.exit_code == 1
    assert "FAIL" in result.stdout and "missing 'Rome'" in result.stdout
    assert "1 failed" in result.stdout


def test_a_bad_scenario_exits_2_before_anything_runs(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(SCENARIO)
    bad.write_text("name: x\nuser: a\nsessions: []\n")
    result = hexamem("simulate", good, bad, "--home", tmp_path / "home")
    assert result.exit_code == 2
    assert "error:" in result.stderr and "bad.yaml" in result.stderr
    assert not (tmp_path / "home").exists()


def test_inspect_shows_tables_per_type_and_hides_secrets(played) -> None:
    home, _ = played
    shown = hexamem("inspect", "--home", home)
    assert shown.exit_code == 0
    for title in ("core (1)", "semantic (2)", "knowledge_vault (1)", "episodic"):
        assert title in shown.stdout
    assert "Berlin" in shown.stdout and "sunflower42" not in shown.stdout
    current = json.loads(hexamem("inspect", "--home", home, "--type", "semantic", "--json").stdout)
    every = json.loads(
        hexamem("inspect", "--home", home, "-t", "semantic", "--all", "--json").stdout
    )
    cities = {i["payload"]["object"] for i in every["alice"]}
    assert {"Paris", "Berlin"} <= cities
    assert "Paris" not in {i["payload"]["object"] for i in current["alice"]}


def test_search_timeline_and_history(played) -> None:
    home, _ = played
    hits = json.loads(
        hexamem(
            "search",
            "where does Alice live",
            "-u",
            "alice",
            "--home",
            home,
            "--type",
            "semantic",
            "-k",
            "1",
            "--json",
        ).stdout
    )
    assert "Berlin" in hits[0]["item"]["payload"]["summary"]
    timeline = hexamem("timeline", "Alice", "-u", "alice", "--home", home)
    assert timeline.exit_code == 0
    assert "Paris" in timeline.stdout and "closed" in timeline.stdout
    assert "current" in timeline.stdout
    core = json.loads(hexamem("inspect", "--home", home, "-t", "core", "--json").stdout)
    history = hexamem("history", core["alice"][0]["id"], "--home", home)
    assert history.exit_code == 0 and "UPDATE" in history.stdout and "Paris" in history.stdout
    missing = hexamem("history", "mem_nope", "--home", home)
    assert missing.exit_code == 2 and "no memory 'mem_nope'" in missing.stderr


def test_stats_count_what_was_kept_and_what_it_cost_across_runs(played) -> None:
    home, report = played
    [stats] = json.loads(hexamem("stats", "--home", home, "--json").stdout)
    assert stats["user_id"] == "alice"
    assert stats["types"]["semantic"] == {"current": 2, "versions": 3}
    assert stats["types"]["knowledge_vault"]["current"] == 1
    assert stats["episodes"] == 3 and stats["entities"] >= 2 and stats["facts"] >= 2
    assert stats["llm_calls"] == report["scenarios"][0]["totals"]["llm_calls"]
    table = hexamem("stats", "--home", home)
    assert "graph facts" in table.stdout and "model calls" in table.stdout


def test_export_then_import_moves_a_user_whole_and_only_once(played, tmp_path: Path) -> None:
    home, _ = played
    exported = hexamem("export", "alice", "--home", home)
    assert exported.exit_code == 0 and "sunflower42" not in exported.stdout
    revealed = hexamem("export", "alice", "--home", home, "--reveal-secrets")
    assert "sunflower42" in revealed.stdout
    archive = tmp_path / "alice.jsonl"
    archive.write_text(exported.stdout)
    other = tmp_path / "other"
    refused = hexamem("import", archive, "--home", other)  # a vault without its secrets
    assert refused.exit_code == 2 and "export again with --reveal-secrets" in refused.stderr
    assert "reveal_secrets=" not in refused.stderr and f"{archive} line " in refused.stderr
    archive.write_text(revealed.stdout)
    assert hexamem("import", archive, "--home", other).exit_code == 0
    before = json.loads(hexamem("inspect", "--home", home, "--all", "--json").stdout)
    after = json.loads(hexamem("inspect", "--home", other, "--all", "--json").stdout)
    assert sorted(i["id"] for i in after["alice"]) == sorted(i["id"] for i in before["alice"])
    again = hexamem("import", "-", "--home", other, input=revealed.stdout)
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert hexamem("export", "nobody", "--home", home).exit_code == 2


def test_each_file_plays_into_a_fresh_memory_unless_home_is_given(tmp_path: Path) -> None:
    taught, asked = tmp_path / "a.yaml", tmp_path / "b.yaml"
    taught.write_text(SCENARIO)
    asked.write_text(
        "name: stranger\nuser: alice\nsessions:\n  - at: 2024-07-01T10:00:00\n"
        "    turns: [{user: hello}]\nprobes:\n"
        "  - {ask: 'Where does Alice live?', expect: [don't know], reject: [Berlin]}\n"
    )
    apart = hexamem("simulate", taught, asked, "--llm", "offline")
    assert apart.exit_code == 0, apart.stdout
    report = tmp_path / "shared.json"
    shared = hexamem(
        "simulate", taught, asked, "--llm", "offline", "--home", tmp_path / "h", "--report", report
    )
    assert shared.exit_code == 1 and "FAIL" in shared.stdout
    [probe] = json.loads(report.read_text())["scenarios"][1]["probes"]
    assert probe["unexpected"] == ["Berlin"]


def test_help_names_every_memory_type_and_a_wrong_one_exits_2(tmp_path: Path) -> None:
    shown = hexamem("search", "--help")
    assert shown.exit_code == 0
    assert all(t.value in " ".join(shown.output.split()) for t in MemoryType)
    wrong = hexamem("inspect", "--type", "diary", "--home", tmp_path / "home")
    assert wrong.exit_code == 2
    assert "knowledge_vault" in wrong.output
