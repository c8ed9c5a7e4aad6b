"""Passages that say nothing substantive are contact_generic; substantive ones are not."""

from __future__ import annotations

import pytest

from summarizer.rubric.classifier import FALLBACK, classify, explain

GENERIC = [
    "",
    "   ",
    "Privacy Policy",
    "Last Modified: 2019-09-25",
    "Effective September 1, 2020",
    "Questions? Write to us at legal@example.org or call our customer service team.",
    'Definitions. "Services" means the websites and apps we operate.',
    "If any provision of these Terms is found to be unenforceable, the remaining provisions will remain "
    "in full force and effect.",
    "If we fail to enforce any of these Terms, it will not be considered a waiver.",
    "Welcome! This policy describes who we are. More simply put: a summary.",
]


@pytest.mark.parametrize("text", GENERIC)
def test_nothing_substantive_is_contact_generic(text):
    assert classify(text) == [FALLBACK]


def test_fallback_hit_carries_the_contact_terms():
    hit = explain("Last updated: March 3, 2024. Contact us at privacy@example.com.")[0]
    assert hit.category == FALLBACK
    assert {"last updated", "<date>", "<email address>"} <= set(hit.terms)


def test_empty_text_has_an_empty_fallback_hit():
    hit = explain("")[0]
    assert (hit.category, hit.score, hit.terms) == (FALLBACK, 0.0, [])


def test_a_contact_detail_does_not_hide_a_substantive_provision():
    text = "To exercise your right to delete your personal data, email privacy@example.com."
    result = classify(text)
    assert result[0] == "user_rights"
    assert FALLBACK not in result


def test_severability_is_not_a_dispute_clause():
    text = (
        "If any provision of this Agreement is deemed invalid by a court of competent jurisdiction, the "
        "invalidity of such provision shall not affect the validity of the remaining provisions."
    )
    assert classify(text) == [FALLBACK]
