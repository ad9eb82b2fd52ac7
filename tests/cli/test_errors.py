"""One error discipline: every failure is one `error:` line on stderr and exit 2 or 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

from tests.cli.running import SCENARIO, hexamem

HEXAMEM = Path(sys.executable).parent / "hexamem"


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr and "╭" not in stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["search", "--frob"], "error: no such option: --frob (see hexamem search --help)"),
        (["frob"], "error: no such command 'frob' (see hexamem --help)"),
        (["search", "where"], "error: missing option '--user' / '-u' (see hexamem search --help)"),
        (["search", "q", "-u", "a", "-k", "0"], "'-k'"),
        (["inspect", "--type", "diary"], "error: --type: no memory type 'diary'; use one of core"),
    ],
)
def test_a_wrong_command_is_one_line_and_exits_2(args: list[str], expected: str) -> None:
    result = hexamem(*args)
    assert result.exit_code == 2
    assert expected in one_error_line(result.stderr)
    assert result.stdout == ""


def test_an_unexpected_exception_is_one_line_unless_debug_asks(tmp_path: Path) -> None:
    with mock.patch("hexamem.memory.Memory.users", side_effect=RuntimeError("disk on fire")):
        plain = hexamem("stats", "--home", tmp_path)
        debug = hexamem("--debug", "stats", "--home", tmp_path)
        with mock.patch.dict(os.environ, {"HEXAMEM_DEBUG": "1"}):
            by_env = hexamem("stats", "--home", tmp_path)
    assert plain.exit_code == 1
    assert one_error_line(plain.stderr) == (
        "error: internal error: RuntimeError: disk on fire (rerun with --debug for the traceback)"
    )
    for shown in (debug, by_env):
        assert shown.exit_code == 1
        assert "Traceback" in shown.stderr and "disk on fire" in shown.stderr
        assert shown.stderr.splitlines()[-1] == "error: internal error: RuntimeError: disk on fire"


def test_the_installed_command_never_wraps_nor_reads_markup_in_an_error(tmp_path: Path) -> None:
    missing = tmp_path / ("a-rather-long-folder-name-" * 3) / "[bold]x[/bold].yaml"
    env = {**os.environ, "COLUMNS": "30", "HEXAMEM_DEBUG": ""}
    done = subprocess.run(
        [str(HEXAMEM), "simulate", str(missing)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 2 and done.stdout == ""
    line = one_error_line(done.stderr)
    assert line == f"error: {missing}: cannot be read: No such file or directory"


def test_a_scenario_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    scenario = tmp_path / "latin1.yaml"
    scenario.write_bytes(SCENARIO.replace("Hi, I'm", "Salut, ça va? I'm").encode("latin-1"))
    offset = SCENARIO.encode().index(b"Hi, I'm") + len("Salut, ")
    result = hexamem("simulate", scenario, "--home", tmp_path / "home")
    assert result.exit_code == 2
    assert one_error_line(result.stderr).startswith(
        f"error: {scenario} is not UTF-8 text (byte 0xe7 at offset {offset}); "
    )
    assert not (tmp_path / "home").exists()


def test_an_import_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    archive = tmp_path / "backup.jsonl"
    archive.write_bytes(b'{"kind": "header"}\n\xff\n')
    result = hexamem("import", archive, "--home", tmp_path / "home")
    assert result.exit_code == 2
    assert f"{archive} is not UTF-8 text (byte 0xff at offset 19)" in one_error_line(result.stderr)
    piped = hexamem("import", "-", "--home", tmp_path / "home", input=b"\xfe")
    assert piped.exit_code == 2
    assert "stdin is not UTF-8 text (byte 0xfe at offset 0)" in one_error_line(piped.stderr)


def test_a_malformed_record_names_file_line_and_first_field_and_writes_nothing(
    played: tuple[Path, dict], tmp_path: Path
) -> None:
    home, _ = played
    lines = hexamem("export", "alice", "--home", home, "--reveal-secrets").stdout.splitlines()
    number = next(n for n, line in enumerate(lines, 1) if json.loads(line)["kind"] == "memory")
    record = json.loads(lines[number - 1])
    record["data"]["type"] = "diary"
    record["data"]["version"] = "first"
    lines[number - 1] = json.dumps(record)
    archive = tmp_path / "backup.jsonl"
    archive.write_text("\n".join(lines) + "\n")
    other = tmp_path / "other"
    result = hexamem("import", archive, "--home", other)
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert line.startswith(f"error: {archive} line {number}: field '")
    assert "more problem" in line and "errors.pydantic.dev" not in line
    assert json.loads(hexamem("stats", "--home", other, "--json").stdout) == []


def test_times_without_a_zone_are_utc_and_a_bad_one_names_the_flag(played) -> None:
    home, _ = played

    def cities(as_of: str) -> list[str]:
        found = hexamem(
            "search", "where does Alice live", "-u", "alice", "--home", home,
            "-t", "semantic", "--as-of", as_of, "--json",
        )  # fmt: skip
        assert found.exit_code == 0, found.stderr
        return [hit["item"]["payload"].get("object") for hit in json.loads(found.stdout)]

    before = cities("2024-04-01T00:00:00+00:00")
    assert "Paris" in before and "Berlin" not in before
    assert cities("2024-04-01T00:00:00") == before
    assert cities("2024-04-01") == before
    assert "Berlin" in cities("2024-07-01")
    wrong = hexamem("search", "x", "-u", "alice", "--home", home, "--as-of", "last tuesday")
    assert wrong.exit_code == 2
    assert one_error_line(wrong.stderr).startswith("error: --as-of: 'last tuesday' is not a date")


@pytest.mark.parametrize(
    "command",
    [
        ["inspect"],
        ["search", "where"],
        ["stats"],
        ["timeline", "Alice"],
        ["history", "mem_x"],
        ["export"],
    ],
)
def test_an_unknown_user_is_named_with_near_matches(played, command: list[str]) -> None:
    home, _ = played
    user = ["Alice"] if command == ["export"] else ["-u", "Alice"]
    result = hexamem(*command, *user, "--home", home)
    assert result.exit_code == 2 and result.stdout == ""
    line = one_error_line(result.stderr)
    assert "no memories for user 'Alice'" in line and "case-sensitive" in line
    assert "did you mean 'alice'?" in line


def test_a_known_user_with_nothing_current_is_no_error(played) -> None:
    home, _ = played
    result = hexamem("inspect", "-u", "alice", "-t", "procedural", "--home", home)
    assert result.exit_code == 0 and "alice: 0 memories" in result.stdout
    far = hexamem("inspect", "-u", "zebulon", "--home", home)
    assert far.exit_code == 2 and "(known users: 'alice')" in far.stderr


def test_the_command_line_loads_nothing_heavy_before_a_command_runs() -> None:
    probe = "import sys, hexamem.cli; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    heavy = ("pydantic", "rich.table", "hexamem.memory", "hexamem.intake", "numpy", "chromadb")
    assert not [name for name in loaded if name.startswith(heavy)]
    assert "hexamem.cli.errors" in loaded
