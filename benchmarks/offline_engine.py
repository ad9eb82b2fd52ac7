"""How well the offline engine files memories: current facts, types and secrets, on scenarios.

    python benchmarks/offline_engine.py

Each scenario is a short conversation written for this measurement (not taken
from the benchmark data), with the current facts, memory types and secrets it
should leave behind. Reports fact precision and recall, type coverage, and
secrets found outside the vault (which must be zero).
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hexamem import Memory  # noqa: E402
from hexamem.memory_types import MemoryType  # noqa: E402

T0 = datetime(2024, 3, 1, 10, tzinfo=UTC)


@dataclass
class Scenario:
    name: str
    sessions: list[list[str]]
    facts: set[tuple[str, str]]  # (relation, object) that must be current at the end
    types: set[str]
    secrets: tuple[str, ...] = ()


SCENARIOS = [
    Scenario("relocation", [["I live in Paris."], ["We moved to Berlin last week!"]],
             {("lives_in", "Berlin")}, {"semantic", "core", "episodic"}),
    Scenario("job change", [["I work at Acme Corp."], ["I now work at Globex since Monday."]],
             {("works_at", "Globex")}, {"semantic", "core"}),
    Scenario("preference revised", [["My favourite food is sushi."],
                                    ["My favourite food is ramen these days."]],
             {("favourite_food", "ramen")}, {"semantic"}),
    Scenario("family and pets", [["My wife is called Maria. I have a dog named Rex."]],
             {("partner", "Maria"), ("pet", "Rex")}, {"semantic", "core"}),
    Scenario("a secret", [["My bank PIN is 4921, please remember it."]],
             set(), {"knowledge_vault"}, ("4921",)),
    Scenario("a how-to", [["To make cold brew: 1. Grind coarse 2. Steep twelve hours "
                           "3. Filter twice"]], set(), {"procedural"}),
    Scenario("a link", [["The slides are at https://example.com/deck.pdf for Friday."]],
             set(), {"resource"}),
    Scenario("other people", [["Tom lives in Rome. Maya works at Initech."]],
             {("lives_in", "Rome"), ("works_at", "Initech")}, {"semantic"}),
]


def run(scenario: Scenario, home: str) -> dict:
    with Memory.open(home) as memory:
        for day, lines in enumerate(scenario.sessions):
            memory.add([{"role": "user", "content": line} for line in lines], user_id="u",
                       timestamp=T0 + timedelta(days=30 * day))
        items = memory.list("u", reveal_secrets=True)
        facts = {(i.payload.relation, i.payload.object) for i in items
                 if i.type is MemoryType.SEMANTIC and getattr(i.payload, "relation", None)}
        types = {i.type.value for i in items}
        leaks = sum(secret in i.model_dump_json() for secret in scenario.secrets
                    for i in memory.list("u", include_expired=True, reveal_secrets=True)
                    if i.type is not MemoryType.KNOWLEDGE_VAULT)
        vaulted = all(any(secret == getattr(i.payload, "secret_value", None) for i in items)
                      for secret in scenario.secrets)
    return {"facts": facts, "types": types, "leaks": leaks, "vaulted": vaulted}


def main() -> int:
    true_pos = extracted = expected = types_hit = types_wanted = leaks = 0
    for scenario in SCENARIOS:
        with tempfile.TemporaryDirectory() as home:
            got = run(scenario, home)
        hit = got["facts"] & scenario.facts
        true_pos, extracted, expected = (true_pos + len(hit), extracted + len(got["facts"]),
                                         expected + len(scenario.facts))
        types_hit += len(scenario.types & got["types"])
        types_wanted += len(scenario.types)
        leaks += got["leaks"]
        missing = scenario.facts - got["facts"]
        extra = got["facts"] - scenario.facts
        print(f"{scenario.name:<20} facts {len(hit)}/{len(scenario.facts)}"
              f"{' missing ' + str(sorted(missing)) if missing else ''}"
              f"{' extra ' + str(sorted(extra)) if extra else ''}"
              f"; types {sorted(scenario.types & got['types'])} of {sorted(scenario.types)}"
              f"{'; secret vaulted' if scenario.secrets and got['vaulted'] else ''}")
    precision = true_pos / extracted if extracted else 1.0
    recall = true_pos / expected if expected else 1.0
    print(f"current facts: precision {precision:.2f}, recall {recall:.2f} "
          f"({true_pos} of {expected} expected, {extracted} extracted); "
          f"types {types_hit}/{types_wanted}; secrets outside the vault: {leaks}")
    return 0 if leaks == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
