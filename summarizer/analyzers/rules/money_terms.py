"""Money the reader pays or is paid, named by a changed sentence's own words (issue 12, round 8).

A commission rate, a fee, a refund or a payout that changes is a payment term whatever subject
the classifier filed its passage under (a new attachment 'amended and restated so that Apple's
standard commission rate ... is twenty-five percent (25%)' reads as a notice of change; a
forfeited bonus in an affiliate agreement as rules for the business). :func:`money_changed` says
when a material provision's changed sentences name such money, so the record files itself under
``liability_warranty_payment`` beside its other subjects.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.analyzers.rules.changed_sentences import changed_sentences
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision

#: Money that moves between the reader and the company.
_MONEY = lazy(
    r"\b(?:commissions?(?: rates?)?|fees?|refund(?:s|ed|able)?|payouts?|charges?|prices?|costs?|"
    r"withdrawals?|reimburse\w*|chargebacks?|subscription price)\b",
    re.I,
)
#: ... said as an amount, or as owed by or to the reader.
_OWED = lazy(
    r"\d+(?:[.,]\d+)?\s*(?:%|percent)|\bper ?cent\b|[$€£]\s?\d|\b(?:you|your)\b(?:\s+\w+){0,4}\s+"
    r"(?:pay|owe|are responsible|will be charged|receive|earn|get)\b|\bresponsible for\b[^.]{0,80}\bcosts?\b",
    re.I,
)


#: A sentence of examples or advertising copy ('such as 25% 50% off!') states no term.
_EXAMPLES = lazy(r"\b(?:such as|e\.g\.|for example|for instance)\b|!", re.I)


def money_changed(prov: Provision) -> bool:
    """A sentence that came or went in *prov* names money with an amount or a payer: a payment term
    (not a sentence of examples or advertising copy, :data:`_EXAMPLES`)."""
    return any(
        _MONEY.search(sent) and _OWED.search(sent) and not _EXAMPLES.search(sent)
        for sent, _ in changed_sentences(prov)
    )
