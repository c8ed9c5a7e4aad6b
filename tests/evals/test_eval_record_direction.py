"""The record-direction metric (issue 12): a case may state the record's direction for the user."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summarizer.evals.cases import Case
from summarizer.evals.metrics import GATED, aggregate, score_record
from summarizer.evals.results import CaseResult

OLD = "# Terms\n\nWe may stop the service.\n"
NEW = "# Terms\n\nWe may stop the service. You must pay all network costs.\n"


def _case(**expected) -> Case:
    base = {"material": True, "severity": "medium"}
    base.update(expected)
    return Case.inline("c", OLD, NEW, base)


def test_a_stated_direction_is_scored_both_ways(kit) -> None:
    c = _case(direction="worse")
    right = score_record(c, kit.make_record(direction="worse"))
    assert right.metrics["record_direction_correct"] == 1 and right.checks["direction"]
    wrong = score_record(c, kit.make_record(direction="better"))
    assert wrong.metrics["record_direction_correct"] == 0 and not wrong.checks["direction"]
    assert "direction: expected worse, got better" in wrong.failures
    abstained = score_record(c, kit.make_record(direction="unclear"))
    assert abstained.metrics["record_direction_correct"] == 0  # an abstention is not right


def test_a_case_without_a_direction_is_not_scored(kit) -> None:
    s = score_record(_case(), kit.make_record(direction="worse"))
    assert s.metrics["record_direction_correct"] is None and "direction" not in s.checks


def test_the_aggregate_averages_only_cases_that_state_a_direction(kit) -> None:
    rows = [
        CaseResult(case_id=f"c{i}", metrics=score_record(c, kit.make_record(direction=got)).metrics)
        for i, (c, got) in enumerate(
            [(_case(direction="worse"), "worse"), (_case(direction="better"), "mixed"), (_case(), "worse")]
        )
    ]
    assert aggregate(rows)["record_direction_accuracy"] == pytest.approx(0.5)
    assert "record_direction_accuracy" in GATED


def test_a_cosmetic_case_has_no_direction() -> None:
    with pytest.raises(ValidationError, match="no direction"):
        _case(material=False, severity="none", direction="worse")
