"""A changed line that holds no sentence does not file the record under a subject (issue 12, round 7)."""

import yaml

from summarizer.analyzers.rules.analyzer import _HEADING_LINE
from summarizer.api import compare_texts


def test_heading_lines():
    assert _HEADING_LINE.match("## 3. What about Children?")
    assert _HEADING_LINE.match("**Children Under 13**")
    assert _HEADING_LINE.match("Back to top 9. What about Children?")
    assert _HEADING_LINE.match("Information We Collect")


def test_sentences_and_list_items_are_not_heading_lines():
    assert not _HEADING_LINE.match("We collect your precise location.")
    assert not _HEADING_LINE.match("*   Precise geolocation")
    assert not _HEADING_LINE.match("- Voice recordings")
    assert not _HEADING_LINE.match("| Cookie | 6 months |")


def test_glued_heading_recaptured_does_not_name_its_subject():
    with open("evals/cases/heading-and-page-furniture-not-a-practice.yaml", encoding="utf-8") as fh:
        case = yaml.safe_load(fh)
    record = compare_texts(case["input"]["old_text"], case["input"]["new_text"])
    assert record.material
    assert record.categories == ["data_collection"]


def test_a_list_item_added_still_names_its_subject():
    head = (
        "# Privacy Policy\n\n## Information we collect\n\nWe collect the following data when you sign up, "
        "and we keep it while your account is open:\n\n"
    )
    tail = "\n\n## Contact\n\nWrite to us with any question.\n"
    old = head + "*   Your name\n*   Your email address" + tail
    new = head + "*   Your name\n*   Your email address\n*   Your precise location from your device" + tail
    record = compare_texts(old, new)
    assert record.material
    assert record.categories  # the new item names its subject; a list item is no heading
