"""Round 5 (issue 12): record-level aggregation and severity rules found on the fresh pairs."""

from __future__ import annotations

from summarizer.analyzers.rules.analyzer import record_direction
from summarizer.model.record_data import ChangeData
from summarizer.rubric.clauses import Cue


def _change(direction: str, category: str = "data_retention", confidence: str = "high") -> ChangeData:
    return ChangeData(
        category=category,
        kind="expanded",
        summary="",
        severity_before="medium",
        severity_after="medium",
        shift_reason="",
        section="Privacy",
        direction=direction,
        confidence=confidence,
    )


RIGHT = Cue("reader_right", -1, "added", "You can delete your account at any time.")
RIGHT2 = Cue("reader_right", -1, "added", "You can download a copy of your data.")
KEEP = Cue("company_right", 1, "added", "We may keep your messages for two years.")
GONE_DUTY = Cue("reader_duty", -1, "removed", "You must verify your email address.")


def test_a_record_that_takes_anything_away_is_not_better() -> None:
    assert record_direction([], [RIGHT, RIGHT2]) == "better"
    assert record_direction([], [RIGHT, RIGHT2, KEEP]) == "mixed"  # 2 to 1 for the user, but a burden


def test_a_confident_worse_claim_counts_as_a_burden_only_where_the_rubric_counts() -> None:
    assert record_direction([_change("up")], [RIGHT, RIGHT2], rubric_weight=0.5) == "mixed"
    assert record_direction([_change("up")], [RIGHT, RIGHT2]) == "better"  # a business user's rules
    assert record_direction([_change("up", confidence="low")], [RIGHT, RIGHT2], rubric_weight=0.5) == "better"


def test_the_rubric_fallback_is_not_better_with_any_change_for_the_worse() -> None:
    assert record_direction([_change("down"), _change("down")]) == "better"
    assert record_direction([_change("down"), _change("down"), _change("down"), _change("up")]) == "mixed"
    assert record_direction([_change("down")], [GONE_DUTY]) == "better"  # weak cues: the rubric decides


def test_record_balance_gives_the_weights_behind_the_direction() -> None:
    from summarizer.analyzers.rules.analyzer import record_balance

    assert record_balance([], [RIGHT, RIGHT2, KEEP]) == ("mixed", 1.0, 2.0)  # leans to the user
    assert record_balance([], [KEEP]) == ("worse", 1.0, 0.0)
    assert record_balance([], []) == ("unclear", 0.0, 0.0)
