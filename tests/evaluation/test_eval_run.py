"""A whole evaluation on slices written here: every system scored, cached ingest, the CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hexamem.cli.app import app
from hexamem.evaluation.judging import ContextAnswer, Verdict
from hexamem.evaluation.report import markdown
from hexamem.evaluation.run import EvalConfig, _cache_name, evaluate
from hexamem.evaluation.summary import summarise
from tests.evaluation.slices import locomo_file, longmemeval_file
from tests.fakes.embedder import HashingEmbedder
from tests.fakes.llm import FunctionLLM, Request
from tests.fakes.messages_api import FakeMessagesAPI, Scripted


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


def test_with_a_model_answers_are_judged_and_full_context_is_a_baseline(tmp_path: Path) -> None:
    def model(request: Request) -> dict[str, object]:
        if request.schema is Verdict:  # the judge: CORRECT when the reference is in the answer
            prompt = request.user
            reference = prompt.split("Reference answer:")[1].split("Answer to grade:")[0]
            graded = prompt.split("Answer to grade:")[1]
            label = "CORRECT" if _quoted(reference) in _quoted(graded) else "WRONG"
            return {"label": label, "reason": "compared"}
        if request.schema is ContextAnswer:
            return {"answer": "a cat" if "cat" in request.user else "I don't know."}
        return {"answer": "I don't know.", "used": [], "abstained": True}

    llm = FunctionLLM(model)
    config = EvalConfig("locomo", locomo_file(tmp_path / "l.json"), tmp_path / "out")
    run = evaluate(config, embedder=HashingEmbedder(), model=llm)
    full = [r for r in run.rows if r["system"] == "full-context"]
    answered = [r for r in run.rows if r["system"] == "hexamem" and "f1" in r]
    assert full and len(full) == len(answered) and not any(r["scored"] for r in full)
    assert all(r["judge"] in (0.0, 1.0) and r["context_tokens"] > 0 for r in full)
    assert all(r["judge"] == 0.0 for r in answered)  # "I don't know." never holds the reference
    # the full-context prompt carries the transcript, with when and who
    sent = [r for r in llm.requests if r.schema is ContextAnswer]
    assert sent and "Ana:" in sent[0].user and "Transcript:" in sent[0].user
    summary = summarise(run)
    assert "graded each answer CORRECT or WRONG" in summary["judge"]
    assert "judge" in summary["systems"]["full-context"]["overall"]
    assert "| full-context |" in markdown(summary, [])


def test_the_offline_engine_runs_no_judge_and_says_so(tmp_path: Path) -> None:
    config = EvalConfig("locomo", locomo_file(tmp_path / "l.json"), tmp_path / "out")
    run = evaluate(config, embedder=HashingEmbedder())
    assert run.judge is None and not any("judge" in r for r in run.rows)
    assert "none: the offline engine runs no judge" in summarise(run)["judge"]


def _quoted(part: str) -> str:
    """The text inside a prompt's data tags, lower case."""
    return part.split(">", 1)[1].rsplit("<", 1)[0].strip().strip('"').lower()


def test_the_command_judges_through_the_anthropic_sdk(
    tmp_path: Path, api: FakeMessagesAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    def claude(body: dict[str, Any]) -> Scripted:
        system = str(body["system"])
        if "You grade an answer" in system:
            return Scripted({"label": "CORRECT", "reason": "same"})
        if "from its whole" in system:
            return Scripted({"answer": "Pixel"})
        return Scripted({"answer": "Pixel", "used": [], "abstained": False})

    api.respond_with(claude, times=100)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
    monkeypatch.setenv("HEXAMEM_ANTHROPIC_BASE_URL", api.url)
    out = tmp_path / "out"
    data = locomo_file(tmp_path / "l.json")
    result = CliRunner().invoke(
        app, ["eval", "locomo", "--data", str(data), "--out", str(out), "--llm", "anthropic"]
    )
    assert result.exit_code == 0, result.output
    assert "full-context" in result.output
    report = (out / "report.md").read_text()
    assert "| full-context |" in report and "anthropic" in report and "graded each" in report
    systems = [str(r.body["system"]) for r in api.requests]
    assert any("You grade an answer" in s for s in systems)
    assert any("from its whole" in s for s in systems)
    assert all(r.headers.get("authorization") == "Bearer sk-test" for r in api.requests)
