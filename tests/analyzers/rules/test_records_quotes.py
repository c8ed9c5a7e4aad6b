"""Issue 12: quotes stay verbatim (substrings of the source at their offsets) but are cleaner: no
Markdown marks or table bars at their edges, never cut inside a word, never left inside a link
target or an open emphasis."""

from __future__ import annotations

import pytest

from summarizer.analyzers.rules.analyzer import clean_span


def _clean(text: str, quote: str) -> str:
    start = text.index(quote)
    s, e = clean_span(text, start, start + len(quote))
    assert text[s:e] in text and s >= start - 400 and e <= len(text)
    return text[s:e]


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            "We use it fo**r** [business purposes](#)**.** Then more.",
            "o**r** [business purposes](#)**.**",
            "[business purposes](#)",
        ),
        (
            "Data may be shared with companies controlled by any parent company of ours.",
            "shared with companies controlled by any p",
            "shared with companies controlled by any",
        ),
        (
            "| Partner | Purpose |\n| Acme Ads Inc. | sends you targeted advertising |\n",
            "| Acme Ads Inc. | sends you targeted advertising |",
            "sends you targeted advertising",
        ),
        (
            "You have the right to **withdraw your consent** at any time.",
            "You have the right to **withdraw your",
            "You have the right to **withdraw your consent**",
        ),
        (
            "Read the [Payments Terms](https://example.com/payments) before you buy.",
            "Read the [Payments Terms](https://exam",
            "Read the [Payments Terms](https://example.com/payments)",
        ),
    ],
)
def test_quotes_are_cleaned_but_stay_verbatim(text, quote, expected):
    assert _clean(text, quote) == expected


def test_a_quote_that_would_vanish_is_kept_as_it_was():
    text = "See **this**."
    assert _clean(text, "**this**") == "**this**"
