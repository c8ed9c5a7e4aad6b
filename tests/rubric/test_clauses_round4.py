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


def test_money_the_business_user_loses_or_owes() -> None:
    assert (
        sentence_kind("If an order is returned, the commission earned on it will be canceled and forfeited.")
        == "penalty"
    )
    assert sentence_kind("Your bonus may be withheld if the referral is fraudulent.") == "penalty"
    assert sentence_kind("Temu is entitled to get a refund of such amount from you.") == "company_right"


def test_a_refund_the_user_owes_is_no_refund_for_the_user() -> None:
    from summarizer.rubric.severity import text_factors

    keys = {
        f.key
        for f in text_factors(
            "liability_warranty_payment", "we are entitled to get a refund of that amount from you."
        )
    }
    assert "refund" not in keys
    keys = {
        f.key for f in text_factors("liability_warranty_payment", "you can cancel and receive a full refund.")
    }
    assert "refund" in keys
