"""Round 5, last hour (#15): denials, advertising cookies, the words of a lawful basis, the subject's rank."""

from __future__ import annotations

import pytest

from summarizer.compliance.practices import new_legal_basis
from summarizer.compliance.signals import change_signals
from tests.compliance.conftest import make_change


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # plain contract language: no basis is named
        ("We may remove content if necessary to comply with our legal obligations, and we will not be liable.", None),
        ("We may share reports where it is in the public interest.", None),
        # the same words where the sentence is about processing or a basis
        ("We process your data where necessary to comply with our legal obligations.", "legal obligations"),
        ("The legal basis is compliance with legal obligations.", "legal basis"),
        ("We rely on our legitimate interests to secure the service.", "legitimate interests"),
    ],
)
def test_a_lawful_basis_needs_the_words_of_one(words: str, expected: str | None) -> None:
    assert new_legal_basis("", words) == expected
