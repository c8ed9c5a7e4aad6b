"""list_items._line_words (each line's word set built straight into a frozenset) equals the sets
of :func:`list_items._words` of every line holding two words or more, as it was first written."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.analyzers.rules import list_items

_OTA = Path(__file__).resolve().parents[3] / "evals" / "data" / "ota"


def _plain(doc: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(w) for w in (list_items._words(line) for line in doc.splitlines()) if len(w) >= 2)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abc ABC_1\n\r\u2028İΣ’", max_size=60))
def test_same_sets_on_hypothesis_texts(doc: str) -> None:
    assert list_items._line_words.__wrapped__(doc) == _plain(doc)


def test_same_sets_on_bundled_versions() -> None:
    versions = sorted(_OTA.glob("*/*.md"))[:40]
    assert versions
    for path in versions:
        doc = path.read_text(encoding="utf-8")
        assert list_items._line_words.__wrapped__(doc) == _plain(doc), path
