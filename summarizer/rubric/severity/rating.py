"""Rating one provision's text: the category's tendency, moved by the sum of its factors' weights."""

from __future__ import annotations

from summarizer.diffing.signals import (
    canonical,
)
from summarizer.model.taxonomy import CATEGORIES, Severity
from summarizer.rubric.severity.factors import factors_canon
from summarizer.rubric.severity.results import Factor


def _level(category: str, net: int) -> Severity:
    base = CATEGORIES[category].tendency.rank if category in CATEGORIES else Severity.medium.rank
    if net >= 3:
        adj = 2
    elif net >= 1:
        adj = 1
    elif net <= -3:
        adj = -2
    elif net <= -1:
        adj = -1
    else:
        adj = 0
    return Severity.from_rank(max(Severity.low.rank, min(Severity.high.rank, base + adj)))


def rate_canon(category: str, canon: str) -> tuple[Severity, list[Factor]]:
    if not any(ch.isalnum() for ch in canon):
        return Severity.none, []
    factors = factors_canon(category, canon)
    return _level(category, sum(f.weight for f in factors)), factors


def describe(category: str, factors: list[Factor]) -> list[str]:
    tendency = CATEGORIES[category].tendency.value if category in CATEGORIES else "medium"
    return [f"tendency of {category}: {tendency}"] + [str(f) for f in factors]


def rate_text(category: str, text: str) -> tuple[Severity, list[str]]:
    """Severity of a provision's text in *category*, and the factors that fired.

    The category's tendency moves one step up when the text's factor weights sum to 1 or 2,
    two steps at 3 or more; one step down at -1 or -2, two at -3 or less. Any text with words
    rates at least low; no text rates none.
    """
    level, factors = rate_canon(category, canonical(text))
    return level, (describe(category, factors) if level is not Severity.none else [])
