"""Micro-averaged citation metrics of the compliance eval: a case with no must-cite entry must not lift
recall, and a long list of citations weighs by its length in precision (issue #15, round 5)."""

from __future__ import annotations

from pathlib import Path

from summarizer.evals import compliance as ev
from summarizer.model.compliance import ComplianceSection, Exposure


def _case(cid: str, must: list[str], optional: list[str] | None = None) -> ev.ComplianceCase:
    return ev.ComplianceCase(
        id=cid,
        old=Path("old.md"),
        new=Path("new.md"),
        entries=must,
        optional=optional or [],
        exposure="low",
        jurisdictions=[],
        forbidden=[],
    )


def _section(cited: list[str]) -> ComplianceSection:
    return ComplianceSection(table_version="regulations@test", exposure=Exposure(level="low"), entries=cited)


def test_micro_recall_counts_must_cite_entries_not_cases() -> None:
    scores = [
        ev.score_case(_case("a", ["x", "y", "z"]), _section(["x"])),  # 1 of 3 cited
        ev.score_case(_case("b", []), _section([])),  # a control: recall 1 per case, nothing to count
        ev.score_case(_case("c", ["w"]), _section(["w"])),
    ]
    agg = ev.aggregate(scores)
    assert agg["citation_recall"] == round((1 / 3 + 1 + 1) / 3, 4)  # macro, flattered by the control
    assert agg["micro_citation_recall"] == 0.5  # 2 of the 4 must-cite entries
    assert agg["must_cite_entries"] == 4 and agg["cases_with_must_cite"] == 2
    assert agg["citation_recall_cases_with_must_cite"] == round((1 / 3 + 1) / 2, 4)


def test_micro_precision_weighs_each_citation() -> None:
    scores = [
        ev.score_case(_case("a", ["x"], ["o"]), _section(["x", "o"])),  # 2 right
        ev.score_case(_case("b", []), _section(["p", "q", "r", "s"])),  # 4 wrong
        ev.score_case(_case("c", []), _section([])),  # nothing cited: precision 1 per case, no weight
    ]
    agg = ev.aggregate(scores)
    assert agg["citation_precision"] == round((1 + 0 + 1) / 3, 4)
    assert agg["micro_citation_precision"] == round(2 / 6, 4)
    assert agg["citations"] == 6


def test_nothing_cited_and_nothing_expected_scores_one() -> None:
    agg = ev.aggregate([ev.score_case(_case("c", []), _section([]))])
    assert agg["micro_citation_precision"] == 1.0 and agg["micro_citation_recall"] == 1.0


def test_the_gate_fails_on_a_micro_drop_and_skips_metrics_an_old_baseline_lacks() -> None:
    good = ev.aggregate([ev.score_case(_case("a", ["x", "y"]), _section(["x", "y"]))])
    worse = ev.aggregate([ev.score_case(_case("a", ["x", "y"]), _section(["x"]))])
    failures = ev.gate({"all": worse}, {"all": good})
    assert any(f.startswith("micro_citation_recall") for f in failures)
    old_baseline = {k: v for k, v in good.items() if not k.startswith("micro_")}
    failures = ev.gate({"all": worse}, {"all": old_baseline})
    assert not any(f.startswith("micro_") for f in failures)
    assert any(f.startswith("citation_recall") for f in failures)
