"""Rules of conduct are at most a medium change for the user (issue 12, round 7:
analyzers/rules/conduct_rules.py)."""

from __future__ import annotations

from summarizer.analyzers.rules.conduct_rules import conduct_severity
from summarizer.model.taxonomy import Severity
from summarizer.rubric.clauses import Cue


def test_a_high_record_of_community_guidelines_is_held_at_medium() -> None:
    assert conduct_severity(Severity.high, [[]], "Acme Community Guidelines", "") is Severity.medium


def test_a_guidelines_title_in_the_first_lines_counts() -> None:
    text = "Rules and Policies\n\n# Acceptable Use Policy\n\nDo not post spam."
    assert conduct_severity(Severity.high, [[]], "Rules and Policies", text) is Severity.medium


def test_ai_training_put_in_keeps_the_record_high() -> None:
    cue = Cue("ai_training", 1, "added", "We may use the content you post to train our AI models.")
    assert conduct_severity(Severity.high, [[cue]], "Acme Community Guidelines", "") is Severity.high


def test_a_privacy_policy_keeps_its_high() -> None:
    assert (
        conduct_severity(Severity.high, [[]], "Acme Privacy Policy", "We share your data.") is Severity.high
    )


def test_lower_levels_are_untouched() -> None:
    for level in (Severity.none, Severity.low, Severity.medium):
        assert conduct_severity(level, [[]], "Acme Community Guidelines", "") is level
