"""consent_banner's edge test (``_at_edge``), rewritten to stop at the first non-space character
instead of stripping the rest of the document for every hunk, answers as the slicing formula."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.analyzers.rules.capture_errors import BANNER_EDGE, _at_edge


def _sliced(text: str, start: int, end: int) -> bool:
    return not text[:start].strip() or len(text[end:].strip()) <= BANNER_EDGE


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=" \n\t\u00a0\u2028ab.", max_size=30), st.data())
def test_at_edge_matches_the_sliced_formula(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _at_edge(text, start, end) == _sliced(text, start, end)


def test_at_edge_on_a_banner_at_either_end() -> None:
    text = "\n\n Accept all cookies\n\nWe collect data.\n\nReject all\n ok\n"
    assert _at_edge(text, 3, 21)  # at the start
    assert _at_edge(text, text.index("Reject"), text.index(" ok"))  # "ok" is within the edge
    assert not _at_edge(text, text.index("We"), text.index("We") + 17)
