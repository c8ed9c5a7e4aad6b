"""Hand-written clauses, at least two per taxonomy category: the expected category comes first."""

from __future__ import annotations

import pytest

from summarizer.model.taxonomy import CATEGORY_IDS
from summarizer.rubric.classifier import MIN_PROBABILITY, classify, explain

CLAUSES: dict[str, list[str]] = {
    "data_collection": [
        "We collect your IP address, browser type and device identifiers when you use the app.",
        "Information you provide to us when you create an account, such as your name and email address.",
        "We may also receive information about you from third parties, such as business partners.",
    ],
    "data_use_purpose": [
        "We use your information to personalize your experience and to improve our products.",
        "We may use your information for research purposes and to measure how our services are used.",
    ],
    "ai_training": [
        "We may use the content you upload to train our machine learning models and for research purposes.",
        "You can ask an AI agent to act on your behalf, and we may use your prompts to improve our AI models.",
    ],
    "third_party_sharing": [
        "We share your personal data with service providers who process it on our behalf.",
        "We may disclose your information to our affiliates and to other companies in our corporate family.",
    ],
    "sale_targeted_ads": [
        "We may sell your personal information to data brokers.",
        "We show you targeted advertising based on your activity on other websites and apps.",
    ],
    "tracking_tech": [
        "We and our partners use cookies, web beacons and similar technologies.",
        "Our website does not respond to Do Not Track signals.",
    ],
    "sensitive_data": [
        "With your permission we collect your precise location from your device's GPS.",
        "We process biometric data, such as face recognition templates, and health information.",
    ],
    "choice_consent": [
        "You can opt out of marketing emails at any time by clicking unsubscribe.",
        "We will ask for your consent before we use your data for this purpose, and you may withdraw it.",
    ],
    "user_rights": [
        "You have the right to access, correct and delete your personal data, and to data portability.",
        "You may request a copy of your personal information or lodge a complaint with a supervisory authority.",
    ],
    "data_retention": [
        "We retain your personal data for as long as your account is active.",
        "Server logs are kept for 30 days and then deleted.",
    ],
    "security_breach": [
        "We use encryption and other safeguards to protect your data.",
        "If a data breach affects your personal data, we will notify you without undue delay.",
    ],
    "international_transfer": [
        "Your information may be transferred to and processed in countries other than your own, "
        "including the United States.",
        "We rely on standard contractual clauses for transfers out of the European Economic Area.",
    ],
    "children_audiences": [
        "Our services are not directed to children under the age of 13.",
        "If you are a California resident, the CCPA gives you additional rights.",
    ],
    "government_requests": [
        "We may disclose information to law enforcement in response to a subpoena or court order.",
        "We publish a transparency report about government requests for user data.",
    ],
    "policy_change_notice": [
        "We may modify these Terms at any time; your continued use of the service means you accept the changes.",
        "If we make material changes to this policy, we will notify you by email 30 days in advance.",
    ],
    "content_license_ip": [
        "You grant us a worldwide, royalty-free, sublicensable license to use, reproduce and display your content.",
        "You retain ownership of the intellectual property in the content you post.",
    ],
    "account_termination": [
        "We may suspend or terminate your account at any time for any reason.",
        "We may discontinue the service, or any part of it, without notice.",
    ],
    "dispute_resolution": [
        "Any dispute will be resolved by binding arbitration, and you waive your right to a class action.",
        "These Terms are governed by the laws of the State of California, and the courts of San Francisco "
        "have exclusive jurisdiction.",
    ],
    "liability_warranty_payment": [
        "The service is provided as is, without warranties of any kind, and our liability is limited to the "
        "fees you paid.",
        "Your subscription renews automatically and fees are non-refundable.",
        "You agree to indemnify and hold us harmless from any claims arising from your use of the service.",
    ],
    "contact_generic": [
        "If you have any questions, contact us at privacy@example.com.",
        "Last updated: March 3, 2024",
        "Welcome to Example! Thank you for using our products.",
    ],
}

CASES = [(category, text) for category, texts in CLAUSES.items() for text in texts]


def test_every_category_has_at_least_two_clauses():
    assert set(CLAUSES) == set(CATEGORY_IDS)
    assert all(len(texts) >= 2 for texts in CLAUSES.values())


@pytest.mark.parametrize(("category", "text"), CASES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CASES)])
def test_clause_is_classified_first_into_its_category(category, text):
    assert classify(text)[0] == category


def test_a_clause_about_two_things_gets_both():
    text = "We may share your data with advertisers for targeted advertising."
    assert set(classify(text)) == {"third_party_sharing", "sale_targeted_ads"}


def test_real_tosdr_quotes(devset):
    """Quotes from the bundled ToS;DR set (one unambiguous example per line)."""
    quotes = {
        "YOU ALSO GIVE UP YOUR RIGHT TO PARTICIPATE IN A CLASS ACTION OR OTHER CLASS PROCEEDING.": "dispute_resolution",
        "Microsoft services do not currently respond to browser DNT signals": "tracking_tech",
        "You can request a copy of your personal information by putting in such a request here.": "user_rights",
    }
    texts = {row["text"] for row in devset}
    for quote, category in quotes.items():
        assert quote in texts  # really quoted from the committed set
        assert classify(quote)[0] == category


def test_explanations_name_the_words_that_fired():
    hit = explain("We may sell your personal information to data brokers.")[0]
    assert hit.category == "sale_targeted_ads"
    assert "sell" in hit.terms
    assert any("…" in term for term in hit.terms)  # the verb-object pair
    assert MIN_PROBABILITY <= hit.score <= 1.0  # the learned probability
