"""Listings people can read: search hits with score, type and dates; dates that never break;
counted nouns that agree; and `--json` that reads the same at any terminal width."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from hexamem import Memory
from hexamem.cli.views import (
    day,
    history_table,
    memory_tables,
    minute,
    search_table,
    timeline_table,
)
from hexamem.cli.words import plural
from hexamem.memory_types import MemoryItem
from hexamem.results import HistoryEntry, SearchResult, TimelineEntry
from tests.cli.running import hexamem
from tests.helpers import MARCH, fact

#: Runs listing commands in one fresh process, whose terminal width is $COLUMNS.
LISTINGS = """
import contextlib, io, json, sys
from hexamem.cli import app
outputs = []
for args in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = app(args, prog_name="hexamem", standalone_mode=False)
    outputs.append([code, out.getvalue()])
print(json.dumps(outputs))
"""


def core_id(home: Path) -> str:
    return json.loads(hexamem("inspect", "--home", home, "-t", "core", "--json").stdout)["alice"][
        0
    ]["id"]


def test_json_listings_read_the_same_at_any_width(played) -> None:
    home, _ = played
    where = ["--home", str(home), "--json"]
    commands = [
        ["inspect", "--all", *where],
        ["search", "where does Alice live", "-u", "alice", *where],
        ["timeline", "Alice", "-u", "alice", *where],
        ["history", core_id(home), *where],
        ["stats", *where],
        ["doctor", *where],
    ]

    def run(columns: int) -> list[list]:
        env = {**os.environ, "COLUMNS": str(columns)}
        done = subprocess.run(
            [sys.executable, "-c", LISTINGS, json.dumps(commands)],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        return json.loads(done.stdout)

    narrow, wide = run(40), run(200)
    assert narrow == wide
    for code, text in narrow:
        assert code in (0, None)
        json.loads(text)  # one valid document, nothing else on stdout
    assert any(len(line) > 40 for _, text in narrow for line in text.splitlines())


def test_search_shows_rank_score_type_and_dates(played) -> None:
    home, _ = played
    query = ["search", "where does Alice live", "-u", "alice", "--home", home]
    hits = [SearchResult.model_validate(h) for h in json.loads(hexamem(*query, "--json").stdout)]
    shown = hexamem(*query)
    assert shown.exit_code == 0 and len(hits) > 1
    assert f"{plural(len(hits), 'memory', 'memories')}, best first" in shown.stdout
    assert "score" in shown.stdout
    for hit in hits:
        for cell in (f"{hit.score:.3f}", hit.item.id, hit.item.type.value):
            assert cell in shown.stdout
        assert day(hit.item.valid_at) in shown.stdout
        assert f"rec. {day(hit.item.created_at)}" in shown.stdout


def test_all_returns_every_match_and_k_still_bounds(tmp_path: Path) -> None:
    home = tmp_path / "home"
    hobbies = [f"Alice collects stamp series number {n}" for n in range(14)]
    with Memory.open(str(home)) as memory:
        memory.apply([fact(text) for text in hobbies], user_id="alice", timestamp=MARCH)

    def found(*extra: str) -> int:
        result = hexamem("search", "stamps", "-u", "alice", "--home", home, "--json", *extra)
        assert result.exit_code == 0, result.stderr
        return len(json.loads(result.stdout))

    assert found() == 10
    assert found("-k", "3") == 3
    assert found("--all") == len(hobbies)


def _text(table: object) -> str:
    console = Console(width=80, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(table)
    console.file.close()
    return console.export_text()


def test_dates_stay_whole_at_80_columns(played) -> None:
    home, _ = played
    listed = json.loads(hexamem("inspect", "--home", home, "--all", "--json").stdout)["alice"]
    items = [MemoryItem.model_validate(i) for i in listed]
    query = ["search", "where does Alice live", "-u", "alice", "--home", home, "--json"]
    hits = [SearchResult.model_validate(h) for h in json.loads(hexamem(*query).stdout)]
    timeline = json.loads(
        hexamem("timeline", "Alice", "-u", "alice", "--home", home, "--json").stdout
    )
    entries = [TimelineEntry.model_validate(e) for e in timeline]
    changes = json.loads(hexamem("history", core_id(home), "--home", home, "--json").stdout)
    history = [HistoryEntry.model_validate(e) for e in changes]
    now = max(i.created_at for i in items)
    text = "\n".join(_text(t) for t in memory_tables(items, now))
    for item in items:
        assert day(item.valid_at) in text and f"rec. {day(item.created_at)}" in text
    text = _text(search_table(hits, now))
    assert all(day(h.item.valid_at) in text and h.item.id in text for h in hits)
    text = _text(timeline_table("Alice", entries))
    assert all(day(e.item.valid_at) in text and e.item.id in text for e in entries)
    text = _text(history_table(history))
    assert len(history) > 1 and all(minute(e.at) in text for e in history)


def test_counted_nouns_agree(tmp_path: Path) -> None:
    assert [plural(n, "memory", "memories") for n in (0, 1, 2)] == [
        "0 memories",
        "1 memory",
        "2 memories",
    ]
    assert plural(1, "scenario") == "1 scenario" and plural(1200, "turn") == "1,200 turns"
    scenario = tmp_path / "one.yaml"
    scenario.write_text(
        "name: one\nuser: bo\nsessions:\n  - at: 2024-07-01T10:00:00\n"
        "    turns: [{user: I live in Oslo.}]\n"
        "probes:\n  - {ask: 'Where do I live?', expect: [Oslo]}\n"
    )
    home = tmp_path / "home"
    played_once = hexamem("simulate", scenario, "--llm", "offline", "--home", home)
    assert played_once.exit_code == 0, played_once.output
    out = " ".join(played_once.stdout.split())
    assert "1 exchange" in out and "1 exchanges" not in out
    assert "1 scenario, 1 probe:" in out and "1 turn " in out
    listed = hexamem("inspect", "--home", home, "-t", "semantic")
    count = len(
        json.loads(hexamem("inspect", "--home", home, "-t", "semantic", "--json").stdout)["bo"]
    )
    assert f"bo: {plural(count, 'memory', 'memories')}" in listed.stdout


def test_search_table_keeps_the_call_chat_makes() -> None:
    assert "0 memories, best first" in _text(search_table([], MARCH))


def test_history_shows_what_an_update_changed_past_a_long_shared_beginning(
    memory: Memory,
) -> None:
    start = "Alice works as a nurse at the city hospital on the night shift, three days a week"
    [added] = memory.apply([fact(f"{start} in Lisbon")], user_id="alice", timestamp=MARCH).outcomes
    assert added.id is not None
    memory.update(added.id, user_id="alice", reason="moved", summary=f"{start} in Porto")
    text = _text(history_table(memory.history(added.id, user_id="alice")))
    assert "Lisbon" in text and "Porto" in text  # both ends of the change, not two prefixes
