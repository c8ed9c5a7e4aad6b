"""Rules of conduct (acceptable use policies, community guidelines) that speak of AI (issue 12, round 5).

A rule about what users may do with AI ('do not use any Output to develop competing models') is a
rule of conduct, filed under ``account_termination``; AI acting for the user or using the user's
data keeps ``ai_training``, in rules of conduct as anywhere."""

from __future__ import annotations

from summarizer.analyzers.rules.audience import conduct_document
from summarizer.api import compare_texts

OLD = (
    "# Acceptable Use Policy\n\n## Prohibited uses\n\nYou may not use the Service to:\n\n"
    "* Violate the law or the rights of others.\n* Harass, threaten or bully any person.\n\n"
    "## Enforcement\n\nIf you violate this policy, we may suspend or terminate your access to the Service.\n"
)
AI_RULE = "* Use any Output to develop machine learning models or related AI services that compete with us.\n"


def _with(extra: str, title: str = "Acceptable Use Policy") -> tuple[str, str]:
    old = OLD.replace("Acceptable Use Policy", title)
    return old, old.replace(
        "* Harass, threaten or bully any person.\n", "* Harass, threaten or bully any person.\n" + extra
    )


def test_a_rule_about_ai_outputs_is_a_rule_of_conduct() -> None:
    record = compare_texts(*_with(AI_RULE))
    assert "account_termination" in record.categories
    assert "ai_training" not in record.categories
    assert all(c.category != "ai_training" for c in record.changes)


def test_training_on_the_users_content_in_a_usage_policy_stays_ai() -> None:
    extra = "* Object when we use your content and conversations to train our models.\n"
    record = compare_texts(*_with(AI_RULE + extra))
    assert "ai_training" in record.categories


def test_the_same_ai_rule_in_terms_of_service_stays_ai() -> None:
    old, new = (
        t.replace("## Prohibited uses", "## Your obligations")
        for t in _with(AI_RULE, title="Terms of Service")
    )
    record = compare_texts(old, new)
    assert "ai_training" in record.categories


def test_conduct_documents_are_known_by_title_or_first_lines() -> None:
    assert conduct_document("xAI Acceptable Use Policy", "")
    assert conduct_document(None, "Policy Center\n\nCommunity Guidelines\n\n=====\n\nAt Snap, we ...")
    assert not conduct_document("Privacy Policy", "We collect data.")
    # a link to the guidelines in the first lines does not make a document rules of conduct
    assert not conduct_document(
        None, "**Intellectual Property Policy**\n\nOur [Community Guidelines](https://x.test/cg) apply."
    )


def test_bans_on_privacy_and_security_subjects_are_rules_of_conduct() -> None:
    extra = (
        "* Gain unauthorized access to systems, networks or devices through technical attacks.\n"
        "* Use stolen or unauthorized payment methods, or otherwise evade payment for our services.\n"
        "* Illegally produce, acquire, sell, or distribute controlled substances.\n"
    )
    record = compare_texts(*_with(extra))
    assert record.categories == ["account_termination"]
    assert {c.category for c in record.changes} == {"account_termination"}


def test_what_a_usage_policy_says_of_the_users_own_data_keeps_its_subject() -> None:
    extra = "* Note: we share your personal data with law enforcement when you break these rules.\n"
    record = compare_texts(*_with(extra))
    assert set(record.categories) & {"third_party_sharing", "government_requests"}
