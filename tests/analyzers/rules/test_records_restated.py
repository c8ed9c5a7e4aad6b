"""Passages that still stand word for word in the other version are no change (restated.py, issue 12)."""

from types import SimpleNamespace

from summarizer.analyzers.rules.restated import _unit_restated, text_key
from summarizer.api import compare_texts

BASE = """# Privacy Policy

## Sharing

We may share your information with service providers who help us run the service.

Where content indicates a credible threat to human life, our teams may alert law enforcement agencies.

## Your choices

You can unsubscribe from marketing emails at any time.
"""


def test_key_ignores_markers_markup_links_and_footnotes():
    assert text_key("(2)any Google Entity’s data;") == text_key("(2) any Google Entity’s data;")
    assert text_key("6.Liability") == text_key("**6\\. Liability**")
    assert text_key("action[\\[Note 2\\]](#cite_note-a-2) to") == text_key(
        "action[\\[Note 3\\]](#cite_note-a-3) to"
    )
    assert text_key("within 30 days") != text_key("within 60 days")


def test_duplicate_paragraph_removed_is_not_material():
    dup = BASE.replace(
        "## Your choices",
        "Where content indicates a credible threat to human life, our teams "
        "may alert law enforcement agencies.\n\n## Your choices",
    )
    record = compare_texts(dup, BASE)
    assert not record.material


def test_sentence_removed_for_good_is_material():
    gone = BASE.replace(
        "Where content indicates a credible threat to human life, our teams may alert law "
        "enforcement agencies.\n\n",
        "",
    )
    assert compare_texts(BASE, gone).material


def test_short_cell_flip_is_not_taken_for_a_restatement():
    # "no" is found anywhere in a document: a few words found elsewhere are no evidence
    unit = SimpleNamespace(old_text="| Sold | Yes |", new_text="| Sold | No |")
    doc = text_key(BASE + "| Shared | No | Yes |")
    assert not _unit_restated(unit, doc, doc)
    moved = SimpleNamespace(old_text="We may share your information with service providers.", new_text="")
    assert _unit_restated(moved, doc, text_key(BASE))


def test_number_change_stays_material():
    old = BASE + "\nWe keep your data for 30 days after you close your account.\n"
    new = BASE + "\nWe keep your data for 90 days after you close your account.\n"
    assert compare_texts(old, new).material
