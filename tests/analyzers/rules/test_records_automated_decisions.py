"""Automated (or human) decisions about users coming or going name an AI change (automated_decisions.py;
issue 12, round 9); rules for the reader and data collection by automated means do not."""

import yaml

from summarizer.analyzers.rules.automated_decisions import decision_phrases, decisions_changed
from summarizer.analyzers.rules.provisions import Provision
from summarizer.api import compare_texts
from summarizer.testing.provisions import single_unit_provision

CASE = "evals/cases/human-review-step-dropped-is-automated-decision.yaml"


def _unit(old: str, new: str) -> Provision:
    return single_unit_provision(old, new, category="account_termination")


def test_the_case_names_ai_when_the_human_step_goes():
    case = yaml.safe_load(open(CASE, encoding="utf-8"))
    record = compare_texts(case["input"]["old_text"], case["input"]["new_text"])
    assert record.material
    assert "ai_training" in record.categories


def test_people_or_automated_tools_deciding_about_users_are_read():
    assert decision_phrases("If flagged, a team of human moderators reviews the content.") == 1
    assert decision_phrases("We use a combination of automated tools and human review to detect abuse.") == 1
    assert decision_phrases("Automated systems may remove content that breaks the law.") == 1
    assert (
        decision_phrases("You may request human review of decisions based solely on automated processing.")
        == 1
    )
    assert decision_phrases("Your post may be removed without human review.") == 1
    assert decision_phrases("We do not use automated decision-making that produces legal effects.") == 1


def test_rules_for_the_reader_and_collection_by_automated_means_are_not():
    assert not decision_phrases("Circumvent, disable, or evade human review or other oversight controls.")
    assert not decision_phrases("Do not use the services to make automated decisions with legal effects.")
    assert not decision_phrases("You may not use automated means to access or scrape the service.")
    assert not decision_phrases(
        "Partners use cookies and other automated technologies to collect device identifiers."
    )
    assert not decision_phrases("No automated bulk activity such as mass following.")
    assert not decision_phrases("")


def test_a_change_is_a_phrase_that_came_or_went():
    said = "If flagged, a human moderator reads the review."
    assert decisions_changed(_unit(f"Intro. {said}", "Intro. If flagged, the review is rejected."))
    assert decisions_changed(_unit("Intro.", f"Intro. {said}"))
    assert not decisions_changed(_unit(f"Intro. {said}", f"Intro. {said} Thanks."))
