"""Lists that grow or shrink, read in their frame (list_items.py, issue 12 round 6)."""

import pytest

from summarizer.analyzers.rules.list_items import ListItem, frame_of, list_direction
from summarizer.api import compare_texts

GUIDELINES = """# Community Guidelines

## Our rules

1. **Don't use the service to break the law or cause harm to others.** For example, do not:
    1. Trade in illegal goods or substances
    2. Hack or access systems that you aren't authorized to access
    3. Scam or cheat others for financial gain

## Reporting

You can report suspected violations of these guidelines with the in-app reporting feature.
"""

RIGHTS = """# Privacy Policy

## Your rights

Depending on where you live, you have the right to:

* Access the personal data we hold about you
* Correct inaccurate personal data about you
* Object to the processing of your personal data for marketing

## Contact

Write to privacy@example.com with any question.
"""


@pytest.mark.parametrize(
    ("lead", "frame"),
    [
        ("For example, do not:", "bans"),
        ("You agree that you will not upload content that:", "bans"),
        ("We prohibit the following:", "bans"),
        ("We may take actions such as limiting visibility of your account", "measures"),
        ("We may use the following cookies:", "data"),
        ("We may share your information with:", "data"),
        ("You have the right to:", "rights"),
        ("We will not sell:", "rights"),
        ("We do not allow content that:", "bans"),
        ("TO THE MAXIMUM EXTENT PERMITTED, THE COMPANY SHALL NOT BE LIABLE FOR:", None),
        ("The committee:", None),
    ],
)
def test_frame_of_a_lead_in(lead, frame):
    assert frame_of(lead) == frame


def test_direction_of_items():
    ban = ListItem("added", "Operate multiple accounts", "bans", "do not:")
    right_gone = ListItem("removed", "Object to marketing", "rights", "You have the right to:")
    right_new = ListItem("added", "direct messages", "rights", "You can report")
    assert ban.polarity == 1 and right_gone.polarity == 1 and right_new.polarity == -1
    assert list_direction([ban, right_gone]) == "worse"
    assert list_direction([right_new]) == "better"
    assert list_direction([ban, right_new]) == "mixed"
    assert list_direction([]) is None
    assert "what you must not do" in ban.evidence()


def test_ban_added_to_a_list_is_worse_and_material():
    new = GUIDELINES.replace(
        "    3. Scam or cheat others for financial gain\n",
        "    3. Scam or cheat others for financial gain\n    4. Operate multiple accounts that interact similarly\n",
    )
    record = compare_texts(GUIDELINES, new)
    assert record.material
    assert record.direction == "worse"
    assert record.severity == "medium"
    assert any("list item added to what you must not do" in e for c in record.changes for e in c.evidence)


def test_ban_taken_out_of_a_list_is_better():
    new = GUIDELINES.replace("    3. Scam or cheat others for financial gain\n", "")
    record = compare_texts(GUIDELINES, new)
    assert record.material
    assert record.direction == "better"


def test_right_taken_out_of_a_list_is_worse():
    new = RIGHTS.replace("* Object to the processing of your personal data for marketing\n", "")
    record = compare_texts(RIGHTS, new)
    assert record.material
    assert record.direction == "worse"


def test_right_added_to_a_list_is_better():
    new = RIGHTS.replace(
        "* Correct inaccurate personal data about you\n",
        "* Correct inaccurate personal data about you\n* Receive a copy of your data in a portable format\n",
    )
    record = compare_texts(RIGHTS, new)
    assert record.material
    assert record.direction == "better"


def test_entry_moved_within_the_list_is_no_item():
    new = GUIDELINES.replace(
        "    1. Trade in illegal goods or substances\n    2. Hack or access systems that you aren't authorized to access\n",
        "    1. Hack or access systems that you aren't authorized to access\n    2. Trade in illegal goods or substances\n",
    )
    record = compare_texts(GUIDELINES, new)
    assert not record.material or record.direction != "worse"


def test_entry_reformatted_is_no_item():
    new = RIGHTS.replace(
        "* Access the personal data we hold about you", "* **Access** the personal data we hold about you"
    )
    assert not compare_texts(RIGHTS, new).material


def test_item_in_a_bans_own_sentence_is_no_new_rule():
    old = "# Community Rules\n\n## Rule 4\n\nDo not post sexual or suggestive content involving minors.\n"
    new = old.replace("sexual or suggestive", "sexual, abusive, or suggestive")
    record = compare_texts(old, new)
    assert not any("list item" in e for c in record.changes for e in c.evidence)


def test_short_entry_under_a_lead_in_is_not_taken_for_a_heading():
    new = GUIDELINES.replace(
        "    3. Scam or cheat others for financial gain\n",
        "    3. Scam or cheat others for financial gain\n    4. Evading rate limits\n",
    )
    record = compare_texts(GUIDELINES, new)
    assert record.material
    assert any("Evading rate limits" in q for c in record.changes for q in c.quotes_new)


COOKIES = """# Cookie Policy

## Advertising cookies

|     |     |     |
| --- | --- | --- |
| Types of Cookies | Who serves these Cookies | How to refuse |
| Advertising Cookies: | example.com<br><br>adpartner.com | Use the cookie settings |
"""


def test_partner_added_to_a_cookie_table_cell_is_worse():
    new = COOKIES.replace("adpartner.com |", "adpartner.com<br><br>Yahoo Japan |")
    record = compare_texts(COOKIES, new)
    assert record.material
    assert record.direction == "worse"
    assert any("yahoo japan" in e for c in record.changes for e in c.evidence)
