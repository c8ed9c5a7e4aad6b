"""The one definition of dates in document text: a date, a date-label line, a date-only text."""

from __future__ import annotations

import pytest

from summarizer.text.dates import DATE, DATE_LINE, DATE_ONLY


@pytest.mark.parametrize(
    "text",
    [
        "Effective March 1, 2023",
        "on 1st March, 2023",
        "Sept. 30 2024",
        "2023-03-01",
        "01/03/2023",
        "1.3.2023",
    ],
)
def test_dates_are_found(text: str) -> None:
    assert DATE.search(text)


@pytest.mark.parametrize("text", ["We may sell 2023 items", "section 1.3", "March of progress", "10/2023"])
def test_non_dates_are_not(text: str) -> None:
    assert not DATE.search(text)


@pytest.mark.parametrize(
    "line",
    ["Last updated: 1 March 2023", "**Effective date:** 2023-03-01", "This policy was last updated on May 5"],
)
def test_date_label_lines(line: str) -> None:
    assert DATE_LINE.match(line)


@pytest.mark.parametrize("line", ["Updates to this policy", "Your rights", "Data we collect, effective now"])
def test_other_lines_are_not_date_lines(line: str) -> None:
    assert not DATE_LINE.match(line)


def test_date_only_text() -> None:
    assert DATE_ONLY.match("March 1, 2023 - April 2nd, 2024")
    assert not DATE_ONLY.match("March 1, 2023: we now sell data")
