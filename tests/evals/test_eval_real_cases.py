"""The committed golden cases and baseline, and the real offline analyzer on a few real cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.evals.cases import load_cases
from summarizer.evals.gate import check_gate
from summarizer.evals.results import RunResult
from summarizer.evals.runner import run_eval
from summarizer.model.taxonomy import CATEGORY_IDS

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "evals" / "cases"
BASELINE = ROOT / "evals" / "baselines" / "rules.json"
REGENERATE = "regenerate it: summarizer eval run --analyzer rules --save-baseline evals/baselines/rules.json"


def test_every_committed_case_loads() -> None:
    cases = load_cases(CASES)
    assert len(cases) >= 40
    assert sum(1 for c in cases if not c.expected.material) >= 8  # cosmetic-only updates
    for c in cases:
        assert c.note.strip(), f"{c.id}: the note explaining the labels is empty"
        assert set(c.expected.categories) <= set(CATEGORY_IDS)


def test_the_committed_baseline_matches_the_committed_cases() -> None:
    baseline = RunResult.from_file(BASELINE)
    assert baseline.analyzer == "rules"
    cases = {c.id: c for c in load_cases(CASES)}
    in_baseline = baseline.by_case()
    assert sorted(in_baseline) == sorted(cases), (
        f"the baseline does not cover the committed cases: {REGENERATE}"
    )
    changed = sorted(i for i, r in in_baseline.items() if r.case_sha256 != cases[i].sha256)
    assert not changed, f"cases changed since the baseline was made ({', '.join(changed)}): {REGENERATE}"
    assert baseline.aggregate["cases"] == len(cases) and baseline.aggregate["errors"] == 0


@pytest.fixture(scope="module")
def real_run() -> RunResult:
    ids = [
        "meetup-privacy-2022-date-only",
        "parler-terms-2023-planted-json",
        "nissan-privacy-hedged-retention",
    ]
    return run_eval(load_cases(CASES, ids=ids), analyzer="rules")


def test_rules_analyzer_on_real_cases(real_run: RunResult) -> None:
    assert [r.case_id for r in real_run.results] == [
        "meetup-privacy-2022-date-only",
        "parler-terms-2023-planted-json",
        "nissan-privacy-hedged-retention",
    ]
    for r in real_run.results:
        assert r.error is None, r.error
        assert r.record and r.record["provenance"]["analyzer"] == "rules"
        assert r.metrics["quote_verbatim_rate"] in (None, 1.0), r.detail[
            "quotes_not_verbatim"
        ]  # extractive quotes
        assert r.metrics["forbidden_rate"] == 0.0, r.detail["forbidden_found"]
    assert real_run.aggregate["calls"] == 0 and real_run.aggregate["tokens"] == 0  # offline: no model


def test_the_same_analyzer_passes_its_own_gate(real_run: RunResult) -> None:
    again = run_eval(load_cases(CASES, ids=[r.case_id for r in real_run.results]), analyzer="rules")
    assert [r.metrics for r in again.results] == [r.metrics for r in real_run.results]  # deterministic
    assert check_gate(again, real_run, 0.0).ok
