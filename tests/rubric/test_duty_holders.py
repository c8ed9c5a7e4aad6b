"""A duty on advertisers or sellers is not the reader's duty in a consumer's document
(duty_holders.py, issue 12 round 7)."""

from __future__ import annotations

import pytest

from summarizer.api import compare_texts
from summarizer.rubric.clauses import clause_cues
from summarizer.rubric.duty_holders import others_duty

GUIDELINES = """# Community Guidelines

## Honesty

Do not impersonate other people or brands. We may remove accounts that do.

## Advertising

Ads on the service are labelled as ads.
"""


@pytest.mark.parametrize(
    "sentence",
    [
        "Advertisers must comply with our Advertising Policies, which require that they are honest.",
        "Eligible advertisers must apply via the Predictions Market Application to be considered.",
        "Sellers may not list counterfeit goods.",
        "Third-party developers are required to publish a privacy policy.",
    ],
)
def test_a_duty_on_a_business_party_is_someone_elses(sentence: str) -> None:
    assert others_duty(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "You must keep your password secret.",
        "If you are an advertiser, you must comply with our Advertising Policies.",
        "Advertisers can reach you with personalised ads.",  # no duty
        "We must tell advertisers when an ad is removed.",
    ],
)
def test_a_duty_on_the_reader_or_no_duty_is_not(sentence: str) -> None:
    assert not others_duty(sentence)


def test_the_same_sentence_stays_a_duty_in_a_business_users_view() -> None:
    """Sellers' or advertisers' own rules still read their duties as theirs."""
    sentence = "Advertisers must comply with our Advertising Policies."
    assert [c.polarity for c in clause_cues("", sentence, "business")] == [1]
    assert clause_cues("", sentence, "consumer") == []


def test_duties_on_advertisers_do_not_make_consumer_guidelines_worse() -> None:
    new = GUIDELINES + (
        "\nAdvertisers must comply with our Advertising Policies, which require that they are honest about their "
        "products and services.\n"
    )
    record = compare_texts(GUIDELINES, new)
    assert record.material
    assert record.direction != "worse"
    assert not any("duty or prohibition on you" in e for c in record.changes for e in c.evidence)


def test_a_duty_on_the_reader_beside_it_still_counts() -> None:
    new = GUIDELINES + (
        "\nAdvertisers must comply with our Advertising Policies. You must verify your phone number before you "
        "can post.\n"
    )
    record = compare_texts(GUIDELINES, new)
    assert record.direction == "worse"
