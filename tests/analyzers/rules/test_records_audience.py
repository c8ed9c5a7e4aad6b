"""Rules for business users are filed under account_termination, not privacy subjects (issue 12)."""

from __future__ import annotations

from summarizer.analyzers.rules.audience import business_document, business_labels
from summarizer.api import compare_texts

ADS = "Advertisers must keep their ads accurate. Ads that break these rules may be disapproved. " * 8
PRIVACY = "We collect personal data about you and use your information as this privacy policy says. " * 8


def test_an_ads_policy_is_a_business_document_and_a_privacy_policy_is_not() -> None:
    assert business_document(ADS)
    assert not business_document(PRIVACY)
    assert not business_document(ADS + PRIVACY * 3)


def test_a_rule_on_tracking_urls_is_an_account_rule() -> None:
    text = "Tracking URLs must keep the domain of the landing page."
    assert business_labels(["tracking_tech"], text)[0] == "account_termination"


def test_a_passage_on_personal_data_keeps_its_privacy_label() -> None:
    text = "You must not share users' personal data with a third party."
    assert business_labels(["third_party_sharing", "account_termination"], text)[0] == "third_party_sharing"


def test_a_statement_that_is_no_rule_drops_its_privacy_label() -> None:
    assert business_labels(
        ["tracking_tech", "liability_warranty_payment"], "We track qualifying views in Crystals."
    ) == ["liability_warranty_payment"]
    assert business_labels(["tracking_tech"], "We track qualifying views in Crystals.") == ["contact_generic"]


def test_labels_outside_privacy_are_kept() -> None:
    assert business_labels(["liability_warranty_payment"], "You must pay the fee.") == [
        "liability_warranty_payment"
    ]


def test_new_advertiser_rules_are_filed_under_account_termination() -> None:
    old = (
        "# Ad requirements\n\n"
        + ADS
        + "\n\n## Landing pages\n\nThe display URL must match the landing page.\n"
    )
    new = (
        old + "\n## Tracking\n\nTracking templates must redirect to the domain of the final URL of the ad.\n"
    )
    record = compare_texts(old, new)
    assert record.material
    assert record.categories == ["account_termination"]


def test_the_same_rule_in_a_privacy_policy_stays_a_tracking_change() -> None:
    old = "# Privacy\n\n" + PRIVACY + "\n\n## Cookies\n\nWe use cookies.\n"
    new = old + "\n## Tracking\n\nWe use tracking pixels to follow you across other websites.\n"
    assert "tracking_tech" in compare_texts(old, new).categories


def test_a_generic_rule_in_a_business_document_is_an_account_rule() -> None:
    assert business_labels(["contact_generic"], "We don't allow apps that glorify violence.") == [
        "account_termination"
    ]
    assert business_labels(["contact_generic"], "Developers can find examples below.") == ["contact_generic"]


def test_a_reworded_rule_for_developers_files_the_record_under_account_termination() -> None:
    old = "# Policy\n\n" + ADS + "\n\n## Extremism\n\nWe don't allow apps from terrorist organizations.\n"
    new = old.replace(
        "organizations.",
        "organizations. We also don't allow apps that depict or glorify violent extremist attacks, or content "
        "produced by violent extremists.",
    )
    assert "account_termination" in compare_texts(old, new).categories
