"""Negation and modality never change the category; they show up in the explanation."""

from __future__ import annotations

import pytest

from summarizer.rubric.classifier import classify, explain

VARIANTS = [
    (
        "sale_targeted_ads",
        [
            "We sell your personal information.",
            "We do not sell your personal information.",
            "We don't sell your personal information.",
            "We will never sell your personal information.",
            "We may sell your personal information.",
        ],
    ),
    (
        "third_party_sharing",
        [
            "We share your data with third parties.",
            "We won't share your data with third parties.",
            "We might share your data with third parties.",
            "We never share your data with third parties.",
        ],
    ),
    ("tracking_tech", ["We use cookies.", "We don't use cookies.", "We no longer use third-party cookies."]),
    (
        "data_retention",
        [
            "We retain your data for 30 days.",
            "We do not retain your data.",
            "We may retain your data indefinitely.",
        ],
    ),
    (
        "dispute_resolution",
        [
            "You must resolve disputes through binding arbitration.",
            "You are not forced into binding arbitration.",
            "You aren't required to arbitrate disputes.",
        ],
    ),
]


@pytest.mark.parametrize(("category", "texts"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_polarity_and_hedging_keep_the_category(category, texts):
    for text in texts:
        assert classify(text)[0] == category, text


def test_negated_verb_is_marked_in_the_terms():
    terms = explain("We do not sell your personal information.")[0].terms
    assert "not sell" in terms
    plain = explain("We sell your personal information.")[0].terms
    assert "sell" in plain and "not sell" not in plain


def test_contraction_expansion():
    terms = explain("We won't share your data with third parties.")[0].terms
    assert "not share" in terms


def test_negation_far_before_the_verb_is_not_attached():
    # "not" four words before the verb belongs to another clause
    terms = explain("This is not, in any way, a promise: we sell your personal information.")[0].terms
    assert "sell" in terms and "not sell" not in terms
