"""A whole evaluation on slices written here: every system scored, cached ingest, the CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hexamem.cli.app import app
from hexamem.evaluation.run import EvalConfig, _cache_name, evaluate
from hexamem.evaluation.summary import summarise
from tests.evaluation.slices import locomo_file, longmemeval_file
from tests.fakes.embedder import HashingEmbedder


def test_locomo_slice_is_scored_for_every_system_and_ingest_is_cached(tmp_path: Path) -> None:
    config = EvalConfig("locomo", locomo_file(tmp_path / "l.json"), tmp_path / "out")
    run = evaluate(config, embedder=HashingEmbedder())
    assert run.ingest["turns"] == 5 and run.ingest["haystacks_cached"] == 0
    systems = {r["system"] for r in run.rows}
    assert systems == {"hexamem", "bm25", "dense"}
    bm25 = {r["question"]: r for r in run.rows if r["system"] == "bm25"}
    cat = next(q.id for q in run.benchmark.questions if "cat" in q.text)
    assert bm25[cat]["ranked"][0] == ["D1:1"]  # "Ana's cat" names only that turn
    hexamem = [r for r in run.rows if r["system"] == "hexamem" and r["scored"]]
    assert len(hexamem) == 4 and all("f1" in r for r in hexamem)  # 7 less 3 unscorable
    summary = summarise(run)
    assert summary["systems"]["bm25"]["overall"]["n"] == 4.0
    assert "adversarial" not in summary["systems"]["bm25"]["categories"]  # nothing to find
    assert summary["evidence_dropped"] == {"no evidence given": 1, "evidence names no turn": 1}
    again = evaluate(config, embedder=HashingEmbedder())
    assert again.ingest["turns"] == 0 and again.ingest["haystacks_cached"] == 1
    assert [r["ranked"] for r in again.rows] == [r["ranked"] for r in run.rows]


def test_longmemeval_slice_scores_sessions_and_user_turns(tmp_path: Path) -> None:
    data = longmemeval_file(tmp_path / "m.json")
    config = EvalConfig("longmemeval", data, tmp_path / "out", answers=False)
    run = evaluate(config, embedder=HashingEmbedder())
    scored = [r for r in run.rows if r["scored"]]
    assert {r["question"] for r in scored} == {"q1"}  # not the abstention, not assistant-only
    dense = next(r for r in scored if r["system"] == "dense")
    assert dense["session_any@5"] == 1.0  # two sessions: both are in any top five
    assert dense["any@10"] == 1.0 and dense["all@10"] == 1.0  # the two user turns
    assert not any("f1" in r for r in run.rows)


def test_the_command_writes_results_a_report_and_plots(tmp_path: Path) -> None:
    data = locomo_file(tmp_path / "l.json")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["eval", "locomo", "--data", str(data), "--out", str(out), "--no-answers"]
    )
    assert result.exit_code == 0, result.output
    assert "hexamem" in result.output and "any@5" in result.output
    results = json.loads((out / "results.json").read_text())
    assert results["summary"]["questions_scored"] == 4
    report = (out / "report.md").read_text()
    assert "| bm25 |" in report and "recall_by_k.png" in report
    assert (out / "recall_by_k.png").read_bytes()[:4] == b"\x89PNG"
    bad = CliRunner().invoke(app, ["eval", "locomo", "--data", str(tmp_path / "none.json")])
    assert bad.exit_code == 2 and "no such file" in bad.output


def test_raw_ingestion_is_cached_once_for_every_model_inference_per_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = locomo_file(tmp_path / "l.json")

    def name(**changes: object) -> str:
        return _cache_name(replace(EvalConfig("locomo", data, tmp_path), **changes))

    assert name(llm="offline") == name(llm="anthropic") == name()
    assert name(infer=True, llm="offline") != name(infer=True, llm="anthropic")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "k")
    assert name(infer=True) == name(infer=True, llm="anthropic")  # the default, as elsewhere
