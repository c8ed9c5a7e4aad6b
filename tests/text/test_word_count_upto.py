"""``word_count_upto`` is ``min(word_count(text), limit)``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.text.extract import word_count, word_count_upto


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1’'_ -.\n\u00e9", max_size=40), st.integers(min_value=-1, max_value=12))
def test_is_the_capped_count(text: str, limit: int) -> None:
    assert word_count_upto(text, limit) == max(0, min(word_count(text), limit))


def test_examples() -> None:
    assert word_count_upto("one two three four five six seven", 6) == 6
    assert word_count_upto("we don't sell it", 6) == 4
    assert word_count_upto("", 6) == 0
