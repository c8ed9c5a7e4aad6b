"""A clause about what the reader may do, inside a sentence about something else, does not make the
sentence the reader's right or duty (relative_clauses.py, issue 12 round 8)."""

from __future__ import annotations

import pytest

from summarizer.api import compare_texts
from summarizer.rubric.clauses import sentence_kind
from summarizer.rubric.relative_clauses import main_clause


@pytest.mark.parametrize(
    "sentence",
    [
        # fresh3 qwant privacy: a description, read as a duty from "may not"
        "You reveal a lot of things through your online searches that you may not normally reveal to your "
        "family and friends or even on social media.",
        # held-out bing privacy: a feature described, read as a permission from "you can"
        "For example, we index the contents of your OneDrive documents so that you can search for them later.",
        # fresh4 viber trackers: a list of data collected, read as a right from "which you can withdraw"
        "Information that is provided by you: includes your identifiers and, with your permission, GPS location "
        "data (which you can withdraw at any time in your device settings).",
    ],
)
def test_a_clause_about_the_reader_inside_a_description_is_no_cue(sentence: str) -> None:
    assert sentence_kind(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("You may not post content that you do not own.", "reader_duty"),
        ("You can delete your account at any time.", "reader_right"),
        # a "that" after a verb of agreeing opens the sentence's own clause
        ("Specifically, you agree that you shall not sell or export any products.", "reader_duty"),
        ("If you decide to do that you will need to give us a license to use your content.", "reader_duty"),
        # a relative clause of the company is a right it keeps
        (
            "The number of Crystals may vary depending on our formulas, which we may modify from time to time in "
            "our sole discretion.",
            "company_right",
        ),
    ],
)
def test_the_main_clause_still_decides(sentence: str, kind: str) -> None:
    assert sentence_kind(sentence) == kind


def test_main_clause_leaves_sentences_without_the_reader_alone() -> None:
    text = "We may share your data with partners that we select."
    assert main_clause(text) == text
    assert "may not" not in main_clause("Things that you may not normally reveal to friends.")


def test_a_record_whose_only_burden_was_a_relative_clause_is_better() -> None:
    old = (
        "# Privacy Policy\n\n## Search\n\nWhen you search with our service, we do not store your search history.\n\n"
        "## Your rights\n\nYou can ask us for a copy of the personal data we hold about you.\n"
    )
    new = (
        old.replace(
            "When you search",
            "You reveal a lot of things through your online searches that you may not normally reveal to your family "
            "and friends.\nWhen you search",
        )
        + "You can ask us to delete the personal data we hold about you at any time.\n"
    )
    record = compare_texts(old, new)
    assert record.material
    assert record.direction == "better"
    assert not any("duty or prohibition on you" in e for c in record.changes for e in c.evidence)
