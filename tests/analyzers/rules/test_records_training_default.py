"""Round 7 (issue 12, ai7): a business customer's terms whose promise not to train on customer data
gains an exception "where Customer has not opted out of training" make a record that is worse and
high (the business view does not soften training on the customer's own data). After fresh4's
le-chat-commercial-terms pair; the wording here is this project's own."""

from __future__ import annotations

from summarizer.api import compare_texts

TERMS = """# Commercial Terms of Service

## Provider Use of Customer Data

**Training.** Provider will not use Customer Data to train its artificial intelligence models except {exceptions}.

## Fees

Customer will pay all fees set out in the Order Form within thirty days of the invoice date.
"""

OLD = "(a) when Customer provides Feedback to Provider, or (b) as otherwise agreed in an Order Form"
NEW = (
    "(a) for Customer Data submitted under a free or Pro subscription, where Customer has not opted out of "
    "training, (b) when Customer provides Feedback to Provider, or (c) as otherwise agreed in an Order Form"
)


def test_training_unless_the_customer_opts_out_is_worse_and_high() -> None:
    record = compare_texts(TERMS.format(exceptions=OLD), TERMS.format(exceptions=NEW))
    assert record.material
    assert record.direction == "worse", record.flags
    assert record.severity == "high"
    assert "ai_training" in record.categories


def test_the_same_exception_removed_is_not_worse() -> None:
    record = compare_texts(TERMS.format(exceptions=NEW), TERMS.format(exceptions=OLD))
    assert record.direction != "worse"
    assert record.severity != "high"
