"""clauses._MARKUP_SCAN (the markup pattern written to start with one character of its first
characters, for whole documents) finds exactly what clauses._MARKUP finds: on hypothesis texts and
on every bundled version."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.rubric.clauses import _MARKUP, _MARKUP_SCAN

_OTA = Path(__file__).resolve().parents[2] / "evals" / "data" / "ota"


def _found(pattern, text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group(0)) for m in pattern.finditer(text)]


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="![]()*_`#|>a \n", max_size=30))
def test_same_matches_as_the_markup_pattern(text: str) -> None:
    assert _found(_MARKUP_SCAN, text) == _found(_MARKUP, text)


def test_same_matches_on_bundled_versions() -> None:
    versions = sorted(_OTA.glob("*/*.md"))
    assert versions
    for path in versions:
        text = path.read_text(encoding="utf-8")
        assert _MARKUP_SCAN.sub(" ", text) == _MARKUP.sub(" ", text), path
