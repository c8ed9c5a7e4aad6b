"""compare lists regressed and improved cases; the gate fails (exit 1) naming metric and cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.errors import GateFailed, InputError
from summarizer.evals.cases import load_cases
from summarizer.evals.compare import compare_runs
from summarizer.evals.gate import check_gate, enforce_gate
from summarizer.evals.results import CaseResult, RunResult
from summarizer.evals.runner import run_eval


@pytest.fixture
def runs(cases_dir: Path, kit) -> tuple[RunResult, RunResult]:
    cases = load_cases(cases_dir)
    good = run_eval(cases, analyzer=kit.KeywordAnalyzer("good"), label="good")
    blind = run_eval(cases, analyzer=kit.KeywordAnalyzer("blind"), label="blind")
    return good, blind


def test_compare_lists_regressed_and_improved_cases(runs) -> None:
    good, blind = runs
    forward = compare_runs(good, blind)
    assert [c.case_id for c in forward.regressed] == ["sharing-sell"]
    assert forward.improved == []
    case = forward.regressed[0]
    assert [m.metric for m in case.worse] == ["category_f1"]
    assert "category_f1 1.00→0.67" in case.summary() and "passed→failed" in case.summary()
    agg = {m.metric: m for m in forward.aggregate}
    assert agg["category_f1"].status == "worse" and agg["material_accuracy"].status == "same"
    backward = compare_runs(blind, good)
    assert [c.case_id for c in backward.improved] == ["sharing-sell"] and backward.regressed == []
    assert {c.case_id: c.status for c in backward.cases}["cosmetic-date"] == "unchanged"
    data = forward.to_dict()
    assert data["regressed"] == ["sharing-sell"] and data["restricted_to_shared_cases"] is False


def test_gate_fails_naming_the_metric_and_the_cases(runs) -> None:
    good, blind = runs
    result = check_gate(blind, good, 0.02)
    assert not result.ok
    [violation] = result.violations
    assert violation.metric == "category_f1" and violation.regression > 0.02
    assert [c.case_id for c in violation.cases] == ["sharing-sell"]
    with pytest.raises(GateFailed) as info:
        enforce_gate(blind, good, 0.02)
    message = str(info.value)
    assert message.startswith("eval gate failed against")
    assert "category_f1 fell" in message and "cases: sharing-sell (1.00→0.67)" in message
    from summarizer.cli.errors import exit_code

    assert exit_code(info.value) == 1  # the CLI's mapping: a failed gate exits 1


def test_gate_passes_within_tolerance_and_on_improvement(runs) -> None:
    good, blind = runs
    drop = check_gate(blind, good, 0.0).violations[0].regression
    assert check_gate(blind, good, drop + 0.001).ok  # within the allowance
    assert check_gate(good, blind, 0.0).ok  # better is never a regression
    assert enforce_gate(good, good, 0.0).ok


def _run(run_id: str, rows: dict[str, dict]) -> RunResult:
    run = RunResult(
        run_id=run_id,
        analyzer="x",
        results=[CaseResult(case_id=k, metrics=v, passed=True) for k, v in rows.items()],
    )
    run.recompute()
    return run


def test_rising_forbidden_claims_trip_the_gate() -> None:
    base = _run(
        "a",
        {
            "c1": {"forbidden_hits": 0, "forbidden_total": 2, "forbidden_rate": 0.0},
            "c2": {"forbidden_hits": 0, "forbidden_total": 2, "forbidden_rate": 0.0},
        },
    )
    head = _run(
        "b",
        {
            "c1": {"forbidden_hits": 1, "forbidden_total": 2, "forbidden_rate": 0.5},
            "c2": {"forbidden_hits": 0, "forbidden_total": 2, "forbidden_rate": 0.0},
        },
    )
    result = check_gate(head, base, 0.1)
    assert [v.metric for v in result.violations] == ["forbidden_claim_rate"]
    assert "forbidden_claim_rate rose 0.250" in result.message() and "c1 (0.00→0.50)" in result.message()
    assert check_gate(base, head, 0.0).ok


def test_harder_prose_trips_the_gate_by_grade_levels_not_points() -> None:
    base = _run(
        "a", {"c1": {"reading_grade": 6.0}, "c2": {"reading_grade": 7.0}, "c3": {"reading_grade": None}}
    )
    head = _run(
        "b", {"c1": {"reading_grade": 9.5}, "c2": {"reading_grade": 6.5}, "c3": {"reading_grade": 12.0}}
    )
    # each run's mean is over its own graded cases (c3 had no grade in the baseline: an error there)
    rise = head.aggregate["reading_grade"] - base.aggregate["reading_grade"]
    assert rise > 1.0
    result = check_gate(head, base, 0.02)  # the rates' allowance (points) does not apply to grades
    [violation] = result.violations
    assert violation.metric == "reading_grade" and violation.allowed == 1.0
    assert [c.case_id for c in violation.cases] == ["c1"]  # c2 got easier; c3 had no baseline grade
    assert "reading_grade rose" in result.message() and "reading grade +1" in result.message()
    assert check_gate(head, base, 0.02, max_grade_rise=rise + 0.01).ok
    assert check_gate(base, head, 0.0, max_grade_rise=0.0).ok  # easier prose is never a regression
    with pytest.raises(InputError, match="must be zero or more") as negative:
        check_gate(head, base, 0.02, max_grade_rise=-1.0)
    assert negative.value.setting == "max_regression"


def test_gate_compares_shared_cases_only(runs, cases_dir: Path, kit) -> None:
    good, _ = runs
    subset = run_eval(load_cases(cases_dir, ids=["cosmetic-date"]), analyzer=kit.KeywordAnalyzer("blind"))
    result = check_gate(subset, good, 0.0)
    assert result.ok and result.shared_cases == 1
    assert result.missing_cases == ["arbitration-added", "sharing-sell"]
    assert "2 baseline case(s) not in this run" in result.message()
    comparison = compare_runs(good, subset)
    assert comparison.restricted and {c.status for c in comparison.cases} == {"only_a", "unchanged"}
    with pytest.raises(InputError, match="share no case"):
        check_gate(_run("z", {"other": {}}), good, 0.0)


def test_changed_cases_are_reported(runs) -> None:
    good, _ = runs
    edited = good.model_copy(deep=True)
    edited.results[0].case_sha256 = "0" * 64
    assert compare_runs(good, edited).changed_cases == [good.results[0].case_id]
    assert "changed since the baseline" in check_gate(edited, good, 0.0).message()


def test_an_erroring_case_is_named_as_a_cause(cases_dir: Path, kit, runs) -> None:
    from summarizer.errors import UpstreamError

    good, _ = runs

    class Down(kit.KeywordAnalyzer):
        def analyze(self, diff):
            if "arbitration" in diff.new.text:
                raise UpstreamError("timeout")
            return super().analyze(diff)

    head = run_eval(load_cases(cases_dir), analyzer=Down())
    result = check_gate(head, good, 0.02)
    assert {v.metric for v in result.violations} >= {"material_accuracy", "category_f1", "fact_recall"}
    assert all([c.case_id for c in v.cases] == ["arbitration-added"] for v in result.violations)
    assert "arbitration-added (1.00→0.00, error)" in result.message()
