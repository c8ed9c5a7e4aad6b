"""A disclosure to business users that adds no duty, fee or sanction is neutral (disclosures.py,
issue 12 round 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.analyzers.rules.disclosures import NOTE, disclosure_document
from summarizer.api import compare_files, compare_texts

FRESH2 = Path(__file__).resolve().parents[3] / "evals" / "data" / "fresh2"

RANKING = """# Ranking Parameters

This page describes how listings are ranked in search results, as required for business users.

## Search ranking

Listings are ranked by their relevance to the search query{factors}.
{extra}
## Your listing

To appear in search results, your listing must have a title and a photo.
"""
OLD = RANKING.format(factors=" and their review score", extra="")


def _neutral_claim(record) -> bool:
    return any(NOTE in e for c in record.changes for e in c.evidence)


def test_more_ranking_factors_described_is_neutral() -> None:
    new = RANKING.format(
        factors=", their review score, their price and the distance from the traveller",
        extra="\n## Sponsored results\n\nBusinesses whose listings appear as sponsored may pay us more for the "
        "placement.\n",
    )
    record = compare_texts(OLD, new)
    assert record.material
    assert record.direction == "neutral"
    assert record.severity == "low"
    assert _neutral_claim(record)


def test_a_new_fee_or_sanction_in_a_ranking_disclosure_is_not_called_neutral() -> None:
    new = RANKING.format(
        factors=" and their review score",
        extra="\n## Promotion\n\nBusinesses must pay a fee of 3% of each booking to stay in the top results, and "
        "listings with low scores may be suspended.\n",
    )
    record = compare_texts(OLD, new)
    assert record.material
    assert record.direction != "neutral"
    assert not _neutral_claim(record)


def test_the_same_description_in_consumer_terms_is_not_read_as_a_disclosure() -> None:
    old = "# Terms of Service\n\n## Content\n\nWe show posts in the order they were made.\n"
    new = old + "\nWe may show posts from accounts you follow first, and we may show ads between posts.\n"
    record = compare_texts(old, new)
    assert not _neutral_claim(record)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Ranking Parameters Description", "How we sort results.", True),
        (None, "Platform-to-Business Notice\n\nThis notice is for business users.", True),
        (
            None,
            "# How the site works\n\n" + "Results are ranked by relevance. " * 5 + "Filler words. " * 50,
            True,
        ),
        ("Terms of Service", "You may not rank other users. " + "Filler words here. " * 200, False),
    ],
)
def test_which_documents_are_ranking_disclosures(title: str | None, text: str, expected: bool) -> None:
    assert disclosure_document(title, text) is expected


@pytest.mark.parametrize(
    ("pair", "severity"),
    [
        ("tripadvisor-ranking-parameters-description-2018-12-17-2022-08-31", "low"),
        # a recommendation model by machine learning is described: an ai_training disclosure keeps its level
        ("etsy-ranking-parameters-description-2022-07-06-2024-02-16", "medium"),
    ],
)
def test_real_ranking_disclosures(pair: str, severity: str) -> None:
    record = compare_files(FRESH2 / pair / "old.md", FRESH2 / pair / "new.md")
    assert (record.material, record.direction, record.severity) == (True, "neutral", severity)
