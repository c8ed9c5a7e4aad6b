"""``practices.sentence_around``: the one sentence reader of the compliance readings (round 9, tidy9: the
forum reading's own copy, which quoted the sentence, is now its ``keep_stop`` / ``from_start`` form)."""

from __future__ import annotations

import re

from summarizer.compliance.practices import sentence_around


def _match(text: str, words: str) -> re.Match[str]:
    m = re.search(re.escape(words), text)
    assert m is not None
    return m


def test_by_default_the_closing_stop_is_left_out_and_the_leading_space_kept() -> None:
    text = "One rule. Two rules here. Three."
    assert sentence_around(text, _match(text, "here")) == " Two rules here"


def test_keep_stop_quotes_the_sentence_with_its_full_stop_trimmed() -> None:
    text = "One rule.  Two rules here. Three."
    assert sentence_around(text, _match(text, "here"), keep_stop=True) == "Two rules here."
    # A line ends the sentence too; the line break is not kept.
    text = "Heading\n  The laws of Malta apply \nmore"
    assert sentence_around(text, _match(text, "Malta"), keep_stop=True) == "The laws of Malta apply"


def test_the_last_sentence_runs_to_the_end_of_the_text() -> None:
    text = "First. The laws of Malta apply"
    assert sentence_around(text, _match(text, "Malta")) == " The laws of Malta apply"
    assert sentence_around(text, _match(text, "Malta"), keep_stop=True) == "The laws of Malta apply"


def test_from_start_stops_at_a_line_break_inside_the_match() -> None:
    text = "Disputes go to the courts of\nIreland only. Other terms."
    m = _match(text, "courts of\nIreland")
    assert sentence_around(text, m) == "Disputes go to the courts of\nIreland only"
    assert sentence_around(text, m, from_start=True) == "Disputes go to the courts of"
    assert sentence_around(text, m, from_start=True, keep_stop=True) == "Disputes go to the courts of"


def test_from_start_stops_at_a_full_stop_inside_the_match() -> None:
    text = "See the courts of St. Helier for disputes. Other terms."
    m = _match(text, "courts of St. Helier")
    assert sentence_around(text, m, keep_stop=True) == "See the courts of St. Helier for disputes."
    assert sentence_around(text, m, from_start=True, keep_stop=True) == "See the courts of St."


def test_the_forum_reading_quotes_the_sentence_of_the_new_court() -> None:
    from summarizer.compliance.forum import _new_forum

    quotes = ["Intro text. These terms are governed by the laws of Ireland.  Other terms follow."]
    assert _new_forum(quotes, {"Malta"}) == ("Ireland", "These terms are governed by the laws of Ireland.")
    quotes = ["Disputes go to the courts of\nIreland only."]
    assert _new_forum(quotes, {"Malta"}) == ("Ireland", "Disputes go to the courts of")
