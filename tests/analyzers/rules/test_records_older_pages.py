"""An older page captured at the end of a document is not a change of it (older_pages.py)."""

from datetime import date

from summarizer.analyzers.rules.older_pages import parse_date
from summarizer.api import compare_texts

TERMS = (
    "# Terms of Service\n\nEffective: April 7, 2025\n\n## 1. Who can use the Services\n\n"
    "You must be 13 or older to use the Services. If you use the Services for a business, you agree for it.\n\n"
    "## 2. Content\n\nYou keep ownership of your content and grant us a licence to host it to run the Services.\n\n"
    "## 3. Changes\n\nWe may update these Terms. We will notify you before material changes take effect.\n"
)


def _page(effective: str) -> str:
    return (
        "\n- - -\n\nAmendment to the Terms for Government Users\n-------------------------------------\n\n"
        f"Effective: {effective}\n\n**1. Federal Law**\n\n"
        'The "Indemnity" and "Arbitration" sections do not apply to the agency where federal law forbids them.\n'
    )


def test_older_page_appended_is_not_material():
    record = compare_texts(TERMS, TERMS + _page("October 30, 2019"))
    assert not record.material
    assert "older page" in record.headline


def test_page_dated_after_the_old_version_stays_material():
    assert compare_texts(TERMS, TERMS + _page("June 1, 2026")).material


def test_older_date_inside_the_document_is_not_an_appended_page():
    inside = TERMS.replace("## 3. Changes", _page("October 30, 2019").strip() + "\n\n## 3. Changes")
    assert compare_texts(TERMS, inside).material


def test_parse_date_shapes():
    assert parse_date("Effective: October 30, 2019") == date(2019, 10, 30)
    assert parse_date("Last updated 3 March 2024") == date(2024, 3, 3)
    assert parse_date("Updated 2021-05-01") == date(2021, 5, 1)
    assert parse_date("Updated 05/01/2021") is None  # day and month order unknown
