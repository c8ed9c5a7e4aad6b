"""``summarizer.evals.run_suite``: the eval suite from Python (what ``eval run`` does), gate included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import evals
from summarizer.errors import GateFailed, InputError


def test_run_suite_stores_gates_and_writes_the_baseline(
    cases_dir: Path, keyword_analyzer, tmp_path: Path
) -> None:
    keyword_analyzer("good")
    base = tmp_path / "base.json"
    first = evals.run_suite(cases=cases_dir, label="base", save_baseline=base)
    assert first.ok and first.gate is None and first.run.case_count == 3
    assert json.loads(base.read_text())["aggregate"] == first.run.aggregate

    same = evals.run_suite(cases=cases_dir, baseline=str(base))
    assert same.ok and same.gate is not None and same.comparison is not None
    assert same.enforce() is same
    assert evals.run_suite(cases=cases_dir, baseline="base").ok  # a stored run's label works too

    keyword_analyzer("blind")
    worse = evals.run_suite(cases=cases_dir, baseline=str(base))
    assert not worse.ok and worse.gate.violations  # type: ignore[union-attr]
    with pytest.raises(GateFailed, match="eval gate failed"):
        worse.enforce()


def test_plan_suite_spends_nothing_and_refuses_bad_options(cases_dir: Path, keyword_analyzer) -> None:
    calls = keyword_analyzer("good")
    plan = evals.plan_suite(cases=cases_dir, case_ids=["sharing-sell"])
    assert [c.id for c in plan.cases] == ["sharing-sell"] and plan.analyzer == "rules"
    assert not calls  # nothing analysed yet
    seen = []
    result = plan.run(on_result=lambda r: seen.append(r.case_id))
    assert seen == ["sharing-sell"] and result.run.case_count == 1
    with pytest.raises(InputError) as prompt:
        evals.plan_suite(cases=cases_dir, prompt="change_record@v1")
    assert prompt.value.setting == "prompt" and "--" not in str(prompt.value)
    with pytest.raises(InputError) as analyzer:
        evals.plan_suite(cases=cases_dir, analyzer="gpt")
    assert analyzer.value.setting == "analyzer"
    with pytest.raises(InputError, match="no such cases directory"):
        evals.plan_suite(cases=cases_dir / "nowhere")
