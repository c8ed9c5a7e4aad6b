"""A ``mixed`` record needs a full-weight sentence each way, else it abstains (issue 12, round 7:
analyzers/rules/calibration.py)."""

from __future__ import annotations

from pathlib import Path

from summarizer.analyzers.rules.calibration import one_sided_mixed
from summarizer.api import compare_files
from summarizer.model.record_data import ChangeData
from summarizer.rubric.clauses import Cue

ROOT = Path(__file__).resolve().parents[3]
DUTY = Cue("reader_duty", 1, "added", "You must pay all network costs.")
RIGHT = Cue("reader_right", -1, "added", "You can opt out any time in your settings.\u200b")
GONE_DUTY = Cue("reader_duty", -1, "removed", "You must verify your channel.")  # weighs 1/4


def _change(direction: str, category: str = "ai_training", confidence: str = "high") -> ChangeData:
    return ChangeData(
        category=category,
        kind="expanded",
        summary="",
        severity_before="medium",
        severity_after="high",
        shift_reason="",
        section="Privacy",
        direction=direction,
        confidence=confidence,
    )


def test_a_mixed_claim_with_a_sentence_each_way_stands() -> None:
    assert one_sided_mixed("mixed", [DUTY, RIGHT], [], 2.0) is None


def test_other_directions_are_untouched() -> None:
    for direction in ("worse", "better", "neutral", "unclear"):
        assert one_sided_mixed(direction, [RIGHT], [_change("up")], 2.0) is None


def test_mixed_by_list_items_is_untouched() -> None:
    # the balance weighed nothing: list items that came or went gave the direction, with their own evidence
    assert one_sided_mixed("mixed", [], [], 0.0) is None


def test_a_better_sentence_against_rubric_claims_only_abstains_and_names_both_sides() -> None:
    flag = one_sided_mixed(
        "mixed", [RIGHT, GONE_DUTY], [_change("up"), _change("up", "children_audiences")], 2.0
    )
    assert flag is not None and flag.code == "direction_unclear"
    assert "1 sentence(s) read better" in flag.message
    assert "You can opt out any time in your settings." in flag.message and "\u200b" not in flag.message
    assert "no sentence added or removed reads worse" in flag.message
    assert "worse (ai_training, children_audiences)" in flag.message


def test_a_worse_sentence_against_rubric_claims_only_abstains() -> None:
    flag = one_sided_mixed("mixed", [DUTY], [_change("down", "user_rights")], 1.5)
    assert flag is not None
    assert "read worse" in flag.message and "reads better" in flag.message
    assert "better (user_rights)" in flag.message


def test_mixed_from_rubric_claims_alone_abstains() -> None:
    changes = [_change("up"), _change("down", "choice_consent"), _change("down", "contact_generic")]
    flag = one_sided_mixed("mixed", [GONE_DUTY], changes, 2.0)
    assert flag is not None
    assert "no sentence added or removed reads clearly better or worse" in flag.message
    assert "worse (ai_training); better (choice_consent)" in flag.message  # contact details are no subject


def test_changes_the_rubric_could_not_read_are_named_too() -> None:
    flag = one_sided_mixed("mixed", [RIGHT], [_change("up"), _change("unclear", "choice_consent")], 2.0)
    assert flag is not None and "1 change(s) could not be read either way (choice_consent)" in flag.message


def test_a_long_sentence_is_cut_in_the_flag() -> None:
    long = Cue("reader_right", -1, "added", "You can delete " + "your data " * 30 + "at any time.")
    flag = one_sided_mixed("mixed", [long], [_change("up")], 2.0)
    assert flag is not None and "...\u201d" in flag.message and "at any time." not in flag.message


def test_the_golden_pair_reads_worse_and_keeps_its_severity() -> None:
    # Round 7 left it unclear (the opt-out was the one sentence on the better side); since round 9
    # (dir9b, opt_out_controls.py) an opt-out added weighs nothing, and the record gives its label
    pair = ROOT / "evals/data/fresh2/linkedin-privacy-policy-2025-02-27-2025-11-03"
    record = compare_files(pair / "old.md", pair / "new.md")
    assert record.material and record.direction == "worse" and record.severity == "high"
    assert not [f for f in record.flags if f.code == "direction_unclear"]


def test_a_mixed_pair_with_sentences_each_way_keeps_its_claim() -> None:
    pair = ROOT / "evals/data/fresh2/grindr-privacy-policy-2022-07-06-2023-06-22"
    record = compare_files(pair / "old.md", pair / "new.md")
    assert record.direction == "mixed"
