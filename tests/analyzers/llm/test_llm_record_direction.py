"""Issue 12: model records carry a direction and per-change confidence like the rules records; a
model's direction that disagrees with its own ratings is low confidence and claims nothing."""

from __future__ import annotations

from summarizer.analyzers.llm.analyzer import _model_confidence
from summarizer.analyzers.rules.analyzer import record_direction
from summarizer.model.record import Change


def test_a_direction_that_agrees_with_the_ratings_is_medium_never_high():
    assert _model_confidence("up", "medium", "high") == "medium"
    assert _model_confidence("down", "high", "low") == "medium"
    assert _model_confidence("same", "low", "low") == "medium"


def test_a_direction_against_the_ratings_or_missing_is_low_or_none():
    assert _model_confidence("up", "high", "medium") == "low"
    assert _model_confidence("same", "low", "high") == "low"
    assert _model_confidence(None, "low", "high") is None
    assert _model_confidence("unclear", "low", "high") is None


def _change(direction: str, before: str, after: str) -> Change:
    return Change(
        category="third_party_sharing",
        kind="expanded",
        summary="s",
        severity_before=before,  # type: ignore[arg-type]
        severity_after=after,  # type: ignore[arg-type]
        shift_reason="r",
        section="s",
        direction=direction,  # type: ignore[arg-type]
        confidence=_model_confidence(direction, before, after),  # type: ignore[arg-type]
    )


def test_the_record_direction_counts_only_consistent_model_claims():
    assert record_direction([_change("up", "medium", "high")]) == "worse"
    assert record_direction([_change("up", "high", "medium")]) == "unclear"
    assert record_direction([_change("up", "low", "medium"), _change("down", "high", "medium")]) == "mixed"
