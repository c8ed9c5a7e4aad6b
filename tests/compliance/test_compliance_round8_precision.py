"""Round 8 (#15, precision, cprec8): three narrow readings proposed by why8 (docs/compliance.md, item 5).

Synthetic changes and texts, so each rule is checked on its own; the golden cases measure the whole.
"""

from __future__ import annotations

import pytest

from summarizer.compliance.signals import change_signals
from tests.compliance.conftest import make_change


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a category filed under transfers that says nothing of data going abroad
        (
            "The application of the United Nations Convention on Contracts for the International Sale of Goods is excluded.",
            False,
        ),
        ("Customer will not copy or modify the Software.", False),
        # a transfer stated in its own words
        ("We may transfer your personal data to servers located outside the European Economic Area.", True),
        ("Your information may be processed in countries other than the one where you live.", True),
        ("Data may be stored overseas by our group companies.", True),
        ("We rely on the Standard Contractual Clauses for these transfers.", True),
    ],
)
def test_a_new_transfer_destination_needs_a_word_of_transfer(text: str, expected: bool) -> None:
    cs = change_signals(make_change("international_transfer", "added", [], [text], direction="up"))
    assert ("new_transfer_destination" in cs.names) is expected
