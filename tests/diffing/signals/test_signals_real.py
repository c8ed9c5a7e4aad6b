"""Signals and the rubric on real paragraphs from the bundled Open Terms Archive pairs.

Paragraphs are located in the files by a phrase they contain, so these tests do not depend on
how the diff engine cuts hunks.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from summarizer.diffing.signals import compute_signals
from summarizer.model.taxonomy import Severity
from summarizer.rubric.severity import assess_change

OTA = Path(__file__).resolve().parents[3] / "evals" / "data" / "ota"


def paragraph(pair: str, side: str, phrase: str) -> str:
    """The first blank-line separated paragraph of evals/data/ota/<pair>/<side>.md containing *phrase*."""
    text = (OTA / pair / f"{side}.md").read_text(encoding="utf-8")
    found = [p for p in re.split(r"\n\s*\n", text) if phrase in p]
    assert found, f"{phrase!r} not found in {pair}/{side}.md"
    return found[0]


def pair_paragraphs(pair: str, phrase: str, new_phrase: str | None = None) -> tuple[str, str]:
    return paragraph(pair, "old", phrase), paragraph(pair, "new", new_phrase or phrase)


BITWARDEN = "bitwarden-privacy-policy-2022-03-10-2022-03-25"
ALIBABA = "alibaba-com-terms-of-service-2019-05-22-2019-07-02"
SPOTIFY = "spotify-terms-of-service-2021-02-23-2021-09-01"


def test_bitwarden_lowered_the_age_of_children_it_protects() -> None:
    old, new = pair_paragraphs(BITWARDEN, "The Site or Bitwarden Service is not directed to")
    sig = compute_signals(old, new)
    assert [(n.old, n.new, n.unit) for n in sig.numbers] == [("16", "13", "age")]
    assert sig.negation == [] and sig.modality == []
    a = assess_change("children_audiences", old, new, sig)
    assert a.direction == "up"
    assert "from 16 to 13" in a.reason


def test_alibaba_added_a_reserved_right_to_monitor_content() -> None:
    old, new = pair_paragraphs(ALIBABA, "5.10Member acknowledges", "5.10 Member acknowledges")
    sig = compute_signals(old, new)
    assert sig.reserve_right_added and not sig.reserve_right_removed
    a = assess_change("content_license_ip", old, new, sig)
    assert a.direction == "up"
    assert "reserve" in a.reason


def test_spotify_dropped_the_25000_dollar_threshold() -> None:
    old, new = pair_paragraphs(SPOTIFY, "Any arbitration hearings will")
    sig = compute_signals(old, new)
    assert [(n.old, n.new, n.unit) for n in sig.numbers] == [("$25,000", "", "currency")]


def test_spotify_liability_cap_amount_appears() -> None:
    old, new = pair_paragraphs(SPOTIFY, "IN NO EVENT WILL SPOTIFY")
    sig = compute_signals(old, new)
    assert ("", "$30.00", "currency") in [(n.old, n.new, n.unit) for n in sig.numbers]


@pytest.mark.parametrize("pair", [BITWARDEN, ALIBABA, SPOTIFY])
def test_real_document_against_itself_reordered_gives_no_signals(pair: str) -> None:
    """Shuffling the paragraphs of a real policy changes nothing the signals should see."""
    text = (OTA / pair / "new.md").read_text(encoding="utf-8")
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    shuffled = paragraphs[:]
    random.Random(7).shuffle(shuffled)
    sig = compute_signals("\n\n".join(paragraphs), "\n\n".join(shuffled))
    assert sig.is_empty()
    assert sig.parties  # real policies name parties


def test_real_rewording_rates_the_same() -> None:
    """The same real paragraph with typography and Markdown noise is not a change in meaning."""
    old = paragraph(BITWARDEN, "new", "The Site or Bitwarden Service is not directed to")
    new = old.replace("'", "\u2019").replace("Personal Information", "**Personal Information**")
    a = assess_change("children_audiences", old, new)
    assert a.direction == "same" and a.before == a.after != Severity.none
