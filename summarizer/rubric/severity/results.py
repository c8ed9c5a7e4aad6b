"""What the rubric returns: a factor found in a text, and the assessment of one changed provision."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from summarizer.model.taxonomy import Severity

Direction = Literal["up", "down", "same", "unclear"]
Confidence = Literal["high", "medium", "low"]


@dataclass
class Assessment:
    """How one provision (a category within the document) changed."""

    category: str
    before: Severity  # none when the provision was absent in the old text
    after: Severity  # none when it was removed
    direction: Direction  # for the user: up = worse, down = better (see the module docstring)
    reason: str  # one line, e.g. "medium → high: 'will not sell' was removed"
    factors: list[str] = field(default_factory=list)  # rubric factors that fired, with weights
    #: how sure the direction is (issue 12): high = evidence one way only; medium = one way
    #: outweighs the other clearly; low = no evidence or conflicting evidence (direction unclear)
    confidence: Confidence = "high"
    evidence: list[str] = field(default_factory=list)  # the words behind the direction, signed


@dataclass(frozen=True, slots=True)
class Factor:
    """One rubric factor found in a text."""

    key: str
    weight: int  # > 0 pushes severity up (a permission or hedge), < 0 down (a protection)
    label: str  # a noun phrase: "an opt-out", "a promise not to sell"
    quote: str  # the words that fired it

    def __str__(self) -> str:
        return f"{self.weight:+d} {self.label}: '{self.quote}'"
