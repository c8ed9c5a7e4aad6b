"""Extractive helpers: sentences, word edits, verbatim quotes, windows, actions, hedges, reading grade."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.rubric.readability import reading_grade
from summarizer.text.extract import (
    Span,
    action_sentences,
    defines,
    hedges_in,
    quote_from,
    sentences,
    vague_parties_in,
    window,
    word_edits,
)


def test_sentences_keep_offsets_and_skip_abbreviations():
    text = (
        "We use e.g. cookies. Acme Inc. is in the U.S. today! Next one?\n\n* A list item here\n* Another item"
    )
    found = sentences(text)
    assert [s.text for s in found] == [
        "We use e.g. cookies.",
        "Acme Inc. is in the U.S. today!",
        "Next one?",
        "A list item here",
        "Another item",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_word_edits_ignore_typography_and_trailing_punctuation():
    old = "We keep your data for 30 days. We don’t sell it"
    new = "We keep your data for 180 days. We don't sell it."
    edits = word_edits(old, new)
    assert len(edits) == 1 and edits[0].op == "replace"
    assert old[slice(*edits[0].old)] == "30" and new[slice(*edits[0].new)] == "180"


def test_window_stays_in_the_sentence_and_drops_markdown():
    text = "First sentence here. We may share data with [our partners](https://x.example) for ads. Last."
    at = text.index("partners")
    frag = window(text, (at, at + 8), before=2, after=2)
    assert frag == "with our partners for ads"  # two tokens before: "with", "[our"


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("abc de.fg, HI! \n*-[]()"), min_size=1, max_size=400),
    st.integers(min_value=10, max_value=80),
)
def test_quotes_are_always_verbatim_substrings(text, limit):
    for sent in sentences(text):
        q = quote_from(text, sent, (sent.start, sent.start + 1), max_chars=limit)
        assert text[q.start : q.end] == q.text
        assert sent.start <= q.start <= q.end <= sent.end


def test_long_sentence_quote_is_cut_around_the_change():
    text = (
        "Intro. The "
        + " ".join(f"word{i}" for i in range(200))
        + " TARGET "
        + " ".join(f"tail{i}" for i in range(200))
        + "."
    )
    sent = sentences(text)[1]
    at = text.index("TARGET")
    q = quote_from(text, sent, (at, at + 6), max_chars=120)
    assert "TARGET" in q.text and len(q.text) <= 120 and text[q.start : q.end] == q.text


def test_actions_are_selected_from_the_text_never_made_up():
    text = (
        "We may share your data with partners. You can opt out of ad tracking in Settings > Privacy. "
        "To delete your account, contact us at privacy@example.com. You agree that we may change these terms."
    )
    assert action_sentences(text) == [
        "You can opt out of ad tracking in Settings > Privacy.",
        "To delete your account, contact us at privacy@example.com.",
    ]
    assert action_sentences("We collect your name and email address when you sign up.") == []


def test_hedges_and_undefined_parties():
    text = "We may share data, including but not limited to usage data, with partners such as ad networks."
    assert hedges_in(text)[:3] == ["including but not limited to", "such as", "may"]
    assert vague_parties_in(text) == ["partners"]
    assert not defines("We may share data with partners.", "partners")
    assert defines('"Partners" means the companies listed at the end of this policy.', "partners")
    assert defines("Our partners include ad networks and analytics firms.", "partners")


def test_reading_grade_is_offline_and_orders_texts(monkeypatch):
    import nltk

    def no_download(*_a, **_k):  # the CMU dictionary must never be fetched
        raise AssertionError("reading_grade tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", no_download)
    simple = "You can turn it off. We keep your data for a month. Then we delete it."
    hard = (
        "Notwithstanding the foregoing, the aforementioned contractual obligations shall remain "
        "enforceable irrespective of subsequent jurisdictional determinations regarding applicability."
    )
    assert reading_grade(simple) < 5 < reading_grade(hard)  # Flesch-Kincaid can go below 0
    assert reading_grade("") == 0.0


def test_span_is_a_plain_value():
    assert Span(1, 3, "ab") == Span(1, 3, "ab")
