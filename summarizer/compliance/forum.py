"""Round 8 (#15, crec8): the court or law a contract names, compared old -> new, whatever the record's rating.

A choice of forum is a contract term whose subject is a place: "the exclusive jurisdiction of the District
Court of Bratislava I" where the old terms said "governed by the laws of Malta in the District Court of
Sliema". The record may rate such a rewrite better (the old side lost words it reads as protections) and
quote only part of the old clause, so nothing is read from it; but a consumer now sent to another country's
courts is what the unfair-terms rules on legal action (UCTD Annex 1(q)) ask a reviewer to check. As the
lawful-basis and transfer-mechanism readings do, this reads the term's own subject: a sentence of a
dispute-resolution change that names a court or a governing law in a place the old document never named
for a court or law (the old document must name one: a forum added where there was none is the record's to
rate) gives ``governing_law_changed``.
"""

from __future__ import annotations

import re

from summarizer.compliance.practices import denied, sentence_around
from summarizer.compliance.signals import ChangeSignals
from summarizer.text.lazy_re import lazy

# "the laws of Malta", "the courts of the State of New York", "the District Court of Bratislava I",
# "courts located in Santa Clara County", "exclusive jurisdiction of the courts in Dublin". Case-sensitive
# on the place (a proper noun): "the law of contracts" names no place.
_FORUM = lazy(
    r"\b(?:[Ll]aws?|[Cc]ourts?|[Tt]ribunals?|[Jj]urisdiction)\s+(?:(?:located|sitting|situated)\s+)?(?:of|in)\s+"
    r"(?:the\s+)?(?:(?:State|Republic|Commonwealth|Province|Kingdom|Grand Duchy|County|City)\s+of\s+(?:the\s+)?)?"
    r"([A-Z][\w'’-]+)"
)
# Capitalised words after "of" / "in" that are not places (a court's kind: "jurisdiction of the District
# Court of ..." names its place after the court).
_NOT_PLACES = frozenset(
    "The This These Such Any Your Our Its Their Each Which Section Article Clause Terms Agreement Service "
    "Services Company Competent Relevant Applicable Arbitration Court Courts Tribunal District Supreme Regional "
    "High Superior Federal Circuit Municipal Commercial County State".split()
)
# A company's incorporation names its law, not the contract's ("a company organized under the laws of").
_INCORPORATED = lazy(
    r"\b(?:organi[sz]ed|incorporated|registered|existing|formed|established)\s+(?:and\s+\w+\s+)?under\s+(?:the\s+)?$"
)
_CAPITAL = lazy(r"\b[A-Z][\w'’-]+")
# How far after a choice its place's name is read for the old document's places.
_PLACE_REACH = 60
# Only these categories carry a forum clause (the entry it engages is filed there too).
CATEGORY = "dispute_resolution"


def _forums(text: str) -> list[re.Match[str]]:
    """The court or law choices of *text* (not a company's incorporation: "organized under the laws of")."""
    low = text.lower()
    if "law" not in low and "court" not in low and "jurisdiction" not in low:
        return []
    return [
        m
        for m in _FORUM.finditer(text)
        if m.group(1) not in _NOT_PLACES
        and not _INCORPORATED.search(text[max(0, m.start() - 30) : m.start()])
    ]


def forum_places(text: str) -> set[str]:
    """Every capitalised word of the places *text* names for a court or a governing law (the choice and the
    few words after it: "the Northern District of California" gives Northern, District, California)."""
    return {
        word
        for m in _forums(text)
        for word in _CAPITAL.findall(text, m.start(1), min(len(text), m.start(1) + _PLACE_REACH))
    }


def _new_forum(quotes: list[str], before: set[str]) -> tuple[str, str] | None:
    """The first (place, sentence) of *quotes* naming a court or law in a place not in *before*."""
    for quote in quotes:
        for m in _forums(quote):
            place = m.group(1)
            if place not in before and not denied(quote, m.start()):
                return place, sentence_around(quote, m, from_start=True, keep_stop=True)
    return None


def moved_forum(changed: list[ChangeSignals], old_text: str) -> list[ChangeSignals]:
    """One sentence-sized change per dispute-resolution change whose new quotes name a court or law in a
    place the old document names for none (see the module docstring); the old document must name one."""
    out: list[ChangeSignals] = []
    before: set[str] | None = None
    for cs in changed:
        change = cs.change
        if change.category != CATEGORY or "governing_law_changed" in cs.signals:
            continue
        if not forum_places(" ".join(change.quotes_new)):
            continue
        if before is None:
            before = forum_places(old_text)
        if not before:
            return []  # no forum to compare with
        found = _new_forum(change.quotes_new, before)
        if found is None:
            continue
        place, sentence = found
        moved = ChangeSignals(change.model_copy(update={"quotes_old": [], "quotes_new": [sentence]}))
        was = ", ".join(sorted({m.group(1) for m in _forums(old_text)}))
        moved.signals["governing_law_changed"] = f"names the courts or law of '{place}' (was {was})"
        moved.added.add("governing_law_changed")
        out.append(moved)
    return out
