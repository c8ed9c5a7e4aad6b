"""A phrase signal counts for a provision only where the phrase stands in the provision's own text
(own_text.py, issue 12 round 7), and a change judged restated claims nothing in the record's
balance."""

from __future__ import annotations

from pathlib import Path

from summarizer.api import compare_files
from summarizer.model.diff import ModalityShift, Signals
from summarizer.rubric.severity.evidence import signal_evidence
from summarizer.rubric.severity.own_text import reserves_right, stands_in

FRESH2 = Path(__file__).resolve().parents[3] / "evals" / "data" / "fresh2"


def test_stands_in_folds_case_and_punctuation() -> None:
    assert stands_in("at our discretion", "... conditions on the offer, At our discretion.")
    assert not stands_in("at our discretion", "at our sole discretion")
    assert not stands_in("", "anything")


def test_reserves_right_reads_its_forms() -> None:
    assert reserves_right("eharmony reserves the right to place limitations")
    assert reserves_right("We reserve all rights not expressly granted")
    assert not reserves_right("You have the right to object")


def _texts(ev: list) -> list[str]:
    return [e.text for e in ev]


def test_a_hunk_signal_counts_only_where_the_phrase_stands() -> None:
    sig = Signals(modality=[ModalityShift(old="at our discretion", new="", direction="weaker")])
    sig.reserve_right_removed = True
    held = "we reserve the right to limit offers at our discretion."
    never = "we will provide the personality profile as a pdf file by email."
    assert _texts(signal_evidence("security_breach", sig, held, "we limit offers.")) == [
        "'at our discretion' was removed",
        "'reserve the right' was removed",
    ]
    assert _texts(signal_evidence("security_breach", sig, never, "we provide access in settings.")) == []


def test_an_added_phrase_counts_only_where_the_new_text_holds_it() -> None:
    sig = Signals(modality=[ModalityShift(old="", new="at our discretion", direction="weaker")])
    sig.reserve_right_added = True
    assert (
        len(signal_evidence("account_termination", sig, "old", "we reserve the right, at our discretion."))
        == 2
    )
    assert signal_evidence("account_termination", sig, "old", "we may close accounts.") == []


def test_the_reparagraphed_eharmony_terms_no_longer_claim_worse() -> None:
    """fresh2, labelled neutral low by both annotators: a moved Match Unlocks passage and an address."""
    pair = FRESH2 / "eharmony-terms-of-service-2022-11-29-2025-01-15"
    record = compare_files(pair / "old.md", pair / "new.md")
    assert record.material
    assert record.direction not in ("worse", "better", "mixed")
    evidence = [e for c in record.changes if c.category == "security_breach" for e in c.evidence]
    assert not any("reserve the right" in e for e in evidence)
