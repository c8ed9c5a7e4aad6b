"""Passage topicality, round 4 (#14): definitions, lists of links and cross-references say nothing
themselves, and an evidence word used in another sense is not evidence."""

from __future__ import annotations

import pytest

from summarizer.rubric.passages import EVIDENCE, NOT_EVIDENCE, OFF_TOPIC, topic_strength


def test_definitions_are_off_topic_but_a_stated_practice_is_not():
    definition = (
        '* "Protected Rights" means rights under copyright, trademark and patent laws, and similar rights.'
    )
    assert topic_strength(definition, "Definitions", "content_license_ip") == OFF_TOPIC
    grant = "You grant us a worldwide, royalty-free licence to use, copy and display your content."
    assert topic_strength(grant, "", "content_license_ip") >= 1


def test_a_list_of_links_or_table_of_contents_is_off_topic():
    toc = "This notice covers: 1. [What we collect](#a) 2. [How we share data with third parties](#b) 3. [Cookies](#c)"
    assert topic_strength(toc, "", "third_party_sharing") == OFF_TOPIC
    linked = "We share your data with [service providers](https://example.com/providers) that host our site."
    assert topic_strength(linked, "", "third_party_sharing") >= 1


def test_a_cross_reference_to_another_section_is_a_pointer():
    ref = "The “Information We Collect” section above details the data that we collect from you."
    assert topic_strength(ref, "Information we collect", "data_collection") == OFF_TOPIC


@pytest.mark.parametrize(
    ("body", "category"),
    [
        (
            "If you are in breach of these terms, we may remove any material you submitted to the site.",
            "security_breach",
        ),
        (
            "You may not frame or copy any part of the site without our prior written consent.",
            "choice_consent",
        ),
        (
            "If you are selling on our marketplace, the data controller for your account is our Irish company.",
            "sale_targeted_ads",
        ),
        (
            "The editor retains editorial control and final sign off of every sponsored article.",
            "data_retention",
        ),
        (
            "Our vendors include hosting providers, payment processing tool providers and email providers.",
            "liability_warranty_payment",
        ),
        ("Download speeds are distance sensitive and availability varies by address.", "sensitive_data"),
        ("Installation of the worktop is provided by a trusted service provider.", "third_party_sharing"),
        (
            "Minors must have obtained parental consent to enter into these terms before using the site.",
            "choice_consent",
        ),
    ],
)
def test_a_word_in_another_sense_is_not_evidence(body: str, category: str):
    assert topic_strength(body, "", category) == OFF_TOPIC


@pytest.mark.parametrize(
    ("body", "category"),
    [
        (
            "We will notify you without undue delay of a data breach affecting your personal information.",
            "security_breach",
        ),
        (
            "We only send marketing emails with your consent, which you can withdraw at any time.",
            "choice_consent",
        ),
        ("We do not sell your personal information to third parties.", "sale_targeted_ads"),
        ("We retain your personal data for as long as your account is active.", "data_retention"),
        (
            "Subscription fees are charged monthly in advance and are not refundable.",
            "liability_warranty_payment",
        ),
        (
            "We provide your information to service providers who process payments for us.",
            "third_party_sharing",
        ),
    ],
)
def test_the_practice_itself_still_counts(body: str, category: str):
    assert topic_strength(body, "", category) >= 1


def test_other_senses_are_given_only_for_categories_with_evidence():
    assert set(NOT_EVIDENCE) <= set(EVIDENCE)
