"""The round-4 compliance hot spots, kept as the peer of ``bench/compliance_bench.py``.

Round 5 (#15) made the offline compliance analysis cheaper on long documents without changing its
output. This module keeps the functions it replaced, as they were (commit 1db20be), and
:func:`round4_code` swaps them into ``summarizer.compliance`` for the duration of a ``with`` block,
so the bench can time the old and the new code in one process, on the same records, and check that
both give the same sections. Everything else (selection, rating, prose) is the checkout's own code,
so the comparison isolates the parts that were replaced.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from summarizer.compliance import analysis, fallback
from summarizer.compliance.regions import (
    _CASE_SENSITIVE,
    _I,
    _KEYWORDS,
    _LAW_AFTER,
    _LAW_WORDS,
    _READER_AFTER,
    _READER_BEFORE,
    REGIONS,
    US_STATES,
    RegionMention,
    _find_all,
    _is_heading,
    _sentence_around,
)
from summarizer.compliance.verify import forbidden_claims, normalise, own_prose, statements

# --- regions.py ---------------------------------------------------------------------------------


def mentioned_regions(text: str) -> dict[str, RegionMention]:
    lower = text.lower()
    same_offsets = len(lower) == len(text)
    found: dict[str, RegionMention] = {}
    for code, keywords in _KEYWORDS.items():
        haystack = text if code in _CASE_SENSITIVE or not same_offsets else lower
        hits: list[tuple[int, int]] = []
        for word, left, right in keywords:
            hits += [(at, at + len(word)) for at in _find_all(haystack, word, left, right)]
        if code not in _CASE_SENSITIVE and not same_offsets:
            rx = re.compile(REGIONS[code][1], _I)
            hits = [(m.start(), m.end()) for m in rx.finditer(text)]
        if hits:
            start, end = min(hits)
            found[code] = RegionMention(code, REGIONS[code][0], len(hits), _sentence_around(text, start, end))
    if "EEA" in found and "EU" not in found:
        found["EU"] = RegionMention("EU", REGIONS["EU"][0], found["EEA"].count, found["EEA"].quote)
    if "EU" in found and "EEA" not in found:
        found["EEA"] = RegionMention("EEA", REGIONS["EEA"][0], found["EU"].count, found["EU"].quote)
    if any(code in found for code in US_STATES) and "US" not in found:
        first = next(found[c] for c in US_STATES if c in found)
        found["US"] = RegionMention("US", REGIONS["US"][0], first.count, first.quote)
    return found


def addressing_evidence(text: str, codes: Iterable[str] | None = None) -> dict[str, int]:
    wanted = set(_KEYWORDS) if codes is None else set(codes)
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    found: dict[str, int] = {}
    for code, keywords in _KEYWORDS.items():
        if code not in wanted:
            continue
        haystack = text if code in _CASE_SENSITIVE else lower
        n = 0
        for word, left, right in keywords:
            law = word.lower() in _LAW_WORDS
            for at in _find_all(haystack, word, left, right):
                end = at + len(word)
                if (
                    law
                    or _READER_BEFORE.search(text[max(0, at - 160) : at])
                    or _READER_AFTER.match(text[end : end + 30])
                    or _LAW_AFTER.match(text[end : end + 80])
                    or _is_heading(text, at)
                ):
                    n += 1
        if n:
            found[code] = n
    for a, b in (("EU", "EEA"), ("EEA", "EU")):
        if a in found:
            found.setdefault(b, found[a])
    if any(code in found for code in US_STATES):
        found.setdefault("US", sum(found.get(c, 0) for c in US_STATES))
    return found


# --- analysis.py --------------------------------------------------------------------------------


class _NoScan:
    """Stands in for ``TextScan``: the round-4 code scanned inside each function."""

    def __init__(self, text: str, peer: object = None) -> None:
        self.text = text
        self.lower = None


def _named_regions(old_scan: _NoScan, new_scan: _NoScan) -> dict[str, RegionMention]:
    regions = mentioned_regions(new_scan.text)
    for code, mention in mentioned_regions(old_scan.text).items():
        regions.setdefault(code, mention)
    return regions


def _with_evidence(
    regions: dict[str, RegionMention], old_text: str, new_text: str, scans: object = None
) -> dict[str, RegionMention]:
    evidence = addressing_evidence(new_text)
    unaddressed = [code for code in regions if code not in evidence]
    if unaddressed and old_text != new_text:
        evidence.update(addressing_evidence(old_text, unaddressed))
    if not set(evidence) & analysis.TABLE_REGIONS:
        return regions
    return {code: replace(m, evidence=evidence.get(code, 0)) for code, m in regions.items()}


def _mostly_latin(text: str, sample: int = 20000) -> bool:
    letters = [ch for ch in text[:sample] if ch.isalpha()]
    return bool(letters) and sum(ch.isascii() for ch in letters) / len(letters) > 0.9


def _names_authority(text: str, lower: str | None = None) -> str | None:
    m = analysis._AUTHORITY.search(text)
    if not m:
        return None
    start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
    ends = [i for i in (text.find(".", m.end()), text.find("\n", m.end())) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return text[start:end].strip() or None


# --- fallback.py, verify.py, signals.py ---------------------------------------------------------


def _sentences_pair(old_text: str, new_text: str) -> tuple[dict[str, str], dict[str, str]]:
    return fallback._sentences(old_text), fallback._sentences(new_text)


def verify_section(section, table, old_text: str, new_text: str) -> list[str]:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    known = table.by_id()
    haystack = normalise(old_text) + "\n" + normalise(new_text)
    cited: list[str] = [i for s in statements(section) for i in s.entries]
    cited += [i for f in section.jurisdictions for i in f.entries] + list(section.entries)
    for entry_id in dict.fromkeys(cited):
        if entry_id not in known:
            problems.append(f"citation_not_in_table: {entry_id}")
    quotes = [q for s in statements(section) for q in s.quotes] + [
        q for f in section.jurisdictions for q in f.quotes
    ]
    for quote in dict.fromkeys(quotes):
        if normalise(quote) not in haystack:
            problems.append(f"quote_not_found: {quote[:80]}")
    for phrase in forbidden_claims(own_prose(section)):
        problems.append(f"forbidden_claim: {phrase}")
    return problems


_SPACE = re.compile(r"\s+")


def drop_restated(changed, new_text: str) -> None:  # type: ignore[no-untyped-def]
    flat = None
    for cs in changed:
        olds = [q for q in cs.change.quotes_old if q.strip()]
        if not olds or not cs.signals:
            continue
        if flat is None:
            flat = _SPACE.sub(" ", new_text)
        if not all(_SPACE.sub(" ", q).strip() in flat for q in olds):
            continue
        if not any(q.strip() for q in cs.change.quotes_new):
            cs.signals.clear()
            cs.added.clear()
            cs.new_topics.clear()
        else:
            for name in [n for n, why in cs.signals.items() if why.startswith("drops ")]:
                del cs.signals[name]


# --- the swap -----------------------------------------------------------------------------------

_SWAPS = {
    analysis: {
        "TextScan": _NoScan,
        "_named_regions": _named_regions,
        "_with_evidence": _with_evidence,
        "_mostly_latin": _mostly_latin,
        "_names_authority": _names_authority,
        "verify_section": verify_section,
        "drop_restated": drop_restated,
    },
    fallback: {"_sentences_pair": _sentences_pair},
}


@contextlib.contextmanager
def round4_code() -> Iterator[None]:
    """Run the block with the round-4 versions of the replaced functions."""
    saved = {(module, name): getattr(module, name) for module, names in _SWAPS.items() for name in names}
    try:
        for module, names in _SWAPS.items():
            for name, value in names.items():
                setattr(module, name, value)
        yield
    finally:
        for (module, name), value in saved.items():
            setattr(module, name, value)
