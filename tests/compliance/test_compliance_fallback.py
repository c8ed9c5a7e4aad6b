"""When the record lists no material change, the compliance analysis reads the sentences the raw texts
add or grow (``summarizer.compliance.fallback``); cosmetic pairs still cite nothing (issue #15, round 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.api import compare_files
from summarizer.compliance import analyze_compliance
from summarizer.compliance.fallback import changed_sentences

ROOT = Path(__file__).resolve().parents[2]
OTA = ROOT / "evals" / "data" / "ota"


def _pair(name: str) -> tuple[Path, Path]:
    return OTA / name / "old.md", OTA / name / "new.md"


def test_a_purpose_grown_inside_a_sentence_becomes_a_provisional_change() -> None:
    old = "We use your communication history with us via email, phone and chat to respond to your requests and keep you updated."
    new = (
        "We use your communication history with us via email, phone and chat to respond to your requests, to improve "
        "the responses provided by our virtual assistant, and keep you updated."
    )
    [change] = changed_sentences(old, new)
    assert change.kind == "expanded" and change.direction is None
    assert change.quotes_old == [old] and change.quotes_new == [new]
    assert change.category == "data_use_purpose"  # classified on the words it adds


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # link targets and markup only
        (
            "You can read our [Privacy Policy](https://a.example/p) and our cookie notice before you use the Services.",
            "You can read our **[Privacy Policy](https://b.example/privacy)** and our cookie notice before you use the Services.",
        ),
        # numbers and a month only
        (
            "The metrics above are for calendar year 2024 (January through December), and represent requests by users.",
            "The metrics above are for calendar year 2025 (January through December), and represent requests by users.",
        ),
        # words lost, none added
        (
            "We have other terms including our Privacy policy and WEEE collection (collection of your old appliances for free).",
            "We have other terms including our Privacy policy and WEEE collection.",
        ),
        # a short heading renamed
        (
            "Cookie and Similar Technologies Policy",
            "Temu United States Cookies and Similar Technologies Policy",
        ),
    ],
)
def test_cosmetic_or_shrinking_pairs_give_no_provisional_change(old: str, new: str) -> None:
    assert changed_sentences(old, new) == []


@pytest.mark.parametrize(
    "pair", ["kraken-privacy-policy-2025-10-01-2025-10-31", "meetup-privacy-policy-2022-11-18-2022-12-03"]
)
def test_real_cosmetic_pairs_still_cite_nothing(pair: str) -> None:
    old, new = _pair(pair)
    record = compare_files(old, new)
    assert not record.material
    section = analyze_compliance(record, old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8"))
    assert section.entries == []


def test_an_update_notice_rewritten_engages_the_unilateral_change_rules() -> None:
    old, new = _pair("wix-terms-of-service-2025-10-31-2025-11-02")
    record = compare_files(old, new)
    assert not record.material and not record.changes  # the record sees nothing
    section = analyze_compliance(record, old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8"))
    assert {"uctd-annex-1j-unilateral-alteration", "dsa-art14-terms-and-conditions"} <= set(section.entries)
    assert any("lists no material change" in n for n in section.notes)
