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


def test_consent_no_longer_the_only_basis_is_worse() -> None:
    from summarizer.rubric.clauses import clause_cues

    old = "When you share health data, we only process it with your consent."
    new = "When you share health data, we process it with your consent, which you may withdraw, or as otherwise permitted by applicable law."
    cues = clause_cues(old, new, "consumer")
    assert [(c.kind, c.polarity) for c in cues] == [("basis_widened", 1)]  # not a new right of the reader
    back = clause_cues(new, old, "consumer")
    assert [(c.kind, c.polarity) for c in back] == [("basis_narrowed", -1)]


def test_latitude_in_a_duty_of_the_reader_is_theirs() -> None:
    from summarizer.rubric.clauses import clause_cues

    old = "You may not copy the content of the service."
    new = "You may not copy the content of the service, except as permitted by applicable law."
    assert [(c.kind, c.polarity) for c in clause_cues(old, new, "consumer")] == [("basis_widened", -1)]


def test_a_rule_book_is_no_legal_basis() -> None:
    from summarizer.rubric.clauses import clause_cues

    old = "We may share your entry information with the promotion's sponsors."
    new = "We may share your entry information with the promotion's sponsors, as permitted by the official rules."
    assert all(not c.kind.startswith("basis") for c in clause_cues(old, new, "consumer"))


def test_a_limiter_inside_a_long_addition_belongs_to_the_new_items() -> None:
    from summarizer.rubric.clauses import _widening

    old = "The following listings are prohibited: counterfeit goods and stolen property."
    longer = (
        "The following listings are prohibited: counterfeit goods, stolen property, and listings whose photos "
        "do not match the actual item, such as edited images."
    )
    assert _widening(old, longer) == "widened"
    assert (
        _widening(
            "We share your data with partners.", "We share your data with partners only with your consent."
        )
        == "narrowed"
    )


def test_what_happens_to_an_assistants_chats() -> None:
    assert (
        sentence_kind(
            "Your conversations may be reviewed by trained reviewers to improve our safety systems."
        )
        == "company_right"
    )
    assert sentence_kind("Chats you delete will be retained for up to 30 days.") == "company_right"
    assert sentence_kind("Temporary chats are not used to train our models.") == "protection"
    assert sentence_kind("Your prompts will not be used to improve our services.") == "protection"
    # a licence term, not a promise about the user's data
    assert sentence_kind("The software and the Content are not sold or transferred to you.") != "protection"


def test_your_chats_used_to_improve_an_ai_assistant_are_ai_training() -> None:
    assert (
        sentence_kind(
            "We use your chat history with customer service to improve the responses provided by our "
            "virtual assistant."
        )
        == "ai_training"
    )
    assert sentence_kind("Your messages help us improve our chatbot.") == "ai_training"
    # a human assistant, or an assistant that is not improved with your data, is not
    assert sentence_kind("Our support assistants will answer your messages within a day.") != "ai_training"
    assert sentence_kind("We do not use your chats to improve our virtual assistant.") != "ai_training"
