"""Arbitration the individual may invoke (DPF / Privacy Shield redress) is a right, not a waiver
(issue 12, round 7: rubric/severity/redress.py)."""

from __future__ import annotations

from summarizer.rubric.severity.factors import text_factors
from summarizer.rubric.severity.redress import invoked_redress


def _keys(category: str, text: str) -> set[str]:
    return {f.key for f in text_factors(category, text)}


def test_dpf_redress_is_a_way_to_seek_redress_not_forced_arbitration() -> None:
    text = (
        "If your complaint is not resolved by any other DPF mechanism, you have the possibility to invoke "
        "binding arbitration before the EU-U.S. Data Privacy Framework Panel."
    )
    keys = _keys("user_rights", text)
    assert "arbitration" not in keys
    assert "redress" in keys


def test_privacy_shield_election_is_redress() -> None:
    text = "You may elect to arbitrate your Privacy Shield claims against us pursuant to Annex I."
    assert "arbitration" not in _keys("dispute_resolution", text)


def test_a_clause_that_makes_the_user_arbitrate_still_counts() -> None:
    text = "You agree that any dispute between you and us will be resolved by binding arbitration."
    keys = _keys("dispute_resolution", text)
    assert "arbitration" in keys
    assert "redress" not in keys


def test_only_the_sentence_with_the_redress_is_spared() -> None:
    text = (
        "Any dispute will be resolved by binding arbitration. "
        "EU individuals may invoke binding arbitration before the Privacy Shield Panel."
    )
    at = text.index("arbitration")
    assert not invoked_redress(text, at, at + len("arbitration"))
    later = text.rindex("arbitration")
    assert invoked_redress(text, later, later + len("arbitration"))
