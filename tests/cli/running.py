"""Running the `hexamem` command in-process, and the scenario the command tests play."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from hexamem.cli import app

SCENARIO = """
name: relocation
user: alice
sessions:
  - id: s1
    at: "2024-03-01T10:00:00"
    turns:
      - user: "Hi, I'm Alice. I live in Paris and I work as a nurse."
      - assistant: "Nice to meet you, Alice!"
      - user: "The wifi password is sunflower42."
  - id: s2
    at: "2024-06-10T09:00:00"
    turns:
      - user: "Big news: we moved to Berlin last week."
probes:
  - after: s1
    ask: "Where does Alice live?"
    expect: ["Paris"]
  - ask: "Where does Alice live?"
    expect: ["Berlin"]
    reject: ["Paris"]
  - memory:
      query: "wifi password"
      type: knowledge_vault
      expect: ["wifi"]
      reject: ["sunflower42"]
"""

runner = CliRunner()


def hexamem(*args: str | Path, input: str | bytes | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)
