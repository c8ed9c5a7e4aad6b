"""Round 7 (#15, precision, cprec7): over-citations found on the fold opened this round (round6_11).

Synthetic changes, so each rule is checked on its own; the golden cases measure the whole.
"""

from __future__ import annotations

import pytest

from summarizer.compliance.signals import change_signals
from tests.compliance.conftest import make_change


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # content a service bans or reports: not data about a child user
        (
            "Posting content of particular severity, including child sexual abuse material, will result in "
            "the immediate suspension of your account.",
            False,
        ),
        ("We report child exploitation to the authorities.", False),
        ("Do not post sexual content involving minors.", False),
        # a child as a user of the service
        ("We collect the birth date of children under 13 with a parent's consent.", True),
        ("Minors may use the Service with parental permission.", True),
        # a list of data categories, not the name of abuse content
        ("We may process data about children, sexual orientation and health with your consent.", True),
    ],
)
def test_abuse_material_words_are_not_childrens_data(text: str, expected: bool) -> None:
    cs = change_signals(make_change("children_audiences", "added", [], [text], direction="up"))
    assert ("children_data" in cs.names) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the company states what it does not do: no opt-out is offered
        (
            "No Targeted Advertising Sales. We do not sell or share Personal Data for the purpose of displaying "
            "advertisements.",
            False,
        ),
        # the link or choice itself
        ("Click Do Not Sell or Share My Personal Information at the bottom of the page.", True),
        ("You can opt out of the sale of your personal information.", True),
    ],
)
def test_a_company_saying_it_does_not_sell_offers_no_opt_out(text: str, expected: bool) -> None:
    cs = change_signals(make_change("sale_targeted_ads", "added", [], [text], direction="down"))
    assert ("opt_out_added" in cs.names) is expected


@pytest.mark.parametrize(
    "text",
    [
        # where data goes (a recipient in a region), not whose readers are addressed
        "LinkedIn Ireland shares personal data of all of our Members and Visitors with LinkedIn Corporation in "
        "the United States for processing.",
        "We disclose the data of our users to our affiliates in the United States.",
    ],
)
def test_a_recipient_in_a_region_does_not_address_its_readers(text: str) -> None:
    from summarizer.compliance.regions import addressing_evidence

    assert "US" not in addressing_evidence(text)


@pytest.mark.parametrize(
    "text",
    [
        "Users in the United States may opt out.",
        "If you are a member located in the United States, these terms apply.",
        "Residents of the United States have these rights.",
    ],
)
def test_readers_in_a_region_still_count(text: str) -> None:
    from summarizer.compliance.regions import addressing_evidence

    assert "US" in addressing_evidence(text)


def test_readers_with_an_account_in_a_region_still_count() -> None:
    from summarizer.compliance.regions import addressing_evidence

    assert "IN" in addressing_evidence(
        "Previous versions of the Terms for Customers with billing accounts in India"
    )


_EU = "This policy applies to users in the European Union under the GDPR."


def _engaged_ids(change) -> set[str]:  # type: ignore[no-untyped-def]
    from summarizer.compliance.regions import mentioned_regions
    from summarizer.compliance.select import select_entries
    from summarizer.compliance.table import load_table

    engaged = select_entries(
        load_table(), [change_signals(change)], mentioned_regions(_EU), document="privacy"
    )
    return {e.entry.id for e in engaged}


def _update_clause():
    """A reworded clause that only reserves the right to update the policy."""
    return make_change(
        "policy_change_notice",
        "reworded",
        ["We may change this policy."],
        ["We may update this Policy from time to time, and any updates will be effective when we post them."],
        direction="up",
    )


def test_a_clause_reserving_updates_names_no_new_purpose() -> None:
    update = _update_clause()
    assert "gdpr-art13-3-notice-before-new-purpose" not in _engaged_ids(update)


def test_a_new_purpose_still_engages_notice_before_the_new_purpose() -> None:
    purpose = make_change(
        "data_use_purpose",
        "expanded",
        ["We use your data to provide the service."],
        ["We use your data to provide the service and to train our AI models on your posts."],
        direction="up",
    )
    assert "gdpr-art13-3-notice-before-new-purpose" in _engaged_ids(purpose)


def test_a_clause_reserving_updates_is_not_a_gdpr_fairness_change() -> None:
    update = _update_clause()
    assert "gdpr-art5-1a-lawfulness-fairness-transparency" not in _engaged_ids(update)


def test_consent_inferred_from_use_is_still_a_gdpr_fairness_change() -> None:
    by_use = make_change(
        "policy_change_notice",
        "reworded",
        ["We will ask for your agreement to changes."],
        ["Continued use of the service after we post changes means you accept them."],
        direction="up",
    )
    assert "gdpr-art5-1a-lawfulness-fairness-transparency" in _engaged_ids(by_use)
