"""analyzer._stands (a quote looked for around its hunks first, then in the whole version) answers
``quote in text`` whatever the ranges."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.analyzers.rules.analyzer import _stands

_RANGES = st.lists(st.tuples(st.integers(-5, 40), st.integers(-5, 40)), max_size=3)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab ", max_size=30), st.text(alphabet="ab ", max_size=4), _RANGES)
def test_same_answer_as_in(text: str, quote: str, near: list[tuple[int, int]]) -> None:
    assert _stands(quote, text, near) == (quote in text)


def test_found_near_or_far() -> None:
    text = "x" * 5000 + "the quote" + "y" * 5000
    assert _stands("the quote", text, [(4990, 5020)])
    assert _stands("the quote", text, [(0, 10)])  # not near: found in the whole text
    assert not _stands("no such quote", text, [(4990, 5020)])
