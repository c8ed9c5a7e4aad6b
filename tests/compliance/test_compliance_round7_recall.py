"""Round 7, second pass (#15, crec7b): recall readings that are general, each checked on every open fold."""

from __future__ import annotations

from summarizer.compliance.regions import RegionMention
from summarizer.compliance.select import select_entries
from summarizer.compliance.signals import change_signals
from summarizer.compliance.table import load_table
from tests.compliance.conftest import make_change

_EU = {"EU": RegionMention("EU", "European Union", 3, "If you live in the European Union", evidence=2)}


def _ids(change, regions) -> set[str]:  # noqa: ANN001
    return {e.entry.id for e in select_entries(load_table(), [change_signals(change)], regions)}


def test_a_general_provision_subsumed_by_a_closer_sibling_leaves_its_slot_to_another_rule() -> None:
    # Art. 6(1) (any lawful basis) is engaged only by signals Art. 6(1)(f) (legitimate interests) also
    # takes, and 6(1)(f) fits better: 6(1) does not take one of the four EU places, so the notice
    # before a new purpose (Art. 13(3)) is kept for a switch to legitimate interests for AI training.
    change = make_change(
        "ai_training",
        "reworded",
        ["We train content-generating AI models with your data only with your consent."],
        [
            "We are updating this notice to provide information about our reliance on Legitimate Interests "
            "as the legal basis for training content-generating AI models with your data."
        ],
        direction="up",
    )
    ids = _ids(change, _EU)
    assert "gdpr-art6-1f-legitimate-interests" in ids
    assert "gdpr-art13-3-notice-before-new-purpose" in ids
    assert "gdpr-art6-1-lawful-basis" not in ids
