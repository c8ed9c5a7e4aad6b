"""A new effective date read from labels beside or before the date line (analyzer.dated, issue 12)."""

from summarizer.analyzers.rules.analyzer import dated
from summarizer.api import diff_texts

BODY = "\n\nWe collect your name and email address to run the service and answer your questions.\n\n"


def test_date_in_emphasis_under_a_version_line():
    old = "# Data Protection Terms" + BODY + "_Data Protection Terms, Version 9_\n\n_22 August 2025_\n"
    new = "# Data Protection Terms" + BODY + "_Data Protection Terms, Version 10_\n\n_17 February 2026_\n"
    assert dated(diff_texts(old, new))


def test_bare_date_replacing_a_published_date_line():
    old = "# Store App & Privacy" + BODY + "Published Date: January 27, 2025\n"
    new = "# Store App & Privacy" + BODY + "2026-07-22\n"
    assert dated(diff_texts(old, new))


def test_a_date_in_the_text_is_not_the_document_date():
    old = "# Privacy" + BODY + "Requests received in 2024 are listed below.\n"
    new = "# Privacy" + BODY + "The programme closed on October 31, 2024 and no longer accepts applicants.\n"
    assert not dated(diff_texts(old, new))
