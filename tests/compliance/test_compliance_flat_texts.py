"""The flattened documents the moderation and source readings share: the same text as flattening with a
regular expression, made once per analysis."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from summarizer.compliance import signals
from summarizer.compliance.signals import FlatTexts, flat_lower


@given(st.text(alphabet=st.sampled_from("aZ İ\t\n\r\x0b\x0c\x1c\x85\u00a0\u2028\u3000.")))
def test_flat_lower_is_the_regex_flattening_stripped(text: str) -> None:
    assert flat_lower(text) == re.sub(r"\s+", " ", text).strip().lower()


def test_each_document_is_flattened_once_and_only_when_read(monkeypatch) -> None:
    calls: list[str] = []
    real = signals.flat_lower
    monkeypatch.setattr(signals, "flat_lower", lambda text: calls.append(text) or real(text))
    docs = FlatTexts("Old  TEXT", "New\nText")
    assert calls == []
    assert docs.old == "old text" and docs.old == "old text"
    assert calls == ["Old  TEXT"]
    assert docs.new == "new text"
    assert calls == ["Old  TEXT", "New\nText"]
