"""Passage topicality (#14): a passage classified into a category must carry the category's own
evidence (in its text, or more weakly its heading) to be shown as treating the provision."""

from __future__ import annotations

from summarizer.model.taxonomy import CATEGORIES
from summarizer.rubric.passages import (
    EVIDENCE,
    HEADINGS,
    MAX_STRENGTH,
    OFF_TOPIC,
    SEEDS,
    passages,
    seed_terms,
    topic_strength,
)


def test_every_substantive_category_has_evidence_headings_and_seeds():
    substantive = set(CATEGORIES) - {"contact_generic"}
    assert set(EVIDENCE) == set(HEADINGS) == set(SEEDS) == substantive
    assert all(seed_terms(c) for c in substantive)


def test_a_passing_word_is_off_topic():
    # the service's name holds 'hack'; 'unless required by law' is a legal hedge, not a government request
    assert (
        topic_strength("HackerOne's obligations to protect Confidential Information.", "", "security_breach")
        == OFF_TOPIC
    )
    assert (
        topic_strength(
            "Gift Card Balances are not redeemable unless required by law.", "", "government_requests"
        )
        == OFF_TOPIC
    )
    assert (
        topic_strength(
            "All products sold through the shop are for domestic use only.", "", "sale_targeted_ads"
        )
        == OFF_TOPIC
    )


def test_statements_of_the_practice_are_on_topic_and_graded():
    one = "We may disclose your information to law enforcement."
    two = "We may disclose your information to law enforcement in response to a subpoena or court order."
    assert topic_strength(one, "", "government_requests") == 1
    assert topic_strength(two, "", "government_requests") == MAX_STRENGTH
    assert topic_strength("We do not sell your personal information to anyone.", "", "sale_targeted_ads") >= 1


def test_a_heading_alone_is_weak_and_needs_a_real_passage():
    body = "We may stop providing the services to you at our discretion if you break these rules, and we will tell you why."
    assert topic_strength(body, "Suspending or terminating your account", "account_termination") >= 0
    assert topic_strength(body, "Other matters", "account_termination") == OFF_TOPIC
    address = "Office of the Privacy Commissioner of Canada, 30 Victoria Street, Gatineau"
    assert topic_strength(address, "For residents of Canada", "children_audiences") == OFF_TOPIC


def test_a_short_pointer_is_off_topic():
    pointer = "For more information about how we use cookies, please refer to our [Cookie Policy](https://example.com/c)."
    assert topic_strength(pointer, "Cookies", "tracking_tech") == OFF_TOPIC


def test_passages_carry_one_strength_per_category():
    text = "# Security\n\nWe use encryption and firewalls to protect your personal data against unauthorized access.\n"
    (p,) = passages(text)
    assert len(p.strengths) == len(p.categories)
    assert dict(zip(p.categories, p.strengths, strict=True)).get("security_breach") == MAX_STRENGTH
