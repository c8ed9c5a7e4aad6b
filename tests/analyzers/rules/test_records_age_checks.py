"""Age checks and age limits are read as children_audiences provisions (issue 12)."""

from __future__ import annotations

import pytest

from summarizer.analyzers.rules.ai import age_phrases
from summarizer.api import compare_texts


@pytest.mark.parametrize(
    "text",
    [
        "Apps must use an age restriction mechanism.",
        "We may require you to verify your age.",
        "Products intended only for customers who are 18 or older.",
        "Limit access by underage users.",
        "You must meet the minimum age requirement.",
    ],
)
def test_age_phrases_are_found(text: str) -> None:
    assert age_phrases(text) >= 1


def test_no_age_phrase_in_plain_terms() -> None:
    assert age_phrases("You can manage your storage and page settings.") == 0


TERMS = "# Terms\n\n## Purchases\n\nYou may buy products on the store.{extra}\n\n## Returns\n\nYou can return products within 30 days.\n"


def test_a_new_age_check_on_purchases_adds_a_children_audiences_change() -> None:
    old = TERMS.format(extra="")
    new = TERMS.format(
        extra=" Some products are intended only for customers who are 18 or older, and we may ask you to verify your age."
    )
    record = compare_texts(old, new)
    assert "children_audiences" in record.categories
    assert any(c.category == "children_audiences" for c in record.changes)  # the record names its changes


def test_terms_without_age_language_get_no_children_change() -> None:
    old = TERMS.format(extra="")
    new = TERMS.format(extra=" We may cancel an order when a product is out of stock.")
    assert "children_audiences" not in compare_texts(old, new).categories
