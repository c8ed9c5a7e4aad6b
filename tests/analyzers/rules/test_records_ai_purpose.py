"""Data used for AI is a purpose of use too (analyzer._ai_use_of_data, issue 12 labelling scale)."""

from summarizer.api import compare_texts

POLICY = """# Privacy Policy

## How we use information

We use your information to provide the service and to answer your questions.{extra}

## Your choices

You can unsubscribe from marketing emails at any time.
"""


def test_chats_used_to_improve_models_name_the_purpose():
    new = POLICY.format(extra=" We may use your chats with the assistant to improve our AI models.")
    record = compare_texts(POLICY.format(extra=""), new)
    assert {"ai_training", "data_use_purpose"} <= set(record.categories)


def test_ai_feature_without_a_purpose_names_ai_only():
    new = POLICY.format(extra=" Agentic features are available in some countries.")
    record = compare_texts(POLICY.format(extra=""), new)
    assert "ai_training" in record.categories
    assert "data_use_purpose" not in record.categories


def test_business_users_ai_rules_are_not_a_purpose_of_use():
    rules = "# Developer Program Policies\n\nYour app must follow these rules.{extra}\n\n## Ads\n\nYour ads must be clear.\n"
    new = rules.format(extra=" Your app must not use AI models to generate deceptive content.")
    record = compare_texts(rules.format(extra=""), new)
    assert "data_use_purpose" not in record.categories
