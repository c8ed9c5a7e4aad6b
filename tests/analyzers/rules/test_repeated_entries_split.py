"""repeated_entries' sentence split, written to start with a white-space character, splits as the
plain pattern it replaced did (``(?<=[.!?;])\\s+|\\n+``): on hypothesis texts and on every bundled
version."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.analyzers.rules.repeated_entries import _SPLIT

_PLAIN = re.compile(r"(?<=[.!?;])\s+|\n+")
_OTA = Path(__file__).resolve().parents[3] / "evals" / "data" / "ota"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="a.!?;:, \n\t\r\u00a0\u2028\x85", max_size=30))
def test_same_splits_as_the_plain_pattern(text: str) -> None:
    assert _SPLIT.split(text) == _PLAIN.split(text)
    assert [m.span() for m in _SPLIT.finditer(text)] == [m.span() for m in _PLAIN.finditer(text)]


def test_same_splits_on_the_bundled_versions() -> None:
    versions = sorted(_OTA.glob("*/*.md"))
    assert versions
    for path in versions:
        text = path.read_text(encoding="utf-8")
        assert _SPLIT.split(text) == _PLAIN.split(text), path
