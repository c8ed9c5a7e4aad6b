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


def test_a_reworded_passage_on_a_data_practice_in_a_privacy_notice_names_its_subject() -> None:
    """A material rewording the rubric rates the same still files a privacy notice under its subject."""
    old = (
        "# Privacy Policy\n\n## Cookies\n\nWe use cookies to remember your settings and to measure traffic.\n\n"
        "## Retention\n\nWe keep your data for 30 days.\n"
    )
    new = old.replace(
        "We use cookies to remember your settings and to measure traffic.",
        "Cookies are small files that a website stores on your browser. We rely on them so that the site keeps the "
        "choices you made last time, and so that our team can count how often each page is opened and which links "
        "people follow most.",
    ).replace("30 days", "90 days")
    record = compare_texts(old, new)
    assert "tracking_tech" in record.categories


def test_text_taken_out_of_a_privacy_notice_keeps_round_4s_rule() -> None:
    old = OLD.format(title="Privacy Policy") + CHOICES
    new = OLD.format(title="Privacy Policy").replace("14 months", "26 months")
    assert "choice_consent" not in compare_texts(old, new).categories
