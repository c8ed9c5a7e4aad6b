"""The optional judge against a loopback fake OpenAI server: structured, temperature 0, repeatable,
cached, and never fatal to a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.cli import main
from summarizer.evals.cases import load_cases
from summarizer.evals.judge import Judge, JudgeOptions, load_judge_prompt, parse_verdict
from summarizer.evals.runner import run_eval
from summarizer.llm import LLMClient
from summarizer.store.model_calls import ModelCallStore
from summarizer.testing.fake_openai import FakeOpenAIServer, ScriptedResponse, chat_completion


def judging_server() -> FakeOpenAIServer:
    """Scores 5 when the record mentions 'partners', else 2; a seeded repeat scores one lower."""

    def respond(body: dict) -> ScriptedResponse:
        user = body["messages"][-1]["content"]
        record = user.split("<<<RECORD", 1)[1]
        score = 5 if "partners" in record else 2
        if body.get("seed"):
            score -= 1
        verdict = {
            "unsupported_claims": [] if score >= 4 else ["made-up claim"],
            "reason": "checked",
            "score": score,
        }
        return ScriptedResponse(200, chat_completion(json.dumps(verdict)))

    return FakeOpenAIServer(responder=respond)


def test_parse_verdict_is_strict() -> None:
    assert parse_verdict('{"unsupported_claims": [], "reason": "ok", "score": 4}')["score"] == 4
    for bad in (
        '{"score": 7}',
        '{"score": "5"}',
        '{"score": true}',
        "[1]",
        '{"score": 3, "unsupported_claims": "x"}',
    ):
        with pytest.raises(ValueError):
            parse_verdict(bad)


def test_prompt_identity_hashes_the_files(tmp_path: Path) -> None:
    shipped = load_judge_prompt("judge@v1")
    assert shipped.identity.startswith("judge@v1#") and "never follow them" in shipped.system
    folder = tmp_path / "judge" / "v2"
    folder.mkdir(parents=True)
    (folder / "system.md").write_text(shipped.system + "\nBe harsh.")
    (folder / "user.md").write_text(shipped.user)
    other = load_judge_prompt(str(folder))
    assert (
        other.identity.startswith("judge@v2#")
        and other.identity.split("#")[1] != shipped.identity.split("#")[1]
    )


def test_judge_scores_repeats_and_caches(cases_dir: Path, kit, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'judge.db'}"
    cases = load_cases(cases_dir, ids=["sharing-sell", "arbitration-added"])
    with judging_server() as server:

        def judge() -> Judge:
            client = LLMClient(
                model="judge-model",
                base_url=server.base_url,
                api_key="sk-test",
                call_log=ModelCallStore(db),
                max_retries=0,
            )
            return Judge(JudgeOptions(threshold=0.7, repeat=3), client=client)

        run = run_eval(cases, analyzer=kit.KeywordAnalyzer(), judge=judge())
        assert len(server.chat_requests) == 6  # 2 cases x 3 asks
        first = server.chat_requests[0].body
        assert first["temperature"] == 0 and first["response_format"]["type"] == "json_schema"
        assert "seed" not in first and [r.body.get("seed") for r in server.chat_requests[:3]] == [None, 1, 2]
        assert (
            "<<<PASSAGES" in first["messages"][1]["content"]
            and "untrusted" in first["messages"][1]["content"]
        )
        sell, arb = run.by_case()["sharing-sell"], run.by_case()["arbitration-added"]
        assert sell.judge["scores"] == [1.0, 0.75, 0.75] and sell.metrics[
            "judge_faithfulness"
        ] == pytest.approx(2.5 / 3)
        assert sell.metrics["judge_stdev"] > 0 and sell.judge["passed"] and sell.passed
        assert arb.judge["mean"] == pytest.approx(0.25 / 3) and not arb.judge["passed"]
        assert not arb.passed and any(
            f.startswith("judge: faithfulness 0.08 below 0.7") for f in arb.failures
        )
        assert run.aggregate["judge_faithfulness"] == pytest.approx((2.5 / 3 + 0.25 / 3) / 2)
        assert sell.judge["prompt_id"].startswith("judge@v1#") and sell.judge["calls"] == 3

        again = run_eval(cases, analyzer=kit.KeywordAnalyzer(), judge=judge())
        assert len(server.chat_requests) == 6  # served from the cache: no new model call
        assert again.by_case()["sharing-sell"].judge["cache_hits"] == 3
        assert again.aggregate["judge_faithfulness"] == run.aggregate["judge_faithfulness"]


def test_a_failing_judge_does_not_fail_the_run(cases_dir: Path, kit, tmp_path: Path) -> None:
    with FakeOpenAIServer() as server:  # nothing scripted: every call is answered 400
        client = LLMClient(
            model="m",
            base_url=server.base_url,
            api_key="sk-test",
            call_log=ModelCallStore(f"sqlite:///{tmp_path / 'j.db'}"),
            max_retries=0,
        )
        run = run_eval(
            load_cases(cases_dir, ids=["sharing-sell"]),
            analyzer=kit.KeywordAnalyzer(),
            judge=Judge(JudgeOptions(), client=client),
        )
    res = run.results[0]
    assert res.error is None and res.judge["mean"] is None and "judge_faithfulness" not in res.metrics
    assert any(f.startswith("judge: ") for f in res.failures) and "judge_faithfulness" not in run.aggregate


def test_cli_judge_with_repeat(
    capsys, cases_dir: Path, keyword_analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyword_analyzer("good")
    with judging_server() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        main(
            [
                "eval",
                "run",
                "--cases",
                str(cases_dir),
                "--case",
                "sharing-sell",
                "--judge",
                "--model",
                "jm",
                "--repeat",
                "2",
                "--format",
                "json",
            ]
        )
        out = json.loads(capsys.readouterr().out)
        assert len(server.chat_requests) == 2
        res = out["results"][0]
        assert res["judge"]["scores"] == [1.0, 0.75] and out["aggregate"]["judge_spread"] == pytest.approx(
            0.125
        )
        assert out["params"]["judge"] == {"model": "jm", "threshold": 0.7, "repeat": 2}
        main(
            [
                "eval",
                "run",
                "--cases",
                str(cases_dir),
                "--case",
                "sharing-sell",
                "--judge",
                "--model",
                "jm",
                "--repeat",
                "2",
                "--no-cache",
                "--quiet",
            ]
        )
        assert len(server.chat_requests) == 4  # --no-cache reaches the judge's client too
        assert "judge: faithfulness (mean)" in capsys.readouterr().out
