"""AI phrases beyond the frozen lexicon, and AI-made content that is no use of AI on the user (issue 12)."""

from __future__ import annotations

import pytest

from summarizer.analyzers.rules.ai import ai_phrases
from summarizer.api import compare_texts


@pytest.mark.parametrize(
    "text",
    [
        "These requirements also apply to third-party AI integrations.",
        "Results can include AI responses personalised to you.",
        "We may use your prompts to fine-tune our models.",
        "Agentic features can book tickets for you.",
        "Content may be used to ground an LLM.",
        "We may use your chats to improve our models.",
        "Generative features can create images for you.",
        "Our virtual assistant answers your questions.",
    ],
)
def test_ai_phrases_are_found(text: str) -> None:
    assert ai_phrases(text) >= 1


@pytest.mark.parametrize(
    "text",
    [
        "Ads with AI-generated or edited assets must include labels.",
        "Listings may not include images created with AI.",
        "Keep your account details secure.",
        "We use your feedback to improve our services.",
        "An authorized agent may act on your behalf.",
    ],
)
def test_ai_made_content_and_plain_text_are_not_ai_phrases(text: str) -> None:
    assert ai_phrases(text) == 0


POLICY = "# User data\n\n## Third-party code\n\nYou must ensure that SDKs in your app follow this policy.{extra}\n\n## Disclosure\n\nYou must disclose how your app uses data.\n"


def test_a_sentence_extending_rules_to_third_party_ai_is_named_ai_training() -> None:
    old = POLICY.format(extra="")
    new = POLICY.format(
        extra=" These requirements also apply to third-party AI integrations, and you remain responsible."
    )
    record = compare_texts(old, new)
    assert record.material
    assert "ai_training" in record.categories


def test_an_ai_company_named_in_a_table_cell_is_the_rows_party_not_an_ai_practice() -> None:
    """Round 5: 'OpenAI' setting a 'Personalized marketing consent' cookie on chatgpt.com."""
    from summarizer.analyzers.rules.ai import ai_phrases

    row = "| [OpenAI](https://openai.example/p) | oai_consent | 6 months | Personalized marketing consent | chatgpt.com |"
    assert ai_phrases(row) == 0
    assert ai_phrases("| OpenAI may use your chats to personalize answers | yes |") == 1
    assert ai_phrases("OpenAI may use your chats to personalize answers.") == 1
