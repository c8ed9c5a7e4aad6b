"""Round 5 (issue 12): a record's severity follows its direction."""

from __future__ import annotations

from summarizer.api import compare_texts

OLD = """# Privacy Policy

## Sharing

We share your information with service providers who help us run the service.

## Your rights

You can contact us with questions about your data.
"""
SHARING = (
    "We may share your location and browsing history with advertising partners for targeted advertising."
)
RIGHTS = "You can access your data at any time. You can delete your data at any time. You can object to processing of your data."


def _new(sharing: str, rights: str) -> str:
    return OLD.replace("run the service.", f"run the service. {sharing}").replace(
        "about your data.", f"about your data. {rights}"
    )


def test_new_sharing_with_advertisers_alone_is_worse_and_high() -> None:
    record = compare_texts(OLD, _new(SHARING, ""))
    assert (record.direction, record.severity) == ("worse", "high")


def test_a_mixed_record_leaning_to_the_user_is_not_high() -> None:
    record = compare_texts(OLD, _new(SHARING, RIGHTS))
    assert (record.direction, record.severity) == ("mixed", "medium")


def test_a_new_burden_filed_under_generic_text_is_still_medium() -> None:
    old = "# Assistant Privacy Notice\n\n## Your conversations\n\nWe use your conversations to answer you.\n"
    new = old.replace("to answer you.", "to answer you. Human reviewers may read your conversations.")
    record = compare_texts(old, new)
    assert record.direction == "worse"
    assert record.severity in ("medium", "high")
