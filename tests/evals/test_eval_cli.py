"""``summarizer eval ...`` end to end (in process): run, store, baseline, gate exit codes, compare, report."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from summarizer.testing.cli import run_cli as cli


def test_run_baseline_then_gate(capsys, cases_dir: Path, keyword_analyzer, tmp_path: Path) -> None:
    keyword_analyzer("good")
    base = tmp_path / "baselines" / "keywords.json"
    code, out, err = cli(
        capsys,
        "eval",
        "run",
        "--cases",
        str(cases_dir),
        "--label",
        "base",
        "--save-baseline",
        str(base),
        "--format",
        "json",
    )
    assert code == 0, err
    run = json.loads(out)
    assert run["format"] == "summarizer-eval-run/1" and run["label"] == "base" and run["case_count"] == 3
    assert run["results"][0]["record"]["provenance"]["analyzer"] == "keywords"
    saved = json.loads(base.read_text())
    assert saved["aggregate"] == run["aggregate"] and "record" not in saved["results"][0]

    # the same analyzer again: the gate passes (exit 0) and says so
    code, out, err = cli(
        capsys, "eval", "run", "--cases", str(cases_dir), "--baseline", str(base), "--max-regression", "0.02"
    )
    assert code == 0, err
    assert "eval gate passed" in out and "Scores" in out and "Cases" in out
    assert "sharing-sell" in out and "cache hits" in out

    # a worse analyzer: exit 1, the failing metric and the case that caused it on stderr, reports still written
    keyword_analyzer("blind")
    junit, md = tmp_path / "junit.xml", tmp_path / "report.md"
    code, out, err = cli(
        capsys,
        "eval",
        "run",
        "--cases",
        str(cases_dir),
        "--baseline",
        str(base),
        "--max-regression",
        "0.02",
        "--junit",
        str(junit),
        "--report-md",
        str(md),
        "--label",
        "head",
    )
    assert code == 1
    assert "eval gate failed" in err and "category_f1 fell" in err and "sharing-sell" in err
    assert "1 regressed case(s)" in out
    suite = ET.parse(junit).getroot()
    gate_cases = [tc for tc in suite.iter("testcase") if tc.get("classname", "").endswith(".gate")]
    assert [tc.get("name") for tc in gate_cases if tc.find("failure") is not None] == ["category_f1"]
    assert "❌ **Gate failed**" in md.read_text()

    # both runs are stored: compare them by reference
    code, out, err = cli(capsys, "eval", "compare", "base", "latest", "--format", "json")
    assert code == 0, err
    comparison = json.loads(out)
    assert comparison["regressed"] == ["sharing-sell"] and comparison["b"]["label"] == "head"
    code, out, _ = cli(capsys, "eval", "compare", str(base), "latest")
    assert code == 0 and "regressed" in out and "sharing-sell" in out
    code, _, err = cli(capsys, "eval", "compare", str(base), "latest", "--max-regression", "0.02")
    assert code == 1 and "category_f1" in err

    code, out, _ = cli(capsys, "eval", "list")
    assert code == 0 and "head" in out and "latest~1" in out


def test_reports_from_a_stored_run(capsys, cases_dir: Path, keyword_analyzer, tmp_path: Path) -> None:
    keyword_analyzer("misquote")
    assert cli(capsys, "eval", "run", "--cases", str(cases_dir), "--quiet")[0] == 0
    code, out, _ = cli(capsys, "eval", "report", "latest", "--format", "junit")
    assert code == 0
    root = ET.fromstring(out)
    failed = [tc.get("name") for tc in root.iter("testcase") if tc.find("failure") is not None]
    assert sorted(failed) == ["arbitration-added", "sharing-sell"]  # paraphrased quotes fail the quote check
    html = tmp_path / "r.html"
    assert cli(capsys, "eval", "report", "latest", "--format", "html", "--output", str(html))[0] == 0
    assert html.read_text().startswith("<!doctype html>")
    code, out, _ = cli(capsys, "eval", "report", "latest")
    assert code == 0 and "| `sharing-sell` | fail |" in out


def test_exit_codes_for_bad_input_and_upstream_failure(
    capsys, cases_dir: Path, keyword_analyzer, kit, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    keyword_analyzer("good")
    code, _, err = cli(capsys, "eval", "run", "--cases", str(cases_dir), "--baseline", "no-such-run")
    assert code == 2 and err.startswith("error: no eval run matches 'no-such-run'") and err.count("\n") == 1
    code, out, _ = cli(capsys, "eval", "list")
    assert code == 0 and "no eval runs stored yet" in out  # the bad baseline was refused before anything ran
    code, _, err = cli(capsys, "eval", "run", "--cases", str(tmp_path / "nowhere"))
    assert code == 2 and "no such cases directory" in err
    code, _, err = cli(capsys, "eval", "run", "--cases", str(cases_dir), "--analyzer", "gpt")
    assert code == 2 and "unknown analyzer" in err
    code, _, err = cli(capsys, "eval", "run", "--cases", str(cases_dir), "--prompt", "change_record@v1")
    assert code == 2 and "applies to the llm analyzer" in err and "--prompt" in err  # the CLI names the flag
    code, _, err = cli(capsys, "eval", "run", "--cases", str(cases_dir), "--case", "nope")
    assert code == 2 and "unknown case id" in err

    from summarizer.errors import UpstreamError

    class Down(kit.KeywordAnalyzer):
        def analyze(self, diff):
            raise UpstreamError("could not reach http://127.0.0.1:9/v1 after 3 attempts")

    monkeypatch.setattr("summarizer.analyzers.get_analyzer", lambda name, options=None: Down())
    code, _, err = cli(capsys, "eval", "run", "--cases", str(cases_dir), "--label", "down")
    assert code == 3 and "every case failed upstream" in err and err.count("\n") == 1
    code, out, _ = cli(capsys, "eval", "list", "--format", "json")
    assert json.loads(out)[0]["label"] == "down"  # the failed run was stored before exiting 3

    from summarizer.errors import InputError

    class Broke(kit.KeywordAnalyzer):
        def analyze(self, diff):
            raise InputError("budget exceeded: --max-cost 0.0001")

    monkeypatch.setattr("summarizer.analyzers.get_analyzer", lambda name, options=None: Broke())
    code, _, err = cli(capsys, "eval", "run", "--cases", str(cases_dir), "--label", "broke")
    assert code == 2 and "every case failed" in err and "budget exceeded" in err


def test_llm_settings_are_checked_before_any_case_runs(capsys, cases_dir: Path, monkeypatch) -> None:
    code, _, err = cli(
        capsys, "eval", "run", "--cases", str(cases_dir), "--analyzer", "llm", "--prompt", "nope@v9"
    )
    assert code == 2 and "unknown prompt 'nope'" in err
    monkeypatch.delenv("OPENAI_API_KEY")
    code, _, err = cli(
        capsys,
        "eval",
        "run",
        "--cases",
        str(cases_dir),
        "--analyzer",
        "llm",
        "--base-url",
        "https://api.example.com/v1",
    )
    assert code == 2 and "no API key" in err
    code, out, _ = cli(capsys, "eval", "list")
    assert "no eval runs stored yet" in out


def test_no_eval_runs_yet(capsys) -> None:
    code, out, _ = cli(capsys, "eval", "list")
    assert code == 0 and "no eval runs stored yet" in out
    code, _, err = cli(capsys, "eval", "report", "latest")
    assert code == 2 and "not that many stored eval runs" in err
