"""Round 7 (issue 12, ai7): training on the reader's data unless they opt out is a cue of its own,
worse in the consumer and the business view (on by default: the opt-out is the way out, not a gain).

Sentences are this project's own wording, after the shape of AI providers' terms."""

from __future__ import annotations

import pytest

from summarizer.diffing.signals import canonical
from summarizer.rubric.clauses import POLARITY, sentence_kind
from summarizer.rubric.severity.factors import factors_canon


@pytest.mark.parametrize(
    "sentence",
    [
        "Provider will not use Customer Data to train its models except (a) for data submitted under a free plan, "
        "where Customer has not opted out of training, or (b) as agreed in an Order Form.",
        "We may use your chats to train our AI models unless you opt out in Settings.",
        "In some regions, your prompts can help train our AI models unless you turn it off.",
        "We may use data from beta models to train our models, unless you have activated zero data retention.",
        "Model training on your conversations is enabled by default.",
        "We may use your inputs to train our models, and your opt-out choice does not apply to beta features.",
    ],
)
def test_training_unless_the_user_opts_out_is_worse_in_both_views(sentence: str) -> None:
    assert sentence_kind(sentence) == "training_default"
    assert POLARITY["training_default"]["consumer"] == 1
    assert POLARITY["training_default"]["business"] == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "We do not use your conversations to train our models.",
        "You can opt out of model training at any time in Settings.",  # an opt-out offered, nothing more
        "If you opt out, we will not use your conversations to train our models.",
        "We will not use your prompts to train our models unless you opt in.",
        "Your train tickets are refunded unless you opt out of the travel insurance.",  # no model, no AI
    ],
)
def test_other_training_or_opt_out_sentences_are_not_this_cue(sentence: str) -> None:
    assert sentence_kind(sentence) != "training_default"


def test_the_rubric_rates_opted_out_training_as_a_factor() -> None:
    text = canonical(
        "Provider will not use Customer Data to train its models except for data of free plans, "
        "where Customer has not opted out of training."
    )
    keys = {f.key for f in factors_canon("ai_training", text)}
    assert "training_default" in keys
    plain = canonical("Provider will not use Customer Data to train its models.")
    assert "training_default" not in {f.key for f in factors_canon("ai_training", plain)}
