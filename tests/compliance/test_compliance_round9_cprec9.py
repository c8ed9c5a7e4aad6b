"""Round 9 (issue #15, cprec9): precision readings that carry across folds.

Synthetic documents and changes, so each reading is checked on its own; the golden cases measure the whole
(``python bench/compliance_folds.py``, ``python bench/compliance_readings.py``).
"""

from __future__ import annotations

import pytest

from summarizer.compliance.business_terms import P2B_ENTRY, unengaged_signals
from summarizer.compliance.regions import mentioned_regions
from summarizer.compliance.select import select_entries
from summarizer.compliance.signals import change_signals
from summarizer.compliance.table import load_table
from tests.compliance.conftest import make_change

EU_TERMS = "These Terms apply to users in the European Union. "
TERMINATION = "We may terminate or suspend your account at any time if you violate these Terms."


def _engaged(old_text: str, new_text: str, category: str, quote: str) -> set[str]:
    change = make_change(category, "added", [], [quote], "up", severity_after="medium")
    engaged = select_entries(
        load_table(),
        [change_signals(change)],
        mentioned_regions(new_text),
        document="terms",
        unengaged=unengaged_signals(old_text, new_text),
    )
    return {e.entry.id for e in engaged}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (EU_TERMS + TERMINATION, False),  # consumer terms: an account closed is no business user's
        (EU_TERMS + "Information for business users under the Platform-to-Business (P2B) Regulation.", True),
        (EU_TERMS + "See our notice under Regulation (EU) 2019/1150.", True),
    ],
)
def test_termination_engages_the_p2b_rule_only_in_terms_that_name_it(text: str, named: bool) -> None:
    assert (
        P2B_ENTRY in _engaged(text, text + " " + TERMINATION, "account_termination", TERMINATION)
    ) is named
    # the DSA's terms-and-conditions rule is engaged either way
    assert "dsa-art14-terms-and-conditions" in _engaged(
        text, text + " " + TERMINATION, "account_termination", TERMINATION
    )


def test_a_change_notice_still_engages_the_p2b_rule_in_any_terms() -> None:
    notice = "We may update these Terms at any time and changes are effective when posted."
    text = EU_TERMS + notice
    assert (
        P2B_ENTRY not in unengaged_signals(text, text)
        or "unilateral_change" not in unengaged_signals(text, text)[P2B_ENTRY]
    )
    assert P2B_ENTRY in _engaged(EU_TERMS, text, "policy_change_notice", notice)


ART14 = "gdpr-art14-information-indirect"
EU_NOTICE = "This Privacy Policy applies to users in the European Union under the GDPR."


def _privacy_engaged(category: str, old: list[str], new: list[str]) -> set[str]:
    change = make_change(category, "expanded", old, new, "up", severity_after="medium")
    engaged = select_entries(load_table(), [change_signals(change)], mentioned_regions(EU_NOTICE))
    return {e.entry.id for e in engaged}


def test_sharing_filed_by_the_category_alone_does_not_engage_art14() -> None:
    # A sharing change whose recipient words the old side already had: the category says "broader", the
    # words say data goes out (the notice's recipients, Art. 13), not data obtained from others (Art. 14).
    old = ["We may share information about your account with your organization's administrator."]
    new = [
        "If you use an email address associated with an organization, we may share information about your "
        "account with your organization's administrator."
    ]
    cs = change_signals(
        make_change("third_party_sharing", "expanded", old, new, "up", severity_after="medium")
    )
    assert "new_recipient_class" in cs.names and "new_recipient_class" in cs.categorical
    engaged = _privacy_engaged("third_party_sharing", old, new)
    assert ART14 not in engaged
    assert "gdpr-art13-information-at-collection" in engaged


def test_a_new_recipient_named_in_words_still_reaches_art14() -> None:
    # The words the new side adds (not the category alone) keep their reading (Bluesky's must-cite).
    new = ["We may disclose personal data to service providers or other third parties."]
    cs = change_signals(make_change("third_party_sharing", "added", [], new, "up", severity_after="medium"))
    assert "new_recipient_class" in cs.names and "new_recipient_class" not in cs.categorical


def _fee_signal(direction: str, old: str, new: str) -> bool:
    change = make_change("liability_warranty_payment", "expanded", [old], [new], direction)
    return "fees_or_charges" in change_signals(change).names


def test_a_payment_word_in_a_change_rated_the_same_is_no_new_charge() -> None:
    old = "If you buy Coins through the WebApp, the total price will be displayed at the point of purchase."
    new = (
        "If you buy Coins through the WebApp, a third-party payment provider will provide payment services "
        "to you and the total price will be displayed at the point of purchase."
    )
    assert not _fee_signal("same", old, new)  # how one pays, in a change the record rates the same
    assert _fee_signal("up", old, new)  # rated worse: the record saw a cost in it
    # a fee or a charge is a cost whatever the rating
    assert _fee_signal("same", old, old + " A service fee of 5% is added to each purchase.")
    assert _fee_signal("same", old, old + " If you initiate a chargeback, we will cancel your service.")
