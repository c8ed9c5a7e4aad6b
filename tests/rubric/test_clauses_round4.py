"""Clause cues added in round 4 of issue 12 (rubric/clauses.py)."""

from __future__ import annotations

from summarizer.rubric.clauses import sentence_kind


def test_a_removal_that_may_follow_is_a_penalty() -> None:
    for sentence in (
        "Apps used primarily for anonymous chat do not belong on the store and may be removed without notice.",
        "Listings that mislead buyers will be delisted.",
        "Content that breaks these rules can be taken down.",
    ):
        assert sentence_kind(sentence) == "penalty", sentence


def test_data_that_may_be_removed_is_no_penalty() -> None:
    assert sentence_kind("Your personal data will be removed from our systems within 30 days.") != "penalty"
