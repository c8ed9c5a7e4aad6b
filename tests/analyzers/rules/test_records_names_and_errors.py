"""Laws and companies named, and error messages captured in place of text (issue 12)."""

from __future__ import annotations

from summarizer.analyzers.rules.names import entities, laws, privacy_law_named
from summarizer.api import compare_texts

LAWS = (
    "# Privacy\n\n## State laws\n\nThese laws include:\n\n{items}\n\nThey give you rights over your data.\n"
)


def test_law_and_company_names_are_found() -> None:
    text = "The California Consumer Privacy Act and Nevada Senate Bill 370 apply."
    assert laws(text) == {"California Consumer Privacy Act", "Senate Bill 370"}
    assert entities("sold by Google Digital Inc. or Snap Group Limited, Snap Inc.") == {
        "Google Digital Inc",
        "Snap Group Limited",
        "Snap Inc",
    }


def test_a_privacy_law_added_to_a_list_is_a_material_rights_change() -> None:
    old = LAWS.format(items="*   Colorado Privacy Act (CPA)")
    new = LAWS.format(
        items="*   Colorado Privacy Act (CPA)\n*   Kentucky Consumer Data Protection Act (KCDPA)"
    )
    record = compare_texts(old, new)
    assert record.material
    assert "user_rights" in record.categories


def test_a_sentence_that_mentions_a_law_in_passing_keeps_its_subject() -> None:
    sentence = (
        "To comply with the General Data Protection Regulation we have appointed a representative in Ireland."
    )
    assert not privacy_law_named("", sentence)


def test_another_company_as_the_seller_is_material() -> None:
    old = "# Terms\n\n## Purchases\n\nContent is sold to you by Google Digital Inc. under these terms.\n"
    new = "# Terms\n\n## Purchases\n\nContent is sold to you by Google LLC under these terms.\n"
    assert compare_texts(old, new).material


def test_the_same_company_reworded_is_not_material() -> None:
    old = "# Terms\n\n## Purchases\n\nContent is sold to you by Google LLC under these terms.\n"
    new = "# Terms\n\n## Purchases\n\nContent is sold to you by Google LLC. under these terms.\n"
    assert not compare_texts(old, new).material


PAGE = "# Policy\n\n## Commitment\n\nWe respect human rights.\n\n{middle}\n\n## Grievances\n\nYou can raise concerns.\n"
SECTION = (
    "## Inclusion\n\nEmployees are given equal employment and promotion opportunities regardless of race, "
    "religion, disability or sexual orientation."
)


def test_a_section_replaced_by_an_error_message_is_flagged_not_material() -> None:
    old = PAGE.format(middle=SECTION)
    new = PAGE.format(
        middle="Application error: a client-side exception has occurred while loading example.com."
    )
    record = compare_texts(old, new)
    assert not record.material
    flags = [f for f in record.flags if f.code == "capture_mismatch"]
    assert flags and "Application error" in flags[0].message
    assert "error message" in record.headline


def test_a_real_change_elsewhere_is_kept_beside_the_error_message() -> None:
    old = PAGE.format(middle=SECTION) + "\n## Data\n\nWe never sell your personal data.\n"
    new = (
        PAGE.format(middle="Page not found")
        + "\n## Data\n\nWe may sell your personal data to advertising partners.\n"
    )
    record = compare_texts(old, new)
    assert record.material
    assert any(f.code == "capture_mismatch" for f in record.flags)


def test_a_policy_sentence_about_errors_is_no_capture_error() -> None:
    old = PAGE.format(middle=SECTION)
    new = PAGE.format(
        middle="If an error occurred in your order, we refund you within 30 days of your request."
    )
    assert not any(f.code == "capture_mismatch" for f in compare_texts(old, new).flags)
