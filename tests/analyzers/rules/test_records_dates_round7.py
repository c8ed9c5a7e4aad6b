"""More forms of a new document date (analyzer.dated, issue 12, round 7): 'Last update:', a bare date
line replaced by another, a sign-off line whose only change is its date, and a dated sentence
announcing the update."""

from summarizer.analyzers.rules.analyzer import dated
from summarizer.api import diff_texts

BODY = (
    "\n\nWe collect your name and email address to run the service and answer your questions.\n\n"
    "We keep your messages while your account is open and delete them when you close it.\n\n"
    "You can ask for a copy of your data by writing to our support team at any time.\n\n"
    "We use cookies to keep you signed in and to remember the language you chose.\n\n"
)


def test_last_update_label():
    old = "# Privacy" + BODY + "*   Last update: August 16, 2021\n"
    new = "# Privacy" + BODY + "*   Last update: October 20, 2021\n"
    assert dated(diff_texts(old, new))


def test_last_update_line_put_in():
    old = "# Terms" + BODY + "All rights reserved.\n"
    new = "# Terms" + BODY + "All rights reserved.\n\n*   Last update: May 9, 2022\n"
    assert dated(diff_texts(old, new))


def test_bare_date_line_replaced_by_another():
    old = "# Websites Privacy Notice\n\nJanuary 8, 2021" + BODY
    new = "# Websites Privacy Notice\n\nMay 10, 2022" + BODY
    assert dated(diff_texts(old, new))


def test_sign_off_line_with_a_new_date():
    old = "# Community Guidelines" + BODY + "The Example Team, Dec 17, 2018\n"
    new = "# Community Guidelines" + BODY + "The Example Team, June 27, 2022\n"
    assert dated(diff_texts(old, new))


def test_dated_sentence_announcing_the_update():
    old = "# Privacy Notice" + BODY + "We have changed how we ask for your consent to personalised ads.\n"
    new = (
        "# Privacy Notice" + BODY + "On November 3, 2025, we are updating this notice to explain the legal "
        "basis we rely on.\n"
    )
    assert dated(diff_texts(old, new))


def test_same_date_in_a_restyled_line_is_not_a_new_date():
    old = "# Policy" + BODY + "**Last updated April 2024**\n"
    new = "# Policy" + BODY + "Last updated April 2024\n"
    assert not dated(diff_texts(old, new))


def test_a_deadline_moved_inside_a_sentence_is_not_the_document_date():
    old = (
        "# Terms"
        + BODY
        + "You may claim the credit until March 1, 2024, after which it expires and cannot be used.\n"
    )
    new = (
        "# Terms"
        + BODY
        + "You may claim the credit until March 1, 2025, after which it expires and cannot be used.\n"
    )
    assert not dated(diff_texts(old, new))


def test_a_long_line_whose_date_changed_is_not_a_sign_off():
    old = (
        "# Terms"
        + BODY
        + "Offers shown in the app for the spring sale apply to orders placed before May 3, 2024.\n"
    )
    new = (
        "# Terms"
        + BODY
        + "Offers shown in the app for the spring sale apply to orders placed before May 3, 2025.\n"
    )
    assert not dated(diff_texts(old, new))
