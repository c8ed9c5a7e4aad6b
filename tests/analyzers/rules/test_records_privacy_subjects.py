"""A new passage on a data practice in a notice about personal data names its subject, even when
the rubric cannot tell which way it cuts (issue 12, round 5)."""

from __future__ import annotations

from summarizer.api import compare_texts

OLD = (
    "# {title}\n\n## What are cookies?\n\nCookies are small text files stored on your device when you visit "
    "our websites.\n\n## Which cookies do we use?\n\nWe use necessary cookies to keep you signed in and to "
    "protect your account. We keep the data these cookies collect for 14 months.\n"
)
CHOICES = (
    "\n## Your choices\n\nFor example, you may be presented with a notice upon your first visit to our Services "
    "asking you to choose your preferences.\n"
)


def _pair(title: str) -> tuple[str, str]:
    old = OLD.format(title=title)
    return old, old.replace("14 months", "26 months") + CHOICES


def test_a_new_passage_on_choices_in_a_cookie_policy_names_its_subject() -> None:
    record = compare_texts(*_pair("Cookie Policy"))
    assert {"tracking_tech", "choice_consent"} <= set(record.categories)
    choice = next(c for c in record.changes if c.category == "choice_consent")
    assert choice.direction == "unclear"  # the record still abstains on which way it cuts


def test_the_same_passage_in_terms_of_service_needs_a_clear_shift() -> None:
    record = compare_texts(*_pair("Terms of Service"))
    assert "choice_consent" not in record.categories
