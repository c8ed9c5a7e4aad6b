"""A whole sentence that says who owes or may do what is a change even when the passage's rating
does not move (issue 12: "Unchanged: reworded without a change in what it permits" applied to real
changes), and sentences about training AI on the user's content read as worse for them. The
sentences are generic AI-policy wording written for these tests, not taken from a labelled set."""

from __future__ import annotations

import pytest

from summarizer.api import compare_texts
from summarizer.rubric.clauses import sentence_kind, whole_new_clause

BASE = (
    "# Privacy Policy\n\n## How we use information\n\nWe use the information we collect to provide and "
    "maintain our services, and to communicate with you.\n\n## Sharing\n\nWe share information with service "
    "providers who process it for us.\n"
)


def _appended(sentence: str) -> str:
    return BASE.replace("communicate with you.", "communicate with you. " + sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Grok may be trained on your public posts and interactions.",
        "We may use your conversations with the assistant to improve our models.",
        "Your content may be used to develop and improve our AI.",
        "Agents can take actions on your behalf, such as booking reservations or making purchases.",
    ],
)
def test_an_ai_sentence_inside_a_paragraph_is_a_material_ai_change_for_the_worse(sentence: str) -> None:
    record = compare_texts(BASE, _appended(sentence))
    assert record.material and "ai_training" in record.categories
    assert record.direction == "worse"


def test_cue_kinds_of_training_and_lost_options_and_their_negations() -> None:
    assert (
        sentence_kind("We may use your conversations with the assistant to improve our models.")
        == "ai_training"
    )
    assert sentence_kind("Grok may be trained on your public posts and interactions.") == "ai_training"
    assert sentence_kind("We do not use your conversations to train our models.") == "protection"
    # round 5: a contraction reads in full, so this is the same promise as the line above
    assert sentence_kind("We don't use your prompts to train models.") == "protection"
    assert sentence_kind("Developers must not use user data to train AI models.") == "reader_duty"
    assert sentence_kind("We improve our services using aggregated data.") is None
    lost = "We no longer offer an option to opt out of having your prompts used for training."
    assert sentence_kind(lost) == "lost_option"


def test_a_whole_new_clause_is_new_words_not_a_rewording_nor_a_pointer() -> None:
    old = "We may share your information with our partners for marketing."
    assert whole_new_clause(old, old + " We may sell your information to data brokers.") is not None
    reworded = "We may share your personal information with our partners for marketing purposes."
    assert whole_new_clause(old, reworded) is None  # most words shared: a rewording
    banner = "You can view the prior terms, which apply until September 16, 2024, here."
    assert whole_new_clause(banner + " " + old, old) is None  # a permission for the reader only
    record = compare_texts(BASE, _appended("An authorized agent may act on your behalf to submit a request."))
    assert "ai_training" not in record.categories  # a CCPA authorized agent is not an AI agent
