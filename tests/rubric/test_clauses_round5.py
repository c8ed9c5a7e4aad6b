"""Round 5 (issue 12): clause cues found in the fresh pairs' error analysis."""

from __future__ import annotations

import pytest

from summarizer.rubric.clauses import POLARITY, sentence_kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Upon expiration of your free trial, you will be charged the then-current subscription price.",
        "If you do not cancel, you will automatically be billed each month.",
        "Your subscription will renew automatically at the end of each billing period.",
        "Paid plans will automatically renew for successive one-year terms.",
    ],
)
def test_a_charge_that_falls_on_the_user_is_worse(sentence: str) -> None:
    assert sentence_kind(sentence) == "charge"
    assert POLARITY["charge"]["consumer"] == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "You will not be charged during the trial.",
        "You will never be billed without your consent.",
        "We may charge your saved payment method.",  # the company's right, read as before
    ],
)
def test_no_charge_or_a_charge_the_company_takes_is_not_this_cue(sentence: str) -> None:
    assert sentence_kind(sentence) != "charge"


@pytest.mark.parametrize(
    "sentence",
    [
        "We will review your request and be in touch.",
        "We will review every counter-notice we receive and restore the content if it was removed by mistake.",
        "We will promptly investigate all complaints.",
        "We will respond to your inquiry within 30 days.",
    ],
)
def test_the_company_handling_what_the_user_sends_is_a_commitment(sentence: str) -> None:
    assert sentence_kind(sentence) == "commitment"


@pytest.mark.parametrize(
    "sentence",
    [
        "We will review your content to check that it meets our rules.",
        "We may review your request.",
        "We will review your account and may suspend it.",
    ],
)
def test_reviewing_the_users_content_or_account_stays_a_company_right(sentence: str) -> None:
    assert sentence_kind(sentence) == "company_right"


@pytest.mark.parametrize(
    ("text", "promise"),
    [
        ("Do not post or share sexual content involving minors.", False),
        ("Privacy. Do not disclose the personal data of others.", False),
        ("Never share your password with anyone.", False),
        ("We do not share your data with third parties.", True),
        ("We never share your data with advertisers.", True),
    ],
)
def test_an_imperative_is_a_rule_for_the_reader_not_a_promise_not_to_share(text: str, promise: bool) -> None:
    from summarizer.rubric.severity.factors import text_factors

    assert ("no_share" in {f.key for f in text_factors("third_party_sharing", text)}) is promise


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Examplesoft does not use advertising or marketing cookies.", "protection"),
        ("xAI does not use marketing or advertising cookies.", "protection"),
        ("Acme Corp will never sell your personal information.", "protection"),
        ("We do not use third-party tracking cookies.", "protection"),
        ("Users will not share content that harms others.", None),
        ("You will not use any robots or scrapers.", None),
        ("Do not use advertising cookies on your site.", "rule"),
    ],
)
def test_a_promise_in_the_companys_own_name(sentence: str, kind: str | None) -> None:
    assert sentence_kind(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Licensee will not disclose Confidential Information to any third party.",
        "Subscriber will not share login credentials with anyone.",
        "Each party will not disclose the other's information.",
    ],
)
def test_a_party_bound_by_the_terms_is_not_the_company_making_a_promise(sentence: str) -> None:
    assert sentence_kind(sentence) != "protection"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("We won't sell your personal data.", "protection"),
        ("We don't use your content to train our models.", "protection"),
        ("We'll notify you before we change these terms.", "commitment"),
        ("You're responsible for your use of Output.", "reader_duty"),
        ("We don't guarantee that Output is accurate.", "disclaimer"),
        ("We do not guarantee that the Services will be uninterrupted.", "disclaimer"),
        ("We make no warranties about the accuracy of Output.", "disclaimer"),
        ("We can't guarantee the security of our databases.", "disclaimer"),
    ],
)
def test_contractions_and_disclaimers_of_guarantees(sentence: str, kind: str) -> None:
    assert sentence_kind(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "If you are a paid subscriber, we won't close your account for inactivity.",
        "We will not close your account without telling you.",
    ],
)
def test_a_right_the_company_says_it_will_not_use_is_not_a_company_right(sentence: str) -> None:
    assert sentence_kind(sentence) != "company_right"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Human reviewers may read your conversations to check the quality of answers.", "company_right"),
        ("Trained reviewers may review some of your chats.", "company_right"),
        ("Our employees will not read your messages.", None),
    ],
)
def test_people_named_as_the_readers_of_the_users_conversations(sentence: str, kind: str | None) -> None:
    assert sentence_kind(sentence) == kind
