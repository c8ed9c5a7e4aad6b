"""How much a change matters to the user, and the record's overall severity."""

from __future__ import annotations

from summarizer.model.taxonomy import Severity
from summarizer.rubric.severity.results import Assessment


def change_severity(a: Assessment) -> Severity:
    """How much this change matters to the user (used to rank changes and for the overall level).

    Worse for the user: the level it leads to; for a removed protection, one step above the old
    level and at least the category's tendency (what the provision allows without the promise).
    Better or unchanged in meaning: low. No text on either side: none.
    """
    if a.before is Severity.none and a.after is Severity.none:
        return Severity.none
    if a.direction == "up":
        return a.after
    if a.direction == "unclear":  # it changed and needs review: its level, but never high on no evidence
        return min(max(a.before, a.after), Severity.medium)
    return Severity.low


def overall_severity(assessments: list[Assessment]) -> Severity:
    """The record's severity: the highest :func:`change_severity` (none when nothing changed)."""
    return max((change_severity(a) for a in assessments), default=Severity.none)
