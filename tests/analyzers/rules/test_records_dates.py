"""A material change that brings a new date is also filed under policy_change_notice (issue 12)."""

from __future__ import annotations

import pytest

from summarizer.api import compare_texts

BODY = "\n\n## Marketing\n\nWe may send you promotional communications by {how}.\n"


@pytest.mark.parametrize(
    ("old_date", "new_date"),
    [
        ("Last Updated: February 2026", "Last Updated: March 2026"),
        ("Effective July 1, 2025", "Effective December 11, 2025"),
        ("July 1, 2024 (View archived version)", "July 29, 2026 (View archived version)"),
    ],
)
def test_a_new_document_date_adds_policy_change_notice(old_date: str, new_date: str) -> None:
    old = f"# Terms\n\n{old_date}" + BODY.format(how="email")
    new = f"# Terms\n\n{new_date}" + BODY.format(how="email, text message and automated phone calls")
    record = compare_texts(old, new)
    assert record.material
    assert "policy_change_notice" in record.categories


def test_a_date_deep_in_the_text_without_a_label_is_not_the_document_date() -> None:
    intro = "# Terms\n\n" + "We explain here how the service works for you and what you agree to. " * 8
    old = intro + "\n\nThe offer ran until July 1, 2024." + BODY.format(how="email")
    new = (
        intro
        + "\n\nThe offer ran until July 29, 2026."
        + BODY.format(how="email, text message and automated phone calls")
    )
    assert "policy_change_notice" not in compare_texts(old, new).categories
