"""Finding a quote in a document: modulo whitespace, typography and emphasis, never other words."""

from __future__ import annotations

import pytest

from summarizer.analyzers.llm.quotes import find_quote

DOC = "We  may share your\n**personal information** with our “advertising partners”. You can't opt out."


@pytest.mark.parametrize(
    "quote",
    [
        "We may share your personal information",  # whitespace differs (double space, newline)
        'with our "advertising partners"',  # straight quotes for typographic ones
        "You can’t opt out.",  # typographic apostrophe for a straight one
        "your personal information with",  # Markdown emphasis between the words
        "  We may\tshare  ",
    ],
)
def test_quotes_are_found_modulo_whitespace_typography_and_emphasis(quote: str) -> None:
    where = find_quote(quote, DOC)
    assert where is not None
    start, end = where
    assert DOC[start:end].split()[0].strip("*") == quote.split()[0].strip("*")


@pytest.mark.parametrize(
    "quote", ["we may share your", "We may sell your personal information", "advertising partner.", ""]
)
def test_quotes_that_differ_in_words_or_case_are_not_found(quote: str) -> None:
    assert find_quote(quote, DOC) is None
