"""The severity rubric, in code (the prose version is docs/severity.md).

A provision's text is rated from its category's tendency (:mod:`summarizer.model.taxonomy`), moved by
the *factors* it contains: permissions and hedges push up ("may sell", "for any purpose",
"without notice", "perpetual, irrevocable", "class action"), protections push down ("we do not
sell", "you can opt out", "30 days' notice", "encrypt", "only with your consent").

A change is assessed by comparing the two texts: factors that appeared or disappeared, plus the
hunk signals (:mod:`summarizer.diffing.signals`: "will" became "may", negations, parties, list items,
numbers). Their weights add up to a direction; the reason quotes the words that changed.

``direction`` says what the change means *for the user*: "up" = worse (more permitted, less
protected), "down" = better, "same" = no change in what the text permits or protects. For an
edited provision it always agrees with before/after (a change that makes the text worse moves
the level at least one step, unless it is already at the top or bottom). For a provision that was
added (before = none) or removed (after = none) the levels alone would mislead, so direction
follows the content: a removed protection is "up" (worse for the user) although after is none.

Everything is deterministic: the same texts always give the same assessment.
"""

from __future__ import annotations

from summarizer.rubric.severity.assessment import assess_change, shift_phrase
from summarizer.rubric.severity.factors import text_factors
from summarizer.rubric.severity.ranking import change_severity, overall_severity
from summarizer.rubric.severity.rating import rate_text
from summarizer.rubric.severity.results import Assessment, Factor

__all__ = [
    "Assessment",
    "Factor",
    "rate_text",
    "text_factors",
    "assess_change",
    "overall_severity",
    "change_severity",
    "shift_phrase",
]
