"""Kill a writing process (or its graph server) again and again, then check what survived.

A child process opens a memory and writes: episodes with idempotency keys, graph
facts, forgets of one memory and of a whole user, and imports of an exported user.
It prints ``ack <n>`` only once a write has returned. The parent SIGKILLs the child
(while it writes, forgets, imports, or is still opening, replaying and checking the
stores), or the embedded graph server under it, at random moments; or it has the
child kill itself right at one store write (`kill_points`). Then it starts the next
child on the same directory. In the end every acknowledged write must be there
exactly once, no user whose forget was acknowledged may be back, and every store
must agree with the records (`Memory.doctor`). The suite runs a few rounds;
`benchmarks/kills.py` runs hundreds.

    python -m tests.oplog.kill_harness --rounds 200 --home /tmp/kills
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.oplog.kill_points import IMPORT_TARGETS, TARGETS, KillPoint, arm

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2024, 1, 1, tzinfo=UTC)
USERS = ("ana", "bo", "cy")
#: A user whose notes are forgotten (whole user) right after they are written.
PASSING = "dee"


@dataclass
class Outcome:
    rounds: int = 0
    writer_kills: int = 0
    graph_kills: int = 0
    open_kills: int = 0
    point_kills: dict[str, int] = field(default_factory=dict)
    forgotten_up_to: int = -1
    acknowledged: set[int] = field(default_factory=set)
    missing: list[int] = field(default_factory=list)
    #: Imports acknowledged whose user is not back exactly as exported.
    imports_wrong: list[int] = field(default_factory=list)
    resurrected: list[int] = field(default_factory=list)
    duplicated: list[int] = field(default_factory=list)
    disagreeing_users: list[str] = field(default_factory=list)
    #: Children that died of an error rather than a kill (a broken harness or a bug).
    crashed: int = 0
    #: The last lines of each crashed child's stderr, so a crash can be read afterwards.
    crash_reports: list[str] = field(default_factory=list)

    @property
    def held(self) -> bool:
        wrong = self.missing, self.imports_wrong, self.duplicated, self.resurrected
        return not (any(wrong) or self.disagreeing_users or self.crashed)


def imported(n: int) -> str:
    """The user exported, forgotten and imported back at write `n`."""
    return f"imp{n}"


def child(home: str, first: int, point: KillPoint | None) -> None:
    """Write until killed, printing `ack <n>` after each write returns."""
    sys.path.insert(0, str(ROOT))
    from hexamem import Memory
    from tests.fakes.embedder import HashingEmbedder
    from tests.helpers import lives

    with Memory.open(home, embedder=HashingEmbedder(), llm="offline") as memory:
        server = memory._c.graph.server
        if point is not None:
            arm(memory, point)
        print(f"ready {server.pid if server else 0}", flush=True)
        n = first
        while True:
            user, at = USERS[n % len(USERS)], START + timedelta(minutes=n)
            if n % 4 == 3:  # a graph fact, through the full write path
                memory.apply([lives(f"P{n}", f"City{n % 7}")], user_id=user, timestamp=at)
            else:
                memory.add(
                    f"note {n} from {user}",
                    user_id=user,
                    timestamp=at,
                    infer=False,
                    idempotency_key=f"k{n}",
                )
            if n % 9 == 8:
                older = memory.list(user)
                if older:
                    memory.forget(older[-1].id, user_id=user)
            if n % 6 == 5:  # a passing user, forgotten whole: a kill may land mid-forget
                memory.add(f"note {n} from {PASSING}", user_id=PASSING, timestamp=at, infer=False)
                memory.forget(user_id=PASSING)
                print(f"forgot {n}", flush=True)
            if n % 10 == 7:  # out and back in: a kill may land mid-import
                for part in ("first", "second"):
                    memory.add(f"{part} of {n}", user_id=imported(n), timestamp=at, infer=False)
                memory.apply([lives(f"Q{n}", "Town")], user_id=imported(n), timestamp=at)
                archive = memory.export(imported(n))
                memory.forget(user_id=imported(n))
                memory.import_(archive)
            print(f"ack {n}", flush=True)
            n += 1


def run(
    rounds: int,
    home: Path,
    *,
    seed: int = 7,
    max_wait: float = 1.5,
    points: Sequence[KillPoint] = (),
) -> Outcome:
    """`rounds` kills; the first rounds die at `points`, the rest as chance has it."""
    random.seed(seed)
    outcome = Outcome()
    next_n = 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_number in range(rounds):
        if round_number < len(points):
            point: KillPoint | None = points[round_number]
        else:
            point = _point() if random.random() < 0.4 else None
        with tempfile.TemporaryFile("w+") as errors:
            process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "tests.oplog.kill_harness"),
                    *("--child", str(home), str(next_n), str(point or "")),
                ],
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                env=env,
                cwd=ROOT,
            )
            if point is not None:
                _let_it_die(process)
                outcome.writer_kills += process.poll() is None  # never got there: a plain kill
            elif random.random() < 0.2:  # while it imports, opens, replays, checks the stores
                time.sleep(random.uniform(0.0, 2.0))
                outcome.open_kills += 1
            else:
                _let_it_write(process, outcome, max_wait)
                outcome.writer_kills += 1
            process.kill()
            _collect(process, outcome)
            if process.returncode != -signal.SIGKILL:
                outcome.crashed += 1
                errors.seek(0)
                tail = errors.read().splitlines()[-6:]
                outcome.crash_reports.append(f"round {round_number}, {point}: " + " | ".join(tail))
        next_n = max([next_n, *outcome.acknowledged]) + 2  # past the write in flight
        outcome.rounds += 1
    _verify(home, outcome)
    return outcome


def _point() -> KillPoint:
    if random.random() < 0.3:
        return KillPoint(random.choice(IMPORT_TARGETS), random.random() < 0.5, 1, in_import=True)
    return KillPoint(random.choice(TARGETS), random.random() < 0.5, random.randint(1, 4))


def _let_it_die(process: subprocess.Popen[str], patience: float = 20.0) -> None:
    """Let the child reach its kill point; one that never gets there is killed at the end."""
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(patience)


def _let_it_write(process: subprocess.Popen[str], outcome: Outcome, max_wait: float) -> None:
    """Wait until the child is open, let it write a while, sometimes kill its graph server."""
    assert process.stdout is not None
    ready = process.stdout.readline().split()
    deadline = time.monotonic() + random.uniform(0.05, max_wait)
    graph_pid = int(ready[1]) if len(ready) == 2 else 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.01)
    if graph_pid and random.random() < 0.25:
        _kill(graph_pid)
        outcome.graph_kills += 1
        time.sleep(random.uniform(0.0, 0.3))  # the child notices, restarts it, goes on


def _collect(process: subprocess.Popen[str], outcome: Outcome) -> None:
    lines, _ = process.communicate()
    for line in lines.splitlines():
        word, _, number = line.partition(" ")
        if word == "ack":
            outcome.acknowledged.add(int(number))
        elif word == "dying":
            outcome.point_kills[number] = outcome.point_kills.get(number, 0) + 1
        elif word == "forgot":
            outcome.forgotten_up_to = max(outcome.forgotten_up_to, int(number))


def _verify(home: Path, outcome: Outcome) -> None:
    sys.path.insert(0, str(ROOT))
    from hexamem import Memory
    from hexamem.memory_types.ids import keyed_id
    from tests.fakes.embedder import HashingEmbedder

    with Memory.open(str(home), embedder=HashingEmbedder(), llm="offline") as memory:
        for n in sorted(outcome.acknowledged):
            if n % 10 == 7 and not _imported_whole(memory, n):
                outcome.imports_wrong.append(n)
            if n % 4 == 3:
                continue  # facts carry no key; the doctor checks them
            user = USERS[n % len(USERS)]
            episode = keyed_id("ep", user, f"k{n}")
            if not memory._c.records.episode_exists(episode):
                outcome.missing.append(n)
        for user in USERS:
            said = [m.content for e in memory._c.records.episodes(user) for m in e.messages]
            facts = [i.payload.summary for i in memory.list(user) if i.type.value == "semantic"]
            for texts in (said, facts):
                outcome.duplicated += sorted(
                    {_number(t) for t in texts if texts.count(t) > 1 and _number(t) >= 0}
                )
        for episode in memory._c.records.episodes(PASSING):  # a forget acknowledged holds
            for message in episode.messages:
                if 0 <= _number(message.content) <= outcome.forgotten_up_to:
                    outcome.resurrected.append(_number(message.content))
        report = memory.doctor()
        outcome.disagreeing_users = [u.user_id for u in report.users if not u.agrees]


def _imported_whole(memory: Any, n: int) -> bool:
    said = [m.content for e in memory._c.records.episodes(imported(n)) for m in e.messages]
    kept = sorted(i.payload.summary for i in memory.list(imported(n)))
    return sorted(said) == [f"first of {n}", f"second of {n}"] and kept == [
        f"Q{n} lives in Town",
        *sorted(said),
    ]


def _number(text: str) -> int:
    """The write number in "note 12 from ana" or "P15 lives in City1"; -1 for others."""
    words = text.split()
    if len(words) > 1 and words[0] == "note" and words[1].isdigit():
        return int(words[1])
    if words and words[0][1:].isdigit():
        return int(words[0][1:])
    return -1


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=3, metavar=("HOME", "FIRST", "POINT"))
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--home", type=Path)
    args = parser.parse_args()
    if args.child:
        home, first, point = args.child
        child(home, int(first), KillPoint.parse(point) if point else None)
        return
    home = args.home or Path(tempfile.mkdtemp(prefix="hexamem-kills-"))
    started = time.monotonic()
    outcome = run(args.rounds, home)
    print(
        f"{outcome.rounds} rounds: {outcome.writer_kills} writer kills, {outcome.graph_kills} "
        f"graph-server kills, {outcome.open_kills} kills while opening, "
        f"{sum(outcome.point_kills.values())} kills at a store write "
        f"({len(outcome.point_kills)} distinct points), "
        f"{len(outcome.acknowledged)} writes acknowledged; missing {len(outcome.missing)}, "
        f"imports not whole {len(outcome.imports_wrong)}, "
        f"duplicated {len(outcome.duplicated)}, forgotten yet back {len(outcome.resurrected)}, "
        f"children crashed {outcome.crashed}, stores disagreeing for "
        f"{outcome.disagreeing_users or 'nobody'} ({time.monotonic() - started:.0f} s)"
    )
    for point, kills in sorted(outcome.point_kills.items()):
        print(f"  {kills:3} at {point}")
    for report in outcome.crash_reports:
        print(f"crashed: {report}")
    sys.exit(0 if outcome.held else 1)


if __name__ == "__main__":
    main()
