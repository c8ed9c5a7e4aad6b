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
        (
            "We may remove content if necessary to comply with our legal obligations, and we will not be liable.",
            None,
        ),
        ("We may share reports where it is in the public interest.", None),
        # the same words where the sentence is about processing or a basis
        ("We process your data where necessary to comply with our legal obligations.", "legal obligations"),
        ("The legal basis is compliance with legal obligations.", "legal basis"),
        ("We rely on our legitimate interests to secure the service.", "legitimate interests"),
    ],
)
def test_a_lawful_basis_needs_the_words_of_one(words: str, expected: str | None) -> None:
    assert new_legal_basis("", words) == expected


def _ids(change, regions) -> set[str]:  # noqa: ANN001
    from summarizer.compliance.select import select_entries
    from summarizer.compliance.table import load_table

    return {e.entry.id for e in select_entries(load_table(), [change_signals(change)], regions)}


def test_the_ccpa_opt_out_right_is_not_a_sibling_of_the_definitions() -> None:
    from summarizer.compliance.regions import RegionMention

    regions = {
        "US-CA": RegionMention("US-CA", "California", 3, "California residents may ask us", evidence=2)
    }
    change = make_change(
        "sale_targeted_ads",
        "added",
        [],
        [
            "We share your device identifiers with advertising partners to show you personalized ads on other sites."
        ],
        direction="up",
    )
    ids = _ids(change, regions)
    assert "ccpa-1798-120-opt-out-sale-sharing" in ids
    assert ids & {"ccpa-1798-140-ah-share-definition", "ccpa-1798-140-k-cross-context-behavioral-advertising"}
