"""The record's direction from clause cues (issue 12): who takes on a duty or gains a right."""

from __future__ import annotations

from summarizer.analyzers.rules.analyzer import record_direction
from summarizer.model.record_data import ChangeData
from summarizer.rubric.clauses import Cue


def _change(direction: str, confidence: str = "high") -> ChangeData:
    return ChangeData(
        category="liability_warranty_payment",
        kind="expanded",
        summary="",
        severity_before="medium",
        severity_after="high",
        shift_reason="",
        section="Terms",
        direction=direction,
        confidence=confidence,
    )


DUTY = Cue("reader_duty", 1, "added", "You must pay all network costs.")
RIGHT = Cue("reader_right", -1, "added", "You can cancel at any time.")
GONE_DUTY = Cue("reader_duty", -1, "removed", "You must verify your channel.")


def test_cues_decide_and_balanced_cues_are_mixed() -> None:
    assert record_direction([_change("down")], [DUTY]) == "worse"  # the clause, not the rubric's keyword
    assert record_direction([], [RIGHT]) == "better"
    assert record_direction([], [DUTY, RIGHT]) == "mixed"


def test_confident_rubric_claims_add_half_a_cue_in_the_consumer_view() -> None:
    assert record_direction([_change("down")], [DUTY, RIGHT]) == "mixed"  # no weight: the cues alone
    assert record_direction([_change("up")], [DUTY, RIGHT], rubric_weight=0.5) == "worse"  # 1.5 vs 1
    # better by 1.5 to 1, but the new duty takes something away: never "better" (round 5)
    assert record_direction([_change("down")], [DUTY, RIGHT], rubric_weight=0.5) == "mixed"
    assert record_direction([_change("down", "low")], [DUTY, RIGHT], rubric_weight=0.5) == "mixed"


def test_weak_cues_fall_back_on_the_rubric_for_a_consumer_and_abstain_for_a_business_user() -> None:
    assert record_direction([_change("up")], [GONE_DUTY]) == "worse"  # a removed duty weighs 1/4
    assert record_direction([_change("up")], [GONE_DUTY], rubric_fallback=False) == "unclear"
    assert record_direction([_change("up")], [], rubric_fallback=False) == "unclear"
